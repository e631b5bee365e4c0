/**
 * The preload's side of Electron IPC: a bridge with exactly one function per contract method
 * and an event subscription, so no raw ipcRenderer reaches the page (the page's link over it is
 * common/rpc/bridge-link.ts). Written against the shape
 * of ipcRenderer (the shell passes the real one, tests a paired fake) and over names only,
 * never the schemas: the preload bundles this file and must stay free of zod.
 */
import type { Envelope, EventName, Method, Request } from './contract.js';
import { ipcChannels, isEventNameOf, methodNames } from './names.js';

export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

export type BridgeCalls = { [M in Method]: (params: Request<M>) => Promise<Envelope<M>> };

/** What the preload exposes on `window.hallKiosk`. */
export interface KioskBridge {
  calls: BridgeCalls;
  /** Every contract event the core sends this window, by name; other names never pass. */
  onEvent(listener: (event: EventName, data: unknown) => void): () => void;
}

export function createBridge(ipcRenderer: IpcRendererLike): KioskBridge {
  const bridgeCalls = {} as Record<Method, (params: unknown) => Promise<Envelope>>;
  for (const method of methodNames) {
    bridgeCalls[method] = (params) =>
      ipcRenderer.invoke(ipcChannels.call, method, params) as Promise<Envelope>;
  }
  return {
    calls: Object.freeze(bridgeCalls) as BridgeCalls,
    onEvent(listener) {
      const relay = (_: unknown, name: unknown, data: unknown): void => {
        if (isEventNameOf(name)) listener(name, data);
      };
      ipcRenderer.on(ipcChannels.event, relay as never);
      return () => ipcRenderer.removeListener(ipcChannels.event, relay as never);
    },
  };
}
