/**
 * The durable outbox. A caller writes its case (or rating) and the outbox row in one
 * transaction (enqueue); the drainer delivers rows at least once, with the same idempotency
 * key every time, in order per lane (one resident = one lane), with bounded concurrency and
 * full-jitter backoff. A permanent refusal parks the lane and alerts staff; a hall manager
 * retries or discards it. Everything lives in SQLite, so a restart picks up where it stopped.
 */
import { randomUUID } from 'node:crypto';
import type { Db } from '../store/store.js';
import type { Sealer } from '../privacy/sealer.js';
import { PlatformError } from '../platform/errors.js';
import { nextDelay, type Backoff } from './backoff.js';
import { realClock, type Clock } from './clock.js';
import { caseBody, personalWhere, type CaseEnvelope } from '../case/case-body.js';
import type { RatingSubmission } from '../../common/platform/schemas.js';

export type OutboxKind = 'case' | 'rating';

/**
 * Sends one payload (the exact JSON text stored at enqueue); resolves with the platform's id
 * for it, throws PlatformError on failure.
 */
export type Deliver = (kind: OutboxKind, json: string, idempotencyKey: string) => Promise<string>;

export interface OutboxOptions {
  db: Db;
  sealer: Sealer;
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
  message: { 'zh-CN': string; en: string };
}

export interface DeadLetter {
  id: number;
  kind: OutboxKind;
  receiptNumber: string | null;
  serviceId: string | null;
  attempts: number;
  lastError: string | null;
  createdAt: number;
}

/**
 * A picked row as the rows statement returns it: an array, not an object, since better-sqlite3
 * builds an object per row property by property (the drain reads thousands).
 */
type StoredRow = [
  id: number,
  kind: OutboxKind,
  refId: number,
  key: string,
  attempts: number,
  /** Plain JSON: a rating's body, or a case's envelope (its personal part is in hall_case). */
  payload: string | null,
  /** Rows written before migration 0007: the exact body, sealed. */
  payloadEnc: Buffer | null,
  /** A case's sealed personal part and the receipt number its seal is bound to. */
  personalEnc: Buffer | null,
  receiptNumber: string | null,
];

/** A delivery's answer, waiting for the group commit. */
interface Mark {
  id: number;
  kind: OutboxKind;
  refId: number;
  result: string;
  /** The platform was unreachable before this answer: its setup alerts can be cleared. */
  wasOffline: boolean;
}

/** A row picked for delivery, its body already opened (or why it could not be). */
interface Picked {
  id: number;
  kind: OutboxKind;
  refId: number;
  key: string;
  attempts: number;
  json: string | Error;
}

export interface Enqueued {
  id: number;
  key: string;
}

