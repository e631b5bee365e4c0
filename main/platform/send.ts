/**
 * One HTTP exchange through undici's dispatcher, the reply body collected as text. The
 * `request()` API wraps every reply in a Readable stream and a handler chain; the outbox sends
 * thousands of small requests whose replies are a few hundred bytes, and that wrapping was a
 * large part of the kiosk's CPU per delivery. Timeouts stay the agent's.
 */
import type { Dispatcher } from 'undici';

export interface Exchange {
  status: number;
  retryAfter: string | string[] | undefined;
  text: string;
}

/** Replies above this are refused (no platform answer of ours comes near it). */
export const MAX_REPLY_BYTES = 16 * 1024 * 1024;

export function send(
  agent: Dispatcher,
  options: {
    origin: string;
    path: string;
    method: 'GET' | 'POST';
    headers: Record<string, string>;
    body?: string;
  },
): Promise<Exchange> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let status = 0;
    let retryAfter: string | string[] | undefined;
    agent.dispatch(
      { ...options, body: options.body ?? null },
      {
        // Its presence tells undici this handler speaks the current callback API.
        onRequestStart() {},
        onResponseStart(_controller, statusCode, headers) {
          status = statusCode;
          retryAfter = headers['retry-after'];
        },
        onResponseData(controller, chunk) {
          size += chunk.length;
          if (size > MAX_REPLY_BYTES) {
            controller.abort(
              Object.assign(new Error(`reply larger than ${MAX_REPLY_BYTES} bytes`), {
                code: 'ERR_PLATFORM_REPLY_SIZE',
              }),
            );
            return;
          }
          chunks.push(chunk);
        },
        onResponseEnd() {
          const text =
            chunks.length === 1
              ? chunks[0]!.toString('utf8')
              : Buffer.concat(chunks).toString('utf8');
          resolve({ status, retryAfter, text });
        },
        onResponseError(_controller, error) {
          reject(error);
        },
      },
    );
  });
}
