/**
 * Masking for screens and paper: 张三 → 张*, 11010519491231002X → 1101**********002X.
 * Pure and dependency-free so the renderer and the ticket printer use the same rules.
 */

/** Keeps the first character (the family name, usually) and stars the rest, one per character. */
export function maskName(name: string): string {
  // Array.from counts code points, so a rare character outside the BMP is one star, not two.
  const chars = Array.from(name.trim());
  if (chars.length === 0) return '';
  return chars[0] + '*'.repeat(Math.max(chars.length - 1, 1));
}

/** The first 4 and last 4 characters; the birth date and sequence are hidden. */
export function maskIdNumber(idNumber: string): string {
  if (idNumber.length <= 8) return '*'.repeat(idNumber.length);
  return idNumber.slice(0, 4) + '*'.repeat(idNumber.length - 8) + idNumber.slice(-4);
}

/** A badge or card number: the last 4 only. */
export function maskTail(value: string): string {
  return value.length <= 4
    ? '*'.repeat(value.length)
    : '*'.repeat(value.length - 4) + value.slice(-4);
}

/** An identity as a technician's screen may show it: nothing that identifies the person. */
export function maskIdentity<
  T extends { idNumber: string; name?: string; birthDate: string; address?: string },
>(identity: T): T {
  const masked = {
    ...identity,
    idNumber: maskIdNumber(identity.idNumber),
    birthDate: `${identity.birthDate.slice(0, 4)}-**-**`,
  };
  if (identity.name) masked.name = maskName(identity.name);
  if (identity.address) masked.address = `${Array.from(identity.address).slice(0, 3).join('')}***`;
  return masked;
}