export interface Outbox {
  /**
   * Call inside the caller's transaction, right after writing the case or rating. The body is
   * stored as plain JSON, so it must hold nothing personal: a case passes its envelope, and its
   * personal part, sealed in hall_case, is joined to it when it is sent (case-body.ts).
   */
  enqueue(kind: 'case', refId: number, lane: string, body: CaseEnvelope): Enqueued;
  enqueue(kind: 'rating', refId: number, lane: string, body: RatingSubmission): Enqueued;
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
 * answer, its marks in three statements. Short on purpose: the group's write blocks the event
 * loop, and while it runs no answer is read and no request goes out, so the platform idles;
 * longer groups cost less CPU per answer. The outbox bench compares group lengths.
 */
const GROUP_COMMIT_MS = 5;

/** Picked rows read and opened per turn of the drain loop (see `picked`). */
const OPEN_AT_ONCE = 16;

export function createOutbox(options: OutboxOptions): Outbox {
  const { db, sealer } = options;
  const clock = options.clock ?? realClock;
  const random = options.random ?? Math.random;
  const where = (key: string) => `outbox.payload:${key}`;
  const sql = {
    insert: db.prepare(
      `INSERT INTO outbox (kind, ref_id, lane, idempotency_key, payload, state, next_attempt_at, created_at)
       VALUES (?, ?, ?, ?, ?, 'pending', ?, ?)`,
    ),
    // Open rows oldest first, read from the covering partial index alone (migration 0005);
    // the first row seen of a lane is its head.
    open: db
      .prepare(
        `SELECT id, state, lane, next_attempt_at AS due FROM outbox
          WHERE state IN ('pending', 'parked') ORDER BY id`,
      )
      .raw(true),
    // The picked rows in one statement (a JSON array of ids): one call instead of hundreds.
    rows: db
      .prepare(
        `SELECT o.id, o.kind, o.ref_id, o.idempotency_key, o.attempts, o.payload, o.payload_enc,
                c.personal_enc, c.receipt_number
           FROM outbox o LEFT JOIN hall_case c ON o.kind = 'case' AND c.id = o.ref_id
          WHERE o.id IN (SELECT value FROM json_each(?)) AND o.state = 'pending'
          ORDER BY o.id`,
      )
      .raw(true),
    // A group's answers in at most two statements, whatever its size, each taking the group as
    // JSON [[outboxId, refId, result], …]. A case's platform number is its outbox row's result
    // (the view case_platform), so a case row is not written; a rating's id is copied to it.
    // The rating update runs first and only for rows still pending, so a row settled twice
    // changes nothing.
    ratingsDelivered: db.prepare(
      `UPDATE rating SET platform_rating_id = j.value ->> 2
         FROM json_each(?) AS j JOIN outbox o ON o.id = j.value ->> 0
        WHERE rating.id = j.value ->> 1 AND o.kind = 'rating' AND o.state = 'pending'`,
    ),
    delivered: db.prepare(
      `UPDATE outbox SET state = 'delivered', settled_at = ?, result = j.value ->> 2,
                         payload = NULL, payload_enc = NULL, last_error = NULL
         FROM json_each(?) AS j
        WHERE outbox.id = j.value ->> 0 AND outbox.state = 'pending'`,
    ),
    reschedule: db.prepare(
      `UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ?, last_error = ?
        WHERE id = ? AND state = 'pending'`,
    ),
    park: db.prepare(
      `UPDATE outbox SET state = 'parked', attempts = attempts + 1, last_error = ? WHERE id = ? AND state = 'pending'`,
    ),
    alert: db.prepare(
      'INSERT INTO staff_alert (at, code, outbox_id, message_zh, message_en) VALUES (?, ?, ?, ?, ?)',
    ),
    openAlert: db.prepare('SELECT 1 FROM staff_alert WHERE code = ? AND cleared_at IS NULL'),
    clearAlerts: db.prepare(
      'UPDATE staff_alert SET cleared_at = ? WHERE outbox_id = ? AND cleared_at IS NULL',
    ),
    clearSetupAlerts: db.prepare(
      'UPDATE staff_alert SET cleared_at = ? WHERE outbox_id IS NULL AND cleared_at IS NULL',
    ),
    // Open rows are counted from the partial index (cheap); settled rows only once, then kept
    // as they change (a scan of every row ever sent took ~25 ms at 100,000 rows, and status()
    // runs every 200 ms while the outbox drains).
    openCounts: db.prepare(
      "SELECT state, COUNT(*) AS n FROM outbox WHERE state IN ('pending', 'parked') GROUP BY state",
    ),
    settledCounts: db.prepare(
      "SELECT state, COUNT(*) AS n FROM outbox WHERE state IN ('delivered', 'discarded') GROUP BY state",
    ),
    // The first term lets SQLite read the partial index of open rows instead of the table.
    // The first-written pending row's time (ids and created_at grow together). The first term
    // lets SQLite read the partial index of open rows instead of the whole table.
    oldest: db.prepare(
      `SELECT created_at AS at FROM outbox WHERE state IN ('pending', 'parked') AND state = 'pending'
        ORDER BY id LIMIT 1`,
    ),
    syncNormal: db.prepare('PRAGMA synchronous = NORMAL'),
    syncFull: db.prepare('PRAGMA synchronous = FULL'),
    deadLetters: db.prepare(
      `SELECT o.id, o.kind, o.attempts, o.last_error AS lastError, o.created_at AS createdAt,
              c.receipt_number AS receiptNumber, c.service_id AS serviceId
         FROM outbox o LEFT JOIN hall_case c ON o.kind = 'case' AND c.id = o.ref_id
        WHERE o.state IN ('pending', 'parked') AND o.state = 'parked' ORDER BY o.id`,
    ),
    retry: db.prepare(
      "UPDATE outbox SET state = 'pending', next_attempt_at = ?, last_error = NULL WHERE id = ? AND state = 'parked'",
    ),
    discard: db.prepare(
      "UPDATE outbox SET state = 'discarded', payload = NULL, payload_enc = NULL, settled_at = ? WHERE id = ? AND state = 'parked'",
    ),
  };

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

  function raise(code: string, outboxId: number | null, message: StaffAlert['message']) {
    const at = new Date(clock.now()).toISOString();
    const info = sql.alert.run(at, code, outboxId, message['zh-CN'], message.en);
    options.onAlert?.({ id: Number(info.lastInsertRowid), at, code, outboxId, message });
  }

  type Counts = { pending: number; delivered: number; parked: number; discarded: number };
  let settled: Pick<Counts, 'delivered' | 'discarded'> | null = null;
  function status(): OutboxStatus {
    const counts: Counts = { pending: 0, delivered: 0, parked: 0, discarded: 0 };
    if (!settled) {
      settled = { delivered: 0, discarded: 0 };
      for (const row of sql.settledCounts.all() as { state: keyof typeof settled; n: number }[])
        settled[row.state] = row.n;
    }
    Object.assign(counts, settled);
    for (const row of sql.openCounts.all() as { state: keyof Counts; n: number }[])
      counts[row.state] = row.n;
    const oldest = (sql.oldest.get() as { at: number } | undefined)?.at ?? null;
    return {
      ...counts,
      inFlight: inFlight.size,
      oldestPendingAt: oldest,
      online,
      lastError,
      deliveredThisRun,
    };
  }

  // Group commit: what several deliveries settle within GROUP_COMMIT_MS is written in one
  // transaction. Safe for at-least-once: a settle lost to a crash only means
  // that row is sent again with its key, and the platform answers with the first result.
  // A delivery's answer is a Mark; a failure's bookkeeping is a function. Both are written in
  // the order they came, consecutive marks together.
  type Settled = Mark | (() => void);
  // The group being gathered: its items, and one promise every delivery in it waits on.
  interface Group {
    items: Settled[];
    written: Promise<void>;
    resolve(): void;
    reject(error: unknown): void;
  }
  let group: Group | null = null;
  // Rows the group's transaction marked delivered: counted once it commits.
  let groupDelivered = 0;
  const writeBatch = db.transaction((items: Settled[]) => {
    let marks: Mark[] = [];
    for (const item of items) {
      if (typeof item !== 'function') {
        marks.push(item);
        continue;
      }
      if (marks.length) writeMarks(marks);
      marks = [];
      item();
    }
    if (marks.length) writeMarks(marks);
  });
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
  function writeMarks(marks: Mark[]) {
    let json = '[';
    let ratings = false;
    for (const m of marks) {
      json += `${json.length > 1 ? ',' : ''}[${m.id},${m.refId},${JSON.stringify(m.result)}]`;
      if (m.kind === 'rating') ratings = true;
    }
    json += ']';
    if (ratings) sql.ratingsDelivered.run(json);
    const changed = sql.delivered.run(clock.now(), json).changes;
    groupDelivered += changed;
    if (changed && marks.some((m) => m.wasOffline))
      sql.clearSetupAlerts.run(new Date(clock.now()).toISOString());
  }
  function flush() {
    const g = group!;
    group = null;
    try {
      // Without waiting for the disk: an answer lost to power loss means one resend with the
      // same key, which the platform replays. The WAL stays consistent either way, and the next
      // FULL commit (any enqueue) makes these frames durable too. Restored before returning,
      // so no other write on this connection ever runs with less than FULL.
      sql.syncNormal.run();
      groupDelivered = 0;
      try {
        writeBatch(g.items);
      } finally {
        sql.syncFull.run();
      }
      deliveredThisRun += groupDelivered;
      if (settled) settled.delivered += groupDelivered;
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
    await settle({ id: row.id, kind: row.kind, refId: row.refId, result, wasOffline });
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
      if (sql.park.run(`${e.code}: ${e.text.en}`, row.id).changes !== 1) return;
      raise('outbox-parked', row.id, {
        'zh-CN': `第 ${row.id} 条待发送记录被平台拒收（${e.text['zh-CN']}），该居民后续事项已暂停：请大厅管理员在“发送失败”中重试或作废`,
        en: `outbox item ${row.id} was refused by the platform (${e.text.en}); this resident's later items wait: a hall manager should retry or discard it`,
      });
      return;
    }
    online = false;
    if (e.kind === 'setup' && !sql.openAlert.get(e.code)) raise(e.code, null, e.text);
    const delay = nextDelay(options.backoff, row.attempts, random, e.retryAfterMs);
    sql.reschedule.run(clock.now() + delay, `${e.code}: ${e.text.en}`, row.id);
  }

  interface OpenRow {
    id: number;
    state: 'pending' | 'parked';
    lane: string;
    due: number;
  }

  /**
   * Walks the open rows oldest first and calls `head` with each lane's head (its oldest open
   * row: a parked or in-flight head holds the rest of its lane back). Stops when `head`
   * returns false, so a refill reads about as many index entries as it takes.
   */
  function eachHead(head: (row: OpenRow) => boolean) {
    const lanes = new Set<string>();
    const row: OpenRow = { id: 0, state: 'pending', lane: '', due: 0 };
    // Raw rows (arrays, no object per row): this walk is on the drain's hot path.
    for (const r of sql.open.iterate() as IterableIterator<
      [number, OpenRow['state'], string, number]
    >) {
      if (lanes.has(r[2])) continue;
      lanes.add(r[2]);
      [row.id, row.state, row.lane, row.due] = r;
      if (!head(row)) break; // leaving the loop ends the statement, freeing the connection
    }
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
    const ids = picked.splice(0, OPEN_AT_ONCE);
    for (const row of sql.rows.all(JSON.stringify(ids)) as StoredRow[]) {
      let json: string | Error;
      try {
        json = bodyOf(row);
      } catch (error) {
        json = error as Error;
      }
      // Only what the delivery needs: the sealed copies are not kept.
      queued.push({ id: row[0], kind: row[1], refId: row[2], key: row[3], attempts: row[4], json });
    }
  }

  function pickHeads() {
    const want = Math.max(options.concurrency * 4, 256);
    const taken = new Set([...inFlight.keys(), ...settling]);
    const now = clock.now();
    eachHead((h) => {
      if (h.state === 'pending' && h.due <= now && !taken.has(h.id)) picked.push(h.id);
      return picked.length < want;
    });
  }

  /** The exact text to send: stored, sealed (before 0007), or a case's two parts joined. */
  function bodyOf(row: StoredRow): string {
    const [id, kind, , key, , payload, payloadEnc, personalEnc, receiptNumber] = row;
    if (payloadEnc) return sealer.open(payloadEnc, where(key));
    if (payload === null) throw new Error(`outbox row ${id} has no body`);
    if (kind !== 'case') return payload;
    if (!personalEnc || !receiptNumber)
      throw new Error(`outbox row ${id}: its case's personal data is missing`);
    return caseBody(payload, sealer.open(personalEnc, personalWhere(receiptNumber)));
  }

  /** When the next pending head is due (null: nothing pending outside parked lanes). */
  function nextDue(): number | null {
    let due: number | null = null;
    eachHead((h) => {
      if (h.state === 'pending' && (due === null || h.due < due)) due = h.due;
      return true;
    });
    return due;
  }

  async function run() {
    while (running) {
      if (inFlight.size < options.concurrency && queued.length === 0) refill();
      while (running && inFlight.size < options.concurrency && queued.length > 0) {
        const row = queued.shift()!;
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
      if (jobs.size === 0 && queued.length === 0) settleIdle();
      await pause(sleepFor());
    }
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

  return {
    enqueue(kind: OutboxKind, refId: number, lane: string, body: object): Enqueued {
      // Stored in plain text: a case's personal part belongs sealed in hall_case, not here.
      if (kind === 'case' && ('applicant' in body || 'form' in body))
        throw new Error('outbox.enqueue: a case body with its personal part (pass the envelope)');
      const key = randomUUID();
      const now = clock.now();
      const info = sql.insert.run(kind, refId, lane, key, JSON.stringify(body), now, now);
      // The wake happens after the caller's transaction commits (next tick at the earliest).
      queueMicrotask(() => wake());
      changed();
      return { id: Number(info.lastInsertRowid), key };
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
    deadLetters: () => sql.deadLetters.all() as DeadLetter[],
    retry(id) {
      const done = db.transaction(() => {
        if (sql.retry.run(clock.now(), id).changes !== 1) return false;
        sql.clearAlerts.run(new Date(clock.now()).toISOString(), id);
        return true;
      })();
      wake();
      changed();
      return done;
    },
    discard(id) {
      const done = db.transaction(() => {
        if (sql.discard.run(clock.now(), id).changes !== 1) return false;
        sql.clearAlerts.run(new Date(clock.now()).toISOString(), id);
        return true;
      })();
      if (done && settled) settled.discarded++;
      wake();
      changed();
      return done;
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
