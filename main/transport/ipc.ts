/**
 * The Electron IPC transport, written against the shapes of ipcMain / ipcRenderer so it never
 * imports `electron` (main/shell passes the real ones; tests pass a paired fake).
 *
 * Main side: one `handle` channel; every call's sender frame is checked, then the window's
 * connection to the RPC peer (peer.ts) answers it; events reach the window the same way. The
 * preload side is common/contract/bridge.ts; the page's link over it, common/rpc/bridge-link.ts.
 */
import type { Envelope } from '../../common/contract/contract.js';
import { ipcChannels } from '../../common/contract/names.js';
import { ContractError, messages } from '../../common/contract/errors.js';
import { envelopeOf, openConnection, type Connection, type PeerHost } from './peer.js';

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
  /** Electron's id of the web contents: one window, whichever wrapper object carries it. */
  readonly id?: number;
  send(channel: string, ...args: unknown[]): void;
  isDestroyed(): boolean;
}

export interface ServeIpcOptions {
  /** True only for our own top-level page (the app:// scheme); anything else is refused. */
  isTrustedFrame(url: string): boolean;
}

export interface IpcServer {
  /** Opens a window's connection: from now on it hears the events its caller may hear. */
  attach(window: WebContentsLike): () => void;
  close(): void;
}

export function serveIpc(
  ipcMain: IpcMainLike,
  host: PeerHost,
  options: ServeIpcOptions,
): IpcServer {
  // One connection per window, so a staff sign-in holds for that window's later calls only.
  const connections = new Map<number | WebContentsLike | null, Connection>();
  const keyOf = (window: WebContentsLike | null) => window?.id ?? window;
  const attach = (window: WebContentsLike | null, url: string): Connection => {
    const push = window
      ? (frame: { event: string; data: unknown }) => {
          if (window.isDestroyed()) return detach(window);
          window.send(ipcChannels.event, frame.event, frame.data);
        }
      : undefined;
    const connection = openConnection(host, { transport: 'ipc', peer: url, push });
    connections.set(keyOf(window), connection);
    return connection;
  };
  const detach = (window: WebContentsLike | null): void => {
    connections.get(keyOf(window))?.close();
    connections.delete(keyOf(window));
  };
  ipcMain.handle(ipcChannels.call, async (event, method, params): Promise<Envelope> => {
    const frame = event.senderFrame;
    // Only the main frame of our own page may call: not an iframe, not a navigated-away page.
    if (!frame || frame.parent || !options.isTrustedFrame(frame.url)) {
      return { ok: false, error: new ContractError('FORBIDDEN', messages.forbidden).body };
    }
    const window = event.sender ?? null;
    const connection = connections.get(keyOf(window)) ?? attach(window, frame.url);
    return envelopeOf(await connection.answer(0, method, params));
  });
  return {
    attach(window) {
      if (!connections.has(keyOf(window))) attach(window, 'app window');
      return () => detach(window);
    },
    close() {
      for (const connection of connections.values()) connection.close();
      connections.clear();
      ipcMain.removeHandler(ipcChannels.call);
    },
  };
}
