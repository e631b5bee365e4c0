/**
 * The HTTP link: each call is one `POST /api/<method>` to a LAN server, so each carries its own
 * credential (`Authorization: Bearer`). It never hangs: a short timeout, then the refusal the
 * caller chose for an unreachable server. There are no events over HTTP.
 */
import { EnvelopeFrame, type CallFrame, type ContractErrorBody } from '../contract/frames.js';
import type { CallOptions, ClientLink, LinkSink } from './links.js';

export interface HttpLinkOptions {
  /** The server's base URL, e.g. the hall node's `hallNode.url`. */
  url: string;
  /** Milliseconds before a call counts as unanswered. */
  timeoutMs?: number;
  /** The refusal for a server that did not answer. */
  unreachable(): ContractErrorBody;
  /** The refusal for an answer that is not the contract's (another program on that port). */
  notContract(status: number): ContractErrorBody;
}

export function httpLink(options: HttpLinkOptions): ClientLink {
  const base = options.url.replace(/\/+$/, '');
  const timeoutMs = options.timeoutMs ?? 5000;
  let sink: LinkSink | null = null;

  async function post(frame: CallFrame, credential: string | null | undefined) {
    let res: Response;
    try {
      res = await fetch(`${base}/api/${frame.method}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(credential ? { authorization: `Bearer ${credential}` } : {}),
        },
        body: JSON.stringify(frame.params ?? {}),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch {
      return { ok: false as const, error: options.unreachable() };
    }
    const body = EnvelopeFrame.safeParse(await res.json().catch(() => null));
    return body.success
      ? body.data
      : { ok: false as const, error: options.notContract(res.status) };
  }

  return {
    open(target) {
      sink = target;
      target.state('up');
    },
    send(frame: CallFrame, callOptions: CallOptions) {
      void post(frame, callOptions.credential).then((envelope) =>
        sink?.frame({ t: 'result', id: frame.id, ...envelope }),
      );
    },
    reset() {},
    close() {
      sink = null;
    },
  };
}
