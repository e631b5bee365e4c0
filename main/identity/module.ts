/**
 * The identity capability as the core composes it: the readers the config fitted, the
 * service that reads a card for the caller only, and its calls.
 */
import type { DevicePort } from '../../drivers/ports.js';
import { isIdentityReader } from '../../drivers/identity-reader.js';
import { isSimulatedIdReader } from '../../drivers/id-card/simulated-id-reader.js';
import type { EventBus } from '../../common/contract/bus.js';
import type { KioskConfig } from '../../kiosk-config/schema.js';
import { identityHandlers } from './handlers.js';
import { createIdentityService } from './service.js';

export function startIdentity(deps: { config: KioskConfig; devices: DevicePort[]; bus: EventBus }) {
  const service = createIdentityService({
    readers: deps.devices.filter(isIdentityReader),
    publish: (data) => deps.bus.publish('identity.card', data),
    demo: deps.config.mode === 'demo' ? deps.devices.find(isSimulatedIdReader) : undefined,
  });
  return { service, handlers: identityHandlers(service), close: () => service.close() };
}
