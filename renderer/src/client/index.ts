/**
 * The one way a page gets its client. Inside the Electron kiosk window the preload has put
 * `window.hallKiosk` there; in any other browser the page talks WebSocket to the host that
 * served it. Screens receive a HallClient and never learn which.
 */
import type { KioskBridge } from '../../../common/contract/bridge.js';
import type { HallClient } from './client.js';
import { createIpcClient } from './ipc.js';
import { createWsClient, wsUrlFor } from './ws.js';

declare global {
  interface Window {
    hallKiosk?: KioskBridge;
  }
}

export function connect(): HallClient {
  if (window.hallKiosk) return createIpcClient(window.hallKiosk);
  return createWsClient({ url: wsUrlFor(window.location) });
}

export { ClientError, type HallClient } from './client.js';
