/**
 * The printing capability as the core composes it: one print service for tickets and receipts
 * alike, the printer's changes in the log, and the printer calls.
 */
import type { DevicePort } from '../../drivers/ports.js';
import type { KioskConfig } from '../../kiosk-config/schema.js';
import type { Logger } from '../log/logger.js';
import type { Store } from '../store/store.js';
import { logPrinterChanges, printingHandlers, printServiceFor, warnAboutLogo } from './handlers.js';

export function startPrinting(deps: {
  config: KioskConfig;
  store: Store;
  devices: DevicePort[];
  log: Logger;
}) {
  const stopLog = logPrinterChanges(deps.devices, deps.log);
  warnAboutLogo(deps.config, deps.log);
  const print = printServiceFor(deps);
  return { print, handlers: printingHandlers({ ...deps, print }), close: stopLog };
}
