/**
 * The Electron IPC transport, written against the shapes of ipcMain / ipcRenderer so it never
 * imports `electron` (main/shell passes the real ones; tests pass a paired fake).
 *
 * Main side: one `handle` channel; every call's sender frame is checked, then the dispatcher
 * validates the payload. The preload side is common/contract/bridge.ts.
 */
import type { Envelope, EventData } from '../../common/contract/contract.js';
// Names only, never the schemas: the preload bundles this file and must stay free of zod.
import { ipcChannels } from '../../common/contract/names.js';
import type { Dispatcher } from './dispatch.js';
import { ContractError, messages } from '../../common/contract/errors.js';
import type { EventBus } from '../../common/contract/bus.js';

export interface FrameLike {
  url: string;
  parent: unknown;
}
export interface InvokeEventLike {
  senderFrame: FrameLike | null;
  /** The window that called (Electron's event.sender). */
  sender?: WebContentsLike;
}
export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
}
export interface WebContentsLike {
  send(channel: string, ...args: unknown[]): void;
  isDestroyed(): boolean;
}

export interface ServeIpcOptions {
  /** True only for our own top-level page (the app:// scheme); anything else is refused. */
  isTrustedFrame(url: string): boolean;
  /** Staff sessions that end elsewhere: the window holding one is told, and let go of it. */
  sessionNotices?: SessionWatch;
}

/** The shape of the core's session notices this transport needs (the queue's, or a member's). */
export interface SessionWatch {
  watch(
    credential: () => string | null,
    onEnded: (notice: EventData<'session.ended'>) => void,
  ): () => void;
}

export function serveIpc(
  ipcMain: IpcMainLike,
  dispatcher: Dispatcher,
  options: ServeIpcOptions,
): () => void {
  // A staff sign-in from this window (the counter console) holds for its later calls.
  const link: { credential: string | null; window: WebContentsLike | null } = {
    credential: null,
    window: null,
  };
  const stopNotices = options.sessionNotices?.watch(
    () => link.credential,
    (notice) => {
      link.credential = null;
      const window = link.window;
      if (window && !window.isDestroyed()) window.send(ipcChannels.event, 'session.ended', notice);
    },
  );
  ipcMain.handle(ipcChannels.call, async (event, method, params): Promise<Envelope> => {
    const frame = event.senderFrame;
    // Only the main frame of our own page may call: not an iframe, not a navigated-away page.
    if (!frame || frame.parent || !options.isTrustedFrame(frame.url)) {
      return { ok: false, error: new ContractError('FORBIDDEN', messages.forbidden).body };
    }
    const bind = (token: string | null): void => {
      link.credential = token;
      link.window = event.sender ?? null;
    };
    return dispatcher.dispatch(method, params, {
      transport: 'ipc',
      peer: frame.url,
      credential: link.credential,
      bind,
    });
  });
  return () => {
    stopNotices?.();
    ipcMain.removeHandler(ipcChannels.call);
  };
}

/** Forward every core event to one window until it is destroyed. */
export function forwardEvents(bus: EventBus, target: WebContentsLike): () => void {
  const stop = bus.subscribe((event, data) => {
    if (target.isDestroyed()) return stop();
    target.send(ipcChannels.event, event, data);
  });
  return stop;
}
