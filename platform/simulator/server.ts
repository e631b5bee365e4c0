/**
 * The city platform simulator: a real HTTPS server (mutual TLS) implementing
 * platform/openapi.yaml, with real idempotency storage, signature checks and fault injection.
 * It lives outside the app; tests and the demo start it on loopback.
 */
import { createHash } from 'node:crypto';
import { createServer as createHttpsServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  CaseSubmission,
  RatingSubmission,
  type CaseAck,
  type CaseStatus,
} from '../../common/platform/schemas.js';
import { SIGNATURE_HEADERS, verify } from '../../common/platform/signing.js';
import { demoCatalog } from './catalog.js';
import { appointmentRoute, AppointmentBook, type BookedAppointment } from './appointments.js';
import { openLedger, type StoredCase } from './ledger.js';

export interface Faults {
  /** Added to every answer. */
  latencyMs: number;
  /** Share of requests answered 503 before anything is stored. */
  errorRatio: number;
  /** Share of submissions stored, then the connection destroyed before the answer. */
  resetAfterCommitRatio: number;
  /** Share of requests answered 429 with Retry-After: retryAfterSeconds. */
  rateLimitRatio: number;
  retryAfterSeconds: number;
  /** Share of submissions that hang for hangMs before being stored (the client times out). */
  hangRatio: number;
  hangMs: number;
  /** Share of fresh submissions acknowledged as if they were replays (a duplicate ack). */
  duplicateAckRatio: number;
  /** Share of answers that break the contract (a field missing). */
  brokenReplyRatio: number;
  /** Clock windows [from, to) in which the platform is down (connections reset). */
  outages: { from: number; to: number }[];
  /** Service ids the platform refuses with 422 (a poison case). */
  poisonServices: string[];
}

export const noFaults: Faults = {
  latencyMs: 0,
  errorRatio: 0,
  resetAfterCommitRatio: 0,
  rateLimitRatio: 0,
  retryAfterSeconds: 1,
  hangRatio: 0,
  hangMs: 0,
  duplicateAckRatio: 0,
  brokenReplyRatio: 0,
  outages: [],
  poisonServices: [],
};

export interface SimulatorOptions {
  tls: { key: string; cert: string; ca: string };
  /** Signing secrets by key id. */
  keys: Record<string, string>;
  faults?: Partial<Faults>;
  clock?: () => number;
  random?: () => number;
  catalog?: unknown;
  host?: string;
  port?: number;
  maxSkewMs?: number;
  /** The book's entries; without them the demo seed (see appointments.ts). */
  appointments?: BookedAppointment[];
  /** The hall's time zone, for the demo seed's "today" (default Asia/Shanghai). */
  timeZone?: string;
  /** The idempotency store's SQLite file (ledger.ts); without it the store is in memory. */
  dataFile?: string;
}

export interface Simulator {
  url: string;
  port: number;
  faults: Faults;
  /** How many times each idempotency key created something (must be 1). */
  creations: Map<string, number>;
  cases: Map<string, StoredCase>;
  ratings: Map<string, RatingSubmission>;
  /** Receipt numbers in the order first stored, per applicant ID number. */
  orderByApplicant: Map<string, string[]>;
  stats: { requests: number; accepted: number; refused: number; faults: number };
  advance(caseNumber: string, status: CaseStatus['status'], office: string): void;
  appointments: AppointmentBook;
  close(): Promise<void>;
}

