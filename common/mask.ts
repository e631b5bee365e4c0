/**
 * The one masking policy (GB/T 35273 de-identification) for everything a person may see: the
 * screen, the ticket and the receipt, the log and the technician's page.
 *   ID number  1101**********002X   first 4 and last 4
 *   name       张*  欧阳**  阿***·***  Z**** S**   the surname, one * per other character
 *   phone      138****1234
 * Pure and dependency-free so the renderer and the core run the same lines.
 */

// Common 复姓: a name starting with one of these keeps both characters. Decided by the list,
// not by the length of the name (欧阳娜 is 欧阳*, not 欧**).
// prettier-ignore
const COMPOUND_SURNAMES = new Set([
  '欧阳', '司马', '上官', '诸葛', '东方', '皇甫', '尉迟', '公孙', '慕容', '长孙',
  '宇文', '司徒', '夏侯', '令狐', '端木', '西门', '南宫', '独孤', '申屠', '太史',
  '澹台', '公冶', '宗政', '濮阳', '淳于', '单于', '太叔', '轩辕', '钟离', '闻人',
  '呼延', '赫连', '百里', '东郭', '万俟', '闾丘', '司空', '司寇', '仲孙', '拓跋',
  '第五', '公羊', '巫马', '乐正', '壤驷', '公良', '漆雕', '梁丘', '左丘', '谷梁',
]);

// The middle dot of transliterated names, as it is typed in practice (U+00B7, U+30FB, U+2022).
const NAME_DOT = /[·・•]/u;
const LATIN = /^[A-Za-z][A-Za-z .'-]*$/;

const stars = (n: number): string => '*'.repeat(Math.max(n, 1));

/** The surname, then one * per remaining character (a character outside the BMP is one). */
export function maskName(name: string): string {
  const trimmed = name.trim();
  if (trimmed === '') return '';
  if (LATIN.test(trimmed)) return trimmed.split(/\s+/).map(maskLatinWord).join(' ');
  if (NAME_DOT.test(trimmed)) return maskDotted(trimmed);
  const chars = Array.from(trimmed);
  if (chars.length === 1) return '*';
  const keep = chars.length >= 3 && COMPOUND_SURNAMES.has(chars[0]! + chars[1]!) ? 2 : 1;
  return chars.slice(0, keep).join('') + stars(chars.length - keep);
}

/** ZHANG → Z****: the first letter of each word of a Latin name. */
function maskLatinWord(word: string): string {
  return word[0] + stars(word.length - 1);
}

/** 阿依古丽·买买提 → 阿***·***: the first character of the first part, the dots kept. */
function maskDotted(name: string): string {
  const parts = name.split(NAME_DOT).map((part) => Array.from(part));
  const [first = [], ...rest] = parts;
  const head = first.length === 0 ? '' : first[0] + stars(first.length - 1);
  return [head, ...rest.map((part) => stars(part.length))].join('·');
}

/** The first 4 and last 4 characters; the birth date and sequence are hidden. */
export function maskIdNumber(idNumber: string): string {
  if (idNumber.length <= 8) return '*'.repeat(idNumber.length);
  return idNumber.slice(0, 4) + '*'.repeat(idNumber.length - 8) + idNumber.slice(-4);
}

/** 13812341234 → 138****1234: the network prefix and the last 4. */
export function maskPhone(phone: string): string {
  if (phone.length <= 7) return '*'.repeat(phone.length);
  return phone.slice(0, 3) + '*'.repeat(phone.length - 7) + phone.slice(-4);
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
