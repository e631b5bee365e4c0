/**
 * A contract client over a real WebSocket, for tests: the RPC peer every other client uses,
 * over a link that also lets a test send raw text and read the raw answer. Every frame the
 * core sends must be the contract's: a test that meets another one fails.
 */
import WebSocket from 'ws';
import type { Method } from '../../common/contract/contract.js';
import { ContractError } from '../../common/contract/errors.js';
import { parseServerFrame, type ServerFrame } from '../../common/contract/frames.js';
import { createRpcClient } from '../../common/rpc/client.js';
import type { ClientLink, LinkSink } from '../../common/rpc/links.js';

type Json = Record<string, unknown>;

export interface WsTestClient {
  socket: WebSocket;
  /** A call through the peer; its answer as an envelope (`ok` with `result`, or `error`). */
  call(method: string, params: unknown): Promise<Json>;
  /** Raw text on the socket; the next result frame that answers it. */
  sendRaw(data: string | Buffer): Promise<Json>;
  /** The next event (queued or coming) that matches. */
  nextEvent(match?: (m: Json) => boolean): Promise<Json>;
  close(): void;
}

export async function connectWs(
  url: string,
  headers: Record<string, string> = {},
): Promise<WsTestClient> {
  const socket = new WebSocket(url, { headers });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  const raw = rawAnswers();
  const peer = createRpcClient(testLink(socket, raw.take), { callTimeoutMs: 20_000 });
  const events = eventQueue();
  peer.onEvent((event, data) => events.push({ t: 'event', event, data }));
  return {
    socket,
    call: (method, params) =>
      peer.call(method as Method, params as never).then(
        (result) => ({ t: 'result', ok: true, result }),
        (error: unknown) => {
          if (error instanceof ContractError) return { t: 'result', ok: false, error: error.body };
          throw error;
        },
      ),
    sendRaw(data) {
      const reply = raw.wait(data);
      socket.send(data);
      return reply;
    },
    nextEvent: events.next,
    close: () => peer.close(),
  };
}

function testLink(socket: WebSocket, takeRaw: (frame: ServerFrame) => boolean): ClientLink {
  return {
    open(sink: LinkSink) {
      socket.on('message', (data) => {
        const frame = parseServerFrame(data.toString());
        if (!frame) throw new Error(`not a contract frame: ${data.toString().slice(0, 200)}`);
        if (!takeRaw(frame)) sink.frame(frame);
      });
      socket.on('close', () => sink.state('down'));
      sink.state('up');
    },
    send: (frame) => socket.send(JSON.stringify(frame)),
    reset: () => socket.terminate(),
    close: () => socket.close(),
  };
}

/** A raw send is answered by the result that carries its id (null when it had none). */
function rawAnswers() {
  const waiting: { id: number | null; resolve: (m: Json) => void }[] = [];
  return {
    wait(data: string | Buffer): Promise<Json> {
      const id = idIn(data);
      return new Promise<Json>((resolve) => waiting.push({ id, resolve }));
    },
    take(frame: ServerFrame): boolean {
      if (frame.t !== 'result') return false;
      const index = waiting.findIndex((w) => w.id === frame.id);
      if (index < 0) return false;
      waiting.splice(index, 1)[0]!.resolve(frame as Json);
      return true;
    },
  };
}

function idIn(data: string | Buffer): number | null {
  try {
    const id = (JSON.parse(data.toString()) as { id?: unknown } | null)?.id;
    return Number.isInteger(id) ? (id as number) : null;
  } catch {
    return null;
  }
}

function eventQueue() {
  const queued: Json[] = [];
  let waiters: { match: (m: Json) => boolean; resolve: (m: Json) => void }[] = [];
  return {
    push(message: Json) {
      const waiter = waiters.find((w) => w.match(message));
      if (!waiter) return void queued.push(message);
      waiters = waiters.filter((w) => w !== waiter);
      waiter.resolve(message);
    },
    next(match: (m: Json) => boolean = () => true): Promise<Json> {
      const index = queued.findIndex(match);
      if (index >= 0) return Promise.resolve(queued.splice(index, 1)[0]!);
      return new Promise((resolve) => waiters.push({ match, resolve }));
    },
  };
}
