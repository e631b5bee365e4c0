/**
 * A fixed-offset time zone in which it is now about noon. Tests that book appointments hours
 * either side of "now" on "today" would otherwise fail in the hall's evening and early morning
 * (in Asia/Shanghai a slot three hours ahead is tomorrow from 21:00 on, 13:00 UTC).
 */
export function noonZone(now = Date.now()): string {
  const offset = 12 - new Date(now).getUTCHours(); // −11 … +12 hours
  // The Etc/GMT zones are named with the sign reversed: Etc/GMT-8 is UTC+8.
  return offset === 0 ? 'Etc/UTC' : `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset)}`;
}
