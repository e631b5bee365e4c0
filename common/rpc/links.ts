/**
 * What a transport is to the RPC peer: it sends a call frame and hands back every frame and
 * change of state it meets. It knows no method and no event; the peer (client.ts) knows them.
 */
import type { CallFrame } from '../contract/frames.js';

export type LinkState = 'connecting' | 'up' | 'down';

export interface LinkSink {
  /** A frame as it arrived (text, or a value a transport already decoded). */
  frame(raw: unknown): void;
  state(state: LinkState): void;
}

/** Per-call facts a transport may carry (HTTP sends each call with its own credential). */
export interface CallOptions {
  credential?: string | null;
}

export interface ClientLink {
  /** Starts the link; from then on it reports to the sink. */
  open(sink: LinkSink): void;
  /** Sends one call; the peer calls this only while the link is up. */
  send(frame: CallFrame, options: CallOptions): void;
  /** Drops the connection as dead; a link that reconnects does so by itself. */
  reset(): void;
  close(): void;
}
