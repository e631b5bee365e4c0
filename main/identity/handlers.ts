/** The identity calls of the contract (spread into main/core/handlers.ts). */
import type { Method } from '../contract/contract.js';
import type { Access } from '../transport/access.js';
import type { CallContext, Handlers } from '../transport/dispatch.js';
import { ContractError } from '../transport/errors.js';
import type { IdentityService } from './service.js';

/**
 * Card readers are wired to the kiosk itself: only the kiosk's own window (Electron IPC) or a
 * page on the same machine (loopback) may read them. A counter or display on the hall LAN
 * must never be able to read the card of whoever stands at a kiosk.
 */
export function assertKioskDevice(ctx: CallContext): void {
  if (ctx.transport === 'ipc') return;
  const ip = ctx.peer.replace(/^::ffff:/, '');
  if (ip === '127.0.0.1' || ip === '::1' || ip.startsWith('127.')) return;
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
      assertKioskDevice(ctx);
      return identity.read(timeoutMs);
    },
    'identity.cancel': (_params, ctx) => {
      assertKioskDevice(ctx);
      return { cancelled: identity.cancel() };
    },
    'identity.demoCard': ({ card }, ctx) => {
      assertKioskDevice(ctx);
      return { card: identity.demoCard(card) };
    },
  };
}

/** The card reader is on this machine: only its own kiosk window may read a card. */
export const identityAccess: Partial<Record<Method, Access>> = {
  'identity.read': 'local',
  'identity.cancel': 'local',
  'identity.demoCard': 'local',
};
