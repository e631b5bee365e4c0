/** Masking for the screen (the same rules as the core's receipts): 张*, 1101**********002X. */
export function maskId(id: string): string {
  return id.length > 8
    ? id.slice(0, 4) + '*'.repeat(id.length - 8) + id.slice(-4)
    : '*'.repeat(id.length);
}

export function maskName(name: string): string {
  const chars = [...name.trim()];
  return chars.length <= 1 ? '*' : chars[0] + '*'.repeat(chars.length - 1);
}
