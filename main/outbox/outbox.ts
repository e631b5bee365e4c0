/**
 * The durable outbox. A caller writes its own row and the outbox row in one transaction
 * (enqueue); the runner delivers rows at least once, with the same idempotency key every
 * time, in order per lane (one resident = one lane), with bounded concurrency and full-jitter
 * backoff. A permanent refusal parks the lane and alerts staff; a hall manager retries or
 * discards it. Everything lives in SQLite (storage.ts), so a restart picks up where it stopped;
 * payloads are opaque, their kinds told by the capability that enqueues them.
 */
import type { Db } from '../store/store.js';
import type { Sealer } from '../privacy/sealer.js';
import { PlatformError } from '../platform/errors.js';
import { nextDelay, type Backoff } from './backoff.js';
import { realClock, type Clock } from './clock.js';
import { noFlights } from './flights.js';
import { createGroupCommit } from './group-commit.js';
import { failedWith, reached, unknownLink } from './link-state.js';
import {
  canSend,
  earlierDue,
  headsWanted,
  isQuiet,
  isSendable,
  needsRefill,
  untilDue,
  waitsForJob,
} from './schedule.js';
import { parkedText, staffAlerts, type StaffAlert } from './staff-alerts.js';
import { createStatusModel, type OutboxStatus } from './status.js';
import {
  createOutboxStorage,
  type DeadLetter,
  type Enqueued,
  type Mark,
  type PayloadKind,
  type Picked,
} from './storage.js';
import { createWaker } from './waker.js';

export type { DeadLetter, Enqueued, OutboxStatus, PayloadKind, StaffAlert };

/**
 * Sends one payload (the exact JSON text stored at enqueue); resolves with the platform's id
 * for it, throws PlatformError on failure.
 */
export type Deliver = (kind: string, json: string, idempotencyKey: string) => Promise<string>;

export interface OutboxOptions {
  db: Db;
  sealer: Sealer;
  /** Every kind of payload that will be enqueued, by the capabilities that enqueue them. */
  kinds: Record<string, PayloadKind>;
  deliver: Deliver;
  clock?: Clock;
  random?: () => number;
  backoff: Backoff;
  concurrency: number;
  /** Told (throttled) whenever counts change; never carries personal data. */
  onChange?: (status: OutboxStatus) => void;
  onAlert?: (alert: StaffAlert) => void;
  /** An answer that could not be written (a full disk): the row stays pending and goes again. */
  onWriteError?: (error: unknown) => void;
}

export interface Outbox {
  /**
   * Call inside the caller's transaction, right after writing what the payload is for. The
   * body is stored as plain JSON, so it must hold nothing personal (its kind's `check` says
   * so); a kind whose personal part is sealed elsewhere completes it when it is sent.
   */
  enqueue(kind: string, refId: number, lane: string, body: object): Enqueued;
  start(): void;
  stop(): Promise<void>;
  wake(): void;
  status(): OutboxStatus;
  deadLetters(): DeadLetter[];
  retry(id: number): boolean;
  discard(id: number): boolean;
  /** Settled rows were deleted outside the outbox (the purge): count them again. */
  recount(): void;
  /** Resolves when nothing deliverable is pending (parked lanes excepted). */
  idle(): Promise<void>;
}

/** How long a delivery slot waits after its answer could not be written. */
const WRITE_RETRY_MS = 5000;
/** Picked rows read and opened per turn of the drain loop (see `picked`). */
const OPEN_AT_ONCE = 16;

