/**
 * A paired fake of Electron's ipcMain / ipcRenderer / webContents. Arguments cross through
 * structuredClone, as Electron's IPC serializes them, so nothing passes by reference.
 */
import type { IpcRendererLike } from '../../common/contract/bridge.js';
import type { InvokeEventLike, IpcMainLike, WebContentsLike } from '../../main/transport/ipc.js';

type Listener = (event: unknown, ...args: unknown[]) => void;

export function pairedIpc(frame: { url: string; parent: unknown } | null) {
  const handlers = new Map<string, (event: InvokeEventLike, ...args: unknown[]) => unknown>();
  const listeners = new Map<string, Set<Listener>>();
  const ipcMain: IpcMainLike = {
    handle: (channel, fn) => void handlers.set(channel, fn),
    removeHandler: (channel) => void handlers.delete(channel),
  };
  const ipcRenderer: IpcRendererLike = {
    async invoke(channel, ...args) {
      const handler = handlers.get(channel);
      if (!handler) throw new Error(`No handler registered for '${channel}'`);
      return structuredClone(
        await handler({ senderFrame: frame, sender: webContents }, ...structuredClone(args)),
      );
    },
    on: (channel, fn) => {
      const set = listeners.get(channel) ?? new Set();
      set.add(fn);
      listeners.set(channel, set);
    },
    removeListener: (channel, fn) => listeners.get(channel)?.delete(fn),
  };
  const webContents: WebContentsLike & { destroyed: boolean } = {
    destroyed: false,
    send(channel, ...args) {
      for (const fn of listeners.get(channel) ?? []) fn({}, ...structuredClone(args));
    },
    isDestroyed() {
      return this.destroyed;
    },
  };
  return { ipcMain, ipcRenderer, webContents, handlers };
}
