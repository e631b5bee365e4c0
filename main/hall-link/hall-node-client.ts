/**
 * Calls to the hall node over its LAN API (`POST /api/<method>`, Bearer credential). One HTTP
 * request per call, so each call carries its own credential (the device token, or the staff
 * session bound to the local window). Never hangs: a short timeout, then UNAVAILABLE.
 */
import {
  EnvelopeFrame,
  type Method,
  type Request,
  type Response,
} from '../../common/contract/contract.js';
import { ContractError } from '../../common/contract/errors.js';
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
  const base = options.url.replace(/\/+$/, '');
  const timeoutMs = options.timeoutMs ?? 5000;
  return async (method, params, credential) => {
    let res: globalThis.Response;
    try {
      res = await fetch(`${base}/api/${method}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(credential ? { authorization: `Bearer ${credential}` } : {}),
        },
        body: JSON.stringify(params ?? {}),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch {
      throw hallUnreachable(options.url);
    }
    const body = EnvelopeFrame.safeParse(await res.json().catch(() => null));
    if (!body.success) throw notAHallNode(options.url, res.status);
    if (body.data.ok) return body.data.result as Response<typeof method>;
    const { code, message, action, issues } = body.data.error;
    throw new ContractError(code, message, {
      ...(action ? { action } : {}),
      ...(issues ? { issues } : {}),
    });
  };
}
