/**
 * Calls to the hall node over its LAN API: the RPC peer over the HTTP link, one request per
 * call, so each call carries its own credential (the device token, or the staff session bound
 * to the local window). Never hangs: a short timeout, then UNAVAILABLE.
 */
import type { Method, Request, Response } from '../../common/contract/contract.js';
import { createRpcClient } from '../../common/rpc/client.js';
import { httpLink } from '../../common/rpc/http-link.js';
import { hallUnreachable, notAHallNode } from './refusals.js';

export interface HallNodeClientOptions {
  /** The hall node's base URL (hallNode.url). */
  url: string;
  /** Milliseconds before a call counts as unanswered. */
  timeoutMs?: number;
}

export type HallCall = <M extends Method>(
  method: M,
  params: Request<M>,
  credential: string | null,
) => Promise<Response<M>>;

export function hallNodeClient(options: HallNodeClientOptions): HallCall {
  const timeoutMs = options.timeoutMs ?? 5000;
  const link = httpLink({
    url: options.url,
    timeoutMs,
    unreachable: () => hallUnreachable(options.url).body,
    notContract: (status) => notAHallNode(options.url, status).body,
  });
  // The link's own timeout answers first, with words about the hall node.
  const client = createRpcClient(link, { callTimeoutMs: timeoutMs + 1000 });
  return (method, params, credential) => client.call(method, params, { credential });
}
