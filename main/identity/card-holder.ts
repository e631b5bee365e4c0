/**
 * A typed ID number is enough to take a ticket, but not to read a resident's cases or
 * appointments, or to act in their name: those calls need the resident's card, read by this
 * machine's own reader and still held by its core for the session. A member kiosk's core
 * checks its own card before it forwards an appointment call, so the hall node takes an
 * enrolled kiosk's device token as that check already made.
 */
import type { Handler, Handlers, Caller } from '../../common/contract/call.js';
import { ContractError } from '../../common/contract/errors.js';
import { checkIdNumber } from '../../common/identity/id-number.js';

type Held = () => { idNumber: string } | null;

/** Each guarded call, and where its params name the resident. */
const residentOf = {
  'cases.mine': (p: { idNumber: string }) => p.idNumber,
  'cases.submit': (p: { applicant: { idNumber: string } }) => p.applicant.idNumber,
  'cases.printReceipt': (p: { idNumber: string }) => p.idNumber,
  'queue.appointments': (p: { idNumber: string }) => p.idNumber,
  'queue.checkIn': (p: { idNumber: string }) => p.idNumber,
} as const;
type Guarded = keyof typeof residentOf;

/** Forwarded by a member kiosk's core, which checked its own card first. */
const forwardedByMembers: ReadonlySet<Guarded> = new Set(['queue.appointments', 'queue.checkIn']);

export function cardNotRead(): ContractError {
  return new ContractError(
    'FORBIDDEN',
    {
      'zh-CN': '请把身份证放在读卡器上：查询办件、预约签到和自助申报需要本人身份证',
      en: "Place the ID card on the reader: cases, appointments and applications need the holder's own card",
    },
    {
      action: {
        'zh-CN': '请把本人身份证放在读卡区，读卡后再试',
        en: 'Place your own ID card on the reader, then try again',
      },
      issues: [{ path: 'idNumber', message: 'CARD_NOT_READ' }],
    },
  );
}

/** True when the card this core holds is the resident's the call names. */
export function holdsCardOf(held: Held, idNumber: string): boolean {
  const card = held();
  if (!card) return false;
  const typed = checkIdNumber(idNumber);
  return typed.ok && typed.idNumber === card.idNumber;
}

/**
 * The card this core holds is its own window's: a caller on the LAN cannot borrow it. An
 * enrolled kiosk is trusted only where its own core made the check before forwarding.
 */
function mayAct(method: Guarded, caller: Caller | undefined, ownCard: () => boolean): boolean {
  if (caller?.kind === 'local') return ownCard();
  return caller?.kind === 'device' && caller.role === 'kiosk' && forwardedByMembers.has(method);
}

function guard<M extends Guarded>(method: M, inner: Handler<M>, held: Held): Handler<M> {
  const idOf = residentOf[method] as (p: unknown) => string;
  return (params, ctx) => {
    if (!mayAct(method, ctx.caller, () => holdsCardOf(held, idOf(params)))) throw cardNotRead();
    return inner(params, ctx);
  };
}

/** The same handlers, each resident call behind the card check. */
export function behindCardCheck(handlers: Handlers, held: Held): Handlers {
  const out = { ...handlers };
  for (const method of Object.keys(residentOf) as Guarded[]) {
    (out as Record<Guarded, unknown>)[method] = guard(method, handlers[method] as never, held);
  }
  return out;
}
