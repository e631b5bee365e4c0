/**
 * What a call's handler is given and what it answers, whatever transport carried the call:
 * who called (identified by the dispatcher before the handler runs) and the contract's
 * request and response types. Shared by the dispatcher and every capability's handlers.
 */
import type { z } from 'zod';
import type { Calls, Method, Response, Role } from './contract.js';

export type StaffRole = 'staff' | 'manager' | 'technician';

export type Caller =
  | { kind: 'local'; role: Role }
  | { kind: 'device'; id: string; role: 'kiosk' | 'display' }
  | {
      kind: 'staff';
      staffId: string;
      role: StaffRole;
      counterId: string | null;
      token: string;
      /** When the session ends (ms), where the caller knows it: sockets stop at that moment. */
      expiresAt?: number;
    }
  | { kind: 'anonymous'; why: 'none' | 'unknown' | 'expired' };

export interface CallContext {
  transport: 'ipc' | 'ws' | 'http';
  /** Who called: a remote address or a frame URL, for the log. */
  peer: string;
  /** A bearer token (HTTP Authorization, or the one bound to a WebSocket), if any. */
  credential?: string | null;
  /** WebSocket only: remember a token for this connection's later calls (login, authenticate). */
  bind?: (token: string | null) => void;
  /** Set by the dispatcher before the handler runs. */
  caller?: Caller;
}

export type Handler<M extends Method> = (
  params: z.output<Calls[M]['request']>,
  ctx: CallContext,
) => Promise<Response<M>> | Response<M>;

export type Handlers = { [M in Method]: Handler<M> };
