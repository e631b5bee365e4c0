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
import {
  createOutboxStorage,
  type AlertText,
  type DeadLetter,
  type Enqueued,
  type Mark,
  type PayloadKind,
  type Picked,
  type Settled,
} from './storage.js';

export type { DeadLetter, Enqueued, PayloadKind };

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

export interface OutboxStatus {
  pending: number;
  delivered: number;
  parked: number;
  discarded: number;
  inFlight: number;
  oldestPendingAt: number | null;
  /** The last delivery attempt's outcome: false while the platform cannot be reached. */
  online: boolean | null;
  lastError: { code: string; at: number } | null;
  deliveredThisRun: number;
}

export interface StaffAlert {
  id: number;
  at: string;
  code: string;
  outboxId: number | null;
  message: AlertText;
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

const WAKE = 'wake';

/** How long a delivery slot waits after its answer could not be written. */
const WRITE_RETRY_MS = 5000;
/**
 * Settled deliveries are written together: one transaction per group instead of one per
 * answer. Short on purpose: the group's write blocks the event loop, and while it runs no
 * answer is read and no request goes out, so the platform idles; longer groups cost less CPU
 * per answer. The outbox bench compares group lengths.
 */
const GROUP_COMMIT_MS = 5;

/** Picked rows read and opened per turn of the drain loop (see `picked`). */
const OPEN_AT_ONCE = 16;

export function createOutbox(options: OutboxOptions): Outbox {
  const store = createOutboxStorage(options.db, options.sealer, options.kinds);
  const clock = options.clock ?? realClock;
  const random = options.random ?? Math.random;

  // Rows with a request out (bounded by concurrency), and rows whose answer is waiting for
  // the next group commit: neither may be picked again, only the first counts as in flight.
  const inFlight = new Map<number, Promise<void>>();
  const settling = new Set<number>();
  const jobs = new Set<Promise<void>>();
  const queued: Picked[] = [];
  let running = false;
  let loop: Promise<void> | null = null;
  // Woken by answers, enqueues and staff actions. A plain resolver: an AbortController per
  // wait (with its event listeners) cost more than the outbox's SQL at drain rates.
  let woken = false;
  let wakeWaiter: (() => void) | null = null;
  let timedWait: AbortController | null = null;
  let online: boolean | null = null;
  let lastError: OutboxStatus['lastError'] = null;
  let deliveredThisRun = 0;
  let idleWaiters: (() => void)[] = [];
  let changeTimer: NodeJS.Timeout | null = null;

  function wake() {
    woken = true;
    const waiter = wakeWaiter;
    wakeWaiter = null;
    waiter?.();
    // Aborting with a reason of our own: a bare abort() builds a DOMException with a stack.
    if (timedWait && !timedWait.signal.aborted) timedWait.abort(WAKE);
  }

  /** Until woken, or for `ms` (null: only a wake ends it; every job wakes us when it ends). */
  async function pause(ms: number | null) {
    if (!woken) {
      if (ms === null) {
        await new Promise<void>((resolve) => (wakeWaiter = resolve));
      } else {
        timedWait = new AbortController();
        await clock.sleep(ms, timedWait.signal);
        timedWait = null;
      }
    }
    woken = false;
  }

  function changed() {
    if (!options.onChange || changeTimer) return;
    changeTimer = setTimeout(() => {
      changeTimer = null;
      options.onChange?.(status());
    }, 200);
  }

  function raise(code: string, outboxId: number | null, message: AlertText) {
    const at = new Date(clock.now()).toISOString();
    const id = store.raiseAlert(at, code, outboxId, message);
    options.onAlert?.({ id, at, code, outboxId, message });
  }

  // Settled rows counted once, then kept as they change (a scan of every row ever sent).
  let settled: { delivered: number; discarded: number } | null = null;
  function status(): OutboxStatus {
    settled ??= store.settledCounts();
    return {
      ...store.openCounts(),
      ...settled,
      inFlight: inFlight.size,
      oldestPendingAt: store.oldestPendingAt(),
      online,
      lastError,
      deliveredThisRun,
    };
  }

  // Group commit: what several deliveries settle within GROUP_COMMIT_MS is written in one
  // transaction. Safe for at-least-once: a settle lost to a crash only means that row is sent
  // again with its key, and the platform answers with the first result. A delivery's answer
  // is a Mark; a failure's bookkeeping is a function; both are written in the order they came.
  interface Group {
    items: Settled[];
    written: Promise<void>;
    resolve(): void;
    reject(error: unknown): void;
  }
  let group: Group | null = null;
  function settle(item: Settled): Promise<void> {
    if (!group) {
      let resolve!: () => void;
      let reject!: (error: unknown) => void;
      const written = new Promise<void>((yes, no) => ((resolve = yes), (reject = no)));
      group = { items: [], written, resolve, reject };
      setTimeout(flush, GROUP_COMMIT_MS);
    }
    group.items.push(item);
    return group.written;
  }
  function flush() {
    const g = group!;
    group = null;
    try {
      const delivered = store.writeGroup(g.items, clock.now());
      deliveredThisRun += delivered;
      if (settled) settled.delivered += delivered;
      g.resolve();
    } catch (error) {
      g.reject(error);
    }
  }

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
    const wasOffline = online === false;
    online = true;
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
    lastError = { code: e.code, at: clock.now() };
    if (e.kind === 'permanent') {
      online = true;
      if (!store.park(row.id, `${e.code}: ${e.text.en}`)) return;
      raise('outbox-parked', row.id, {
        'zh-CN': `第 ${row.id} 条待发送记录被平台拒收（${e.text['zh-CN']}），该居民后续事项已暂停：请大厅管理员在“发送失败”中重试或作废`,
        en: `outbox item ${row.id} was refused by the platform (${e.text.en}); this resident's later items wait: a hall manager should retry or discard it`,
      });
      return;
    }
    online = false;
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
    const want = Math.max(options.concurrency * 4, 256);
    const taken = new Set([...inFlight.keys(), ...settling]);
    const now = clock.now();
    store.eachHead((h) => {
      if (h.state === 'pending' && h.due <= now && !taken.has(h.id)) picked.push(h.id);
      return picked.length < want;
    });
  }

  /** When the next pending head is due (null: nothing pending outside parked lanes). */
  function nextDue(): number | null {
    let due: number | null = null;
    store.eachHead((h) => {
      if (h.state === 'pending' && (due === null || h.due < due)) due = h.due;
      return true;
    });
    return due;
  }

  async function run() {
    while (running) {
      if (inFlight.size < options.concurrency && queued.length === 0) refill();
      while (running && inFlight.size < options.concurrency && queued.length > 0)
        send(queued.shift()!);
      if (jobs.size === 0 && queued.length === 0) settleIdle();
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
    // A job that answers or settles wakes us; until then there is nothing new to pick, and
    // polling the lane heads meanwhile would only burn the CPU the deliveries need.
    if (inFlight.size >= options.concurrency || (jobs.size > 0 && queued.length === 0)) return null;
    const due = nextDue();
    return due === null ? 60_000 : Math.min(Math.max(due - clock.now(), 1), 60_000);
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
      if (changeTimer) clearTimeout(changeTimer);
      changeTimer = null;
    },
    wake,
    status,
    deadLetters: () => store.deadLetters(),
    retry: (id) => staffAction(store.retry(id, clock.now())),
    discard(id) {
      const done = store.discard(id, clock.now());
      if (done && settled) settled.discarded++;
      return staffAction(done);
    },
    recount() {
      settled = null;
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
