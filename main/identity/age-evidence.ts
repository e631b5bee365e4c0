/**
 * The birth date the age rule rests on, for a ticket asked for at this machine: the card its
 * own reader read, or else an ID number the resident typed on its keypad, checked here by
 * GB 11643. The page's own birth date is never used, and the typed number is read for its birth
 * date only: nothing else of it is kept or passed on.
 */
import { ContractError } from '../../common/contract/errors.js';
import { checkIdNumber } from '../../common/identity/id-number.js';

export type HeldBirthDate = () => { birthDate: string } | null;

export function residentBirthDate(
  held: HeldBirthDate | undefined,
  typedIdNumber: string | undefined,
): string | undefined {
  const read = held?.()?.birthDate;
  if (read) return read;
  if (typedIdNumber === undefined) return undefined;
  const checked = checkIdNumber(typedIdNumber);
  if (checked.ok) return checked.birthDate;
  throw new ContractError('BAD_REQUEST', checked.message, {
    action: { 'zh-CN': '请核对身份证号后重试', en: 'Check the ID number and try again' },
    issues: [{ path: 'idNumber', message: checked.fault }],
  });
}

/** Drops what the page sent for the age rule and puts this machine's evidence in its place. */
export function withOwnBirthDate<P extends { birthDate?: string; idNumber?: string }>(
  p: P,
  held: HeldBirthDate | undefined,
): Omit<P, 'idNumber'> {
  const { birthDate: _sent, idNumber, ...rest } = p;
  const birthDate = residentBirthDate(held, idNumber);
  return { ...rest, ...(birthDate ? { birthDate } : {}) } as Omit<P, 'idNumber'>;
}
