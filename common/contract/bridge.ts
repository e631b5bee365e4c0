/**
 * The preload's side of Electron IPC: a bridge with exactly one function per contract method
 * and an event subscription, so no raw ipcRenderer reaches the page. Written against the shape
 * of ipcRenderer (the shell passes the real one, tests a paired fake) and over names only,
 * never the schemas: the preload bundles this file and must stay free of zod.
 */
import type { Envelope, EventData, EventName, Method, Request } from './contract.js';
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
  on<E extends EventName>(event: E, listener: (data: EventData<E>) => void): () => void;
}

export function createBridge(ipcRenderer: IpcRendererLike): KioskBridge {
  const bridgeCalls = {} as Record<Method, (params: unknown) => Promise<Envelope>>;
  for (const method of methodNames) {
    bridgeCalls[method] = (params) =>
      ipcRenderer.invoke(ipcChannels.call, method, params) as Promise<Envelope>;
  }
  return {
    calls: Object.freeze(bridgeCalls) as BridgeCalls,
    on(event, listener) {
      if (!isEventNameOf(event)) throw new TypeError(`unknown event ${String(event)}`);
      const relay = (_: unknown, name: unknown, data: unknown): void => {
        if (name === event) listener(data as never);
      };
      ipcRenderer.on(ipcChannels.event, relay as never);
      return () => ipcRenderer.removeListener(ipcChannels.event, relay as never);
    },
  };
}