export async function startSimulator(options: SimulatorOptions): Promise<Simulator> {
  const faults: Faults = { ...noFaults, ...options.faults };
  const clock = options.clock ?? Date.now;
  const random = options.random ?? Math.random;
  const maxSkew = options.maxSkewMs ?? 5 * 60_000;
  const ledger = openLedger(options.dataFile);
  const { byKey, cases, ratingKeys, ratings, creations, orderByApplicant } = ledger;
  const nonces = new Map<string, number>();
  const stats = { requests: 0, accepted: 0, refused: 0, faults: 0 };
  let sequence = ledger.lastSequence;
  const appointments = new AppointmentBook({
    list: options.appointments,
    clock,
    ...(options.timeZone ? { timeZone: options.timeZone } : {}),
  });

  const send = (res: ServerResponse, status: number, body: unknown, headers = {}) => {
    if (res.destroyed) return;
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  };
  const problem = (res: ServerResponse, status: number, code: string, message: string) => {
    stats.refused++;
    send(res, status, { code, message });
  };
  const roll = (ratio: number) => ratio > 0 && random() < ratio;
  const down = () => faults.outages.some((o) => clock() >= o.from && clock() < o.to);

  async function handle(req: IncomingMessage, res: ServerResponse, body: Buffer) {
    stats.requests++;
    if (faults.latencyMs) await sleep(faults.latencyMs);
    if (down()) {
      stats.faults++;
      req.socket.destroy();
      return;
    }
    const url = req.url ?? '/';
    const path = url.replace(/^\/hall\/v1/, '');
    const key = header(req, 'idempotency-key');
    const authError = checkSignature(req, url, body, key);
    if (authError) return problem(res, 401, 'bad-signature', authError);
    if (path === '/health' && req.method === 'GET') {
      return send(res, 200, { status: 'ok', time: new Date(clock()).toISOString() });
    }
    if (roll(faults.errorRatio)) {
      stats.faults++;
      return send(res, 503, { code: 'unavailable', message: 'simulated outage' });
    }
    if (roll(faults.rateLimitRatio)) {
      stats.faults++;
      return send(
        res,
        429,
        { code: 'slow-down', message: 'simulated rate limit' },
        {
          'retry-after': String(faults.retryAfterSeconds),
        },
      );
    }
    if (path === '/catalog' && req.method === 'GET')
      return send(res, 200, options.catalog ?? demoCatalog);
    if (path === '/cases' && req.method === 'POST') return submitCase(req, res, body, key);
    if (path === '/ratings' && req.method === 'POST') return submitRating(res, body, key);
    if (path === '/cases/by-applicant/search' && req.method === 'POST') {
      const id = parseBody(body) as { idNumber?: string } | undefined;
      const list = [...cases.values()]
        .filter((c) => c.submission.applicant.idNumber === id?.idNumber)
        .map((c) => c.status);
      return send(res, 200, { cases: list });
    }
    const one = /^\/cases\/([A-Z0-9-]+)$/.exec(path);
    if (one && req.method === 'GET') {
      const found = cases.get(one[1]!);
      return found ? send(res, 200, found.status) : problem(res, 404, 'not-found', 'no such case');
    }
    const booked = appointmentRoute(appointments, req.method, path);
    if (booked) return send(res, booked.status, booked.body);
    return problem(res, 404, 'not-found', `no route ${req.method} ${path}`);
  }

  function checkSignature(req: IncomingMessage, url: string, body: Buffer, key?: string) {
    const keyId = header(req, SIGNATURE_HEADERS.keyId);
    const secret = keyId ? options.keys[keyId] : undefined;
    if (!secret) return `unknown key id ${keyId ?? '(none)'}`;
    const timestamp = header(req, SIGNATURE_HEADERS.timestamp) ?? '';
    const nonce = header(req, SIGNATURE_HEADERS.nonce) ?? '';
    const signature = header(req, SIGNATURE_HEADERS.signature) ?? '';
    if (Math.abs(Number(timestamp) - clock()) > maxSkew) return 'timestamp outside the window';
    if (!/^[0-9a-f]{16,64}$/.test(nonce)) return 'bad nonce';
    const parts = {
      method: req.method ?? '',
      path: url,
      timestamp,
      nonce,
      body,
      idempotencyKey: key,
    };
    if (!verify(secret, parts, signature)) return 'signature does not match';
    if (nonces.has(nonce)) return 'nonce replayed';
    nonces.set(nonce, clock());
    if (nonces.size > 200_000) nonces.clear(); // the window makes old nonces useless anyway
    return undefined;
  }

  async function submitCase(req: IncomingMessage, res: ServerResponse, body: Buffer, key?: string) {
    if (!key || !/^[A-Za-z0-9-]{16,64}$/.test(key)) {
      return problem(res, 400, 'idempotency-key', 'Idempotency-Key missing or malformed');
    }
    const parsed = CaseSubmission.safeParse(parseBody(body));
    if (!parsed.success) return problem(res, 400, 'invalid', parsed.error.issues[0]?.message ?? '');
    if (faults.poisonServices.includes(parsed.data.serviceId)) {
      return problem(res, 422, 'service-closed', `service ${parsed.data.serviceId} not accepted`);
    }
    if (roll(faults.hangRatio)) {
      stats.faults++;
      await sleep(faults.hangMs);
    }
    const bodyHash = createHash('sha256').update(body).digest('hex');
    const seen = byKey.get(key);
    if (seen) {
      if (seen.bodyHash !== bodyHash)
        return problem(res, 422, 'idempotency-mismatch', 'key reused');
      return reply(res, 200, { ...seen.ack, replayed: true });
    }
    // Commit: synchronous, so two racing copies of one key can never both create.
    sequence++;
    const caseNumber = `SC${String(sequence).padStart(8, '0')}`;
    const at = new Date(clock()).toISOString();
    const ack: CaseAck = { caseNumber, status: 'received', receivedAt: at, replayed: false };
    const status: CaseStatus = {
      caseNumber,
      receiptNumber: parsed.data.receiptNumber,
      serviceId: parsed.data.serviceId,
      status: 'received',
      updatedAt: at,
      trace: [{ at, status: 'received', office: '市政务服务平台' }],
    };
    ledger.addCase({ key, bodyHash, submission: parsed.data, status, ack }, sequence);
    stats.accepted++;
    if (roll(faults.resetAfterCommitRatio)) {
      stats.faults++;
      req.socket.destroy();
      return;
    }
    return reply(res, 201, { ...ack, replayed: roll(faults.duplicateAckRatio) });
  }

  function submitRating(res: ServerResponse, body: Buffer, key?: string) {
    if (!key) return problem(res, 400, 'idempotency-key', 'Idempotency-Key missing');
    const parsed = RatingSubmission.safeParse(parseBody(body));
    if (!parsed.success) return problem(res, 400, 'invalid', parsed.error.issues[0]?.message ?? '');
    const bodyHash = createHash('sha256').update(body).digest('hex');
    const seen = ratingKeys.get(key);
    if (seen) {
      if (seen.bodyHash !== bodyHash)
        return problem(res, 422, 'idempotency-mismatch', 'key reused');
      return reply(res, 200, { ratingId: seen.id, replayed: true });
    }
    const id = `RT${String(ratingKeys.size + 1).padStart(8, '0')}`;
    ledger.addRating(key, bodyHash, id, parsed.data);
    stats.accepted++;
    return reply(res, 201, { ratingId: id, replayed: false });
  }

  function reply(res: ServerResponse, status: number, body: Record<string, unknown>) {
    if (roll(faults.brokenReplyRatio)) {
      stats.faults++;
      const broken = { ...body };
      delete broken[Object.keys(broken)[0]!];
      return send(res, status, broken);
    }
    return send(res, status, body);
  }

  const server: Server = createHttpsServer(
    { ...options.tls, requestCert: true, rejectUnauthorized: true },
    (req, res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      req.on('data', (c: Buffer) => {
        size += c.length;
        if (size > 1_000_000) req.socket.destroy();
        else chunks.push(c);
      });
      req.on('end', () => {
        handle(req, res, Buffer.concat(chunks)).catch(() => req.socket.destroy());
      });
    },
  );
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) =>
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve),
  );
  const port = (server.address() as AddressInfo).port;
  return {
    url: `https://localhost:${port}/hall/v1`,
    port,
    faults,
    creations,
    cases,
    ratings,
    orderByApplicant,
    stats,
    appointments,
    advance(caseNumber, status, office) {
      const c = cases.get(caseNumber);
      if (!c) throw new Error(`no case ${caseNumber}`);
      const at = new Date(clock()).toISOString();
      c.status = {
        ...c.status,
        status,
        updatedAt: at,
        trace: [...c.status.trace, { at, status, office }],
      };
      ledger.saveStatus(c);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          ledger.close();
          resolve();
        });
      }),
  };
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function parseBody(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
}

function sleep(ms: number) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
