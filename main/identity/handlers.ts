/** The identity calls of the contract (spread into main/core/handlers.ts). */
import type { Handlers } from '../transport/dispatch.js';
import type { IdentityService } from './service.js';

export function identityHandlers(
  identity: IdentityService,
): Pick<Handlers, 'identity.read' | 'identity.cancel' | 'identity.demoCard'> {
  return {
    'identity.read': ({ timeoutMs }) => identity.read(timeoutMs),
    'identity.cancel': () => ({ cancelled: identity.cancel() }),
    'identity.demoCard': ({ card }) => ({ card: identity.demoCard(card) }),
  };
}
