/**
 * The Electron transport: the kiosk window's preload exposes `window.hallKiosk` (a frozen
 * bridge with one function per contract call); the page's peer talks over it.
 */
import type { KioskBridge } from '../../../common/contract/bridge.js';
import { bridgeLink } from '../../../common/rpc/bridge-link.js';
import { createRpcClient } from '../../../common/rpc/client.js';
import type { HallClient } from './client.js';

export function createIpcClient(bridge: KioskBridge): HallClient {
  return createRpcClient(bridgeLink(bridge));
}
