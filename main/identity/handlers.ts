/** The identity calls of the contract (composed by the core through identity/module.ts). */
import { allows } from '../access/access.js';
import type { CallContext, Handlers } from '../../common/contract/call.js';
import { ContractError } from '../../common/contract/errors.js';
import type { IdentityService } from './service.js';

/**
 * Who may read the card readers, in one rule: the **local** caller (main/transport/access.ts),
 * which is this machine's own app window over IPC, or, in demo mode only, a browser on this
 * machine's loopback. In production a loopback page is not local (any program on the machine
 * could open one), and a counter, display or enrolled kiosk on the hall LAN never is: nobody
 * may read the card of whoever stands at this kiosk from elsewhere.
 *
 * The dispatcher enforces it from the contract's `access: 'local'`; each handler checks the
 * same rule again on the caller the dispatcher identified, so a change to the contract cannot
 * open the readers by itself.
 */
export function assertLocalCaller(ctx: CallContext): void {
  if (ctx.caller && allows('local', ctx.caller)) return;
  throw new ContractError(
    'FORBIDDEN',
    {
      'zh-CN': '只有本机自助终端可以读卡',
      en: "Only the kiosk's own screen may read its card readers",
    },
    { action: { 'zh-CN': '请在自助终端上操作', en: 'Use the kiosk itself' } },
  );
}

export function identityHandlers(
  identity: IdentityService,
): Pick<Handlers, 'identity.read' | 'identity.cancel' | 'identity.demoCard'> {
  return {
    'identity.read': ({ timeoutMs }, ctx) => {
      assertLocalCaller(ctx);
      return identity.read(timeoutMs);
    },
    'identity.cancel': (_params, ctx) => {
      assertLocalCaller(ctx);
      return { cancelled: identity.cancel() };
    },
    'identity.demoCard': ({ card }, ctx) => {
      assertLocalCaller(ctx);
      return { card: identity.demoCard(card) };
    },
  };
}
