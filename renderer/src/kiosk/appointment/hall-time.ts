/** "09:30" in the hall's time zone, whatever the kiosk PC's own zone (pure). */
export function hallTime(iso: string, timeZone: string | undefined): string {
  return new Intl.DateTimeFormat('zh-CN', {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone,
  }).format(Date.parse(iso));
}
