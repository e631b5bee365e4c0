/**
 * The kiosk page's only door to the core: `window.hallKiosk`, one function per contract call
 * and an event subscription. No ipcRenderer, no Node, nothing else crosses the bridge.
 *
 * Bundled to CommonJS by esbuild (dist/main/shell/preload.cjs): a sandboxed preload cannot be
 * an ES module and may require only `electron`.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { createBridge } from '../../common/contract/bridge.js';

contextBridge.exposeInMainWorld('hallKiosk', createBridge(ipcRenderer));
