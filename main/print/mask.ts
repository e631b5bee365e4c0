/** Masking for paper: a ticket shows 张* or 欧阳** — the surname only, never the full name. */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length === 0) return '';
  // Latin names: keep the first letter of the first word.
  if (/^[\x20-\x7e]+$/.test(name))
    return `${chars[0]}${'*'.repeat(Math.max(1, Math.min(3, chars.length - 1)))}`;
  const keep = chars.length >= 4 ? 2 : 1; // 复姓 (欧阳, 司马) on names of four or more
  return chars.slice(0, keep).join('') + '*'.repeat(Math.max(1, chars.length - keep));
}