export function createOutbox(options: OutboxOptions): Outbox {
  const store = createOutboxStorage(options.db, options.sealer, options.kinds);
  const clock = options.clock ?? realClock;
  const random = options.random ?? Math.random;

  // Rows with a request out (bounded by concurrency), and rows whose answer is waiting for
  // the next group commit: neither may be picked again, only the first counts as in flight.
  const flights = noFlights();
  const { inFlight, settling, jobs, queued } = flights;
  let running = false;
  let loop: Promise<void> | null = null;
  const { wake, pause } = createWaker(clock);
  const link = unknownLink();
  let idleWaiters: (() => void)[] = [];
  const model = createStatusModel(store, { inFlight: () => inFlight.size, link }, options.onChange);
  const changed = model.changed;
  const status = model.status;
  const raise = staffAlerts(store, clock, options.onAlert);
  const settle = createGroupCommit((items) =>
    model.delivered(store.writeGroup(items, clock.now())),
  );

  async function deliverOne(row: Picked): Promise<void> {
    let result: string;
    try {
      if (row.json instanceof Error) throw row.json;
      result = await options.deliver(row.kind, row.json, row.key);
    } catch (error) {
      answered(row);
      await settle(() => failed(row, error));
      settling.delete(row.id);
      changed();
      return;
    }
    answered(row);
    const wasOffline = reached(link);
    const mark: Mark = { id: row.id, kind: row.kind, refId: row.refId, result, wasOffline };
    await settle(mark);
    settling.delete(row.id);
    changed();
  }

  /** The request is over: free its slot for another lane while the answer waits to be written. */
  function answered(row: Picked) {
    settling.add(row.id);
    inFlight.delete(row.id);
    wake();
  }

  /** Runs inside a settle transaction. */
  function failed(row: Picked, error: unknown) {
    const e =
      error instanceof PlatformError
        ? error
        : new PlatformError('retry', 'internal', {
            'zh-CN': '内部错误',
            en: String((error as Error)?.message ?? error).slice(0, 200),
          });
    failedWith(link, e, clock.now());
    if (e.kind === 'permanent') {
      if (store.park(row.id, `${e.code}: ${e.text.en}`))
        raise('outbox-parked', row.id, parkedText(row.id, e));
      return;
    }
    if (e.kind === 'setup' && !store.hasOpenAlert(e.code)) raise(e.code, null, e.text);
    const delay = nextDelay(options.backoff, row.attempts, random, e.retryAfterMs);
    store.reschedule(row.id, clock.now() + delay, `${e.code}: ${e.text.en}`);
  }

  /**
   * Lane heads chosen by the last walk of the open rows, not yet read or opened. One walk
   * picks many (it restarts from the oldest open row, past everything in flight), but they
   * are read and opened a few at a time: the event loop is blocked while they are, and a
   * block longer than the platform's queue of our requests (concurrency × its time per
   * request, under a millisecond) leaves the platform idle.
   */
  const picked: number[] = [];

  function refill() {
    if (picked.length === 0) pickHeads();
    if (picked.length === 0) return;
    // Opened together: a few decryptions in a row run with the crypto code warm, cheaper than
    // one at a time between network events. The plaintext waits in memory only until its
    // request is sent.
    queued.push(...store.open(picked.splice(0, OPEN_AT_ONCE)));
  }

  function pickHeads() {
    const want = headsWanted(options.concurrency);
    const taken = new Set([...inFlight.keys(), ...settling]);
    const now = clock.now();
    store.eachHead((h) => {
      if (isSendable(h, now, taken)) picked.push(h.id);
      return picked.length < want;
    });
  }

  /** When the next pending head is due (null: nothing pending outside parked lanes). */
  function nextDue(): number | null {
    let due: number | null = null;
    store.eachHead((h) => {
      due = earlierDue(due, h);
      return true;
    });
    return due;
  }

  async function run() {
    while (running) {
      if (needsRefill(flights, options.concurrency)) refill();
      while (running && canSend(flights, options.concurrency)) send(queued.shift()!);
      if (isQuiet(flights)) settleIdle();
      await pause(sleepFor());
    }
  }

  function send(row: Picked) {
    const job = deliverOne(row)
      .catch((error: unknown) => unwritten(error))
      .finally(() => {
        inFlight.delete(row.id);
        settling.delete(row.id);
        jobs.delete(job);
        wake();
      });
    inFlight.set(row.id, job);
    jobs.add(job);
  }

  /**
   * The answer was not written, so the row is still pending in the database and is sent again
   * with the same idempotency key. Its slot is held a while first: a disk that is full now
   * is full for the next answer too, and the platform should not be asked again at once.
   */
  async function unwritten(error: unknown): Promise<void> {
    options.onWriteError?.(error);
    await clock.sleep(WRITE_RETRY_MS).catch(() => undefined);
  }

  function sleepFor(): number | null {
    if (waitsForJob(flights, options.concurrency)) return null;
    const due = nextDue();
    return untilDue(due, clock.now());
  }

  function settleIdle() {
    if (idleWaiters.length === 0) return;
    if (nextDue() !== null) return;
    const waiters = idleWaiters;
    idleWaiters = [];
    waiters.forEach((w) => w());
  }

  /** A staff action on a parked row: done, then the runner and the counts hear of it. */
  function staffAction(done: boolean): boolean {
    wake();
    changed();
    return done;
  }

  return {
    enqueue(kind, refId, lane, body) {
      const enqueued = store.enqueue(kind, refId, lane, body, clock.now());
      // The wake happens after the caller's transaction commits (next tick at the earliest).
      queueMicrotask(() => wake());
      changed();
      return enqueued;
    },
    start() {
      if (running) return;
      running = true;
      loop = run();
    },
    async stop() {
      running = false;
      wake();
      await loop;
      await Promise.allSettled([...jobs]);
      model.stop();
    },
    wake,
    status,
    deadLetters: () => store.deadLetters(),
    retry: (id) => staffAction(store.retry(id, clock.now())),
    discard(id) {
      const done = store.discard(id, clock.now());
      if (done) model.discarded();
      return staffAction(done);
    },
    recount() {
      model.recount();
      changed();
    },
    idle() {
      return new Promise((resolve) => {
        idleWaiters.push(resolve);
        wake();
      });
    },
  };
}
