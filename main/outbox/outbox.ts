/**
 * The durable outbox. A caller writes its own row and the outbox row in one transaction
 * (enqueue); the runner delivers rows at least once, with the same idempotency key every
 * time, in order per lane (one resident = one lane), with bounded concurrency and full-jitter
 * backoff. A permanent refusal parks the lane and alerts staff; a hall manager retries or
 * discards it. Everything lives in SQLite (storage.ts), so a restart picks up where it stopped;
 * payloads are opaque, their kinds told by the capability that enqueues them. This file wires
 * the runner's parts: its loop (runner.ts), what it picks (picker.ts), one delivery
 * (delivery.ts), the group commit (group-commit.ts), a failure (failure.ts), the platform
 * link's state (link-state.ts) and the status (status.ts).
 */
import type { Db } from '../store/store.js';
import type { Sealer } from '../privacy/sealer.js';
import type { Backoff } from './backoff.js';
import { realClock, type Clock } from './clock.js';
import { delivery, type Deliver } from './delivery.js';
import { failure } from './failure.js';
import { noFlights } from './flights.js';
import { createGroupCommit } from './group-commit.js';
import { unknownLink } from './link-state.js';
import { createPicker } from './picker.js';
import { createRunner, type Runner } from './runner.js';
import { staffAlerts, type StaffAlert } from './staff-alerts.js';
import { createStatusModel, type OutboxStatus, type StatusModel } from './status.js';
import {
  createOutboxStorage,
  type DeadLetter,
  type Enqueued,
  type OutboxStorage,
  type PayloadKind,
  type SettledRows,
} from './storage.js';
import { createWaker, type Waker } from './waker.js';

export type { DeadLetter, Deliver, Enqueued, OutboxStatus, PayloadKind, StaffAlert };

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
  /**
   * Lets go of settled rows whose retention is over (by id, or a kind's rows written before a
   * time); open rows stay. Call inside the caller's transaction, then `recount` after it.
   */
  forgetSettled(which: SettledRows): number;
  /** Settled rows were let go: count them again. */
  recount(): void;
  /** Resolves when nothing deliverable is pending (parked lanes excepted). */
  idle(): Promise<void>;
}

export function createOutbox(options: OutboxOptions): Outbox {
  const store = createOutboxStorage(options.db, options.sealer, options.kinds);
  const clock = options.clock ?? realClock;
  const flights = noFlights();
  const link = unknownLink();
  const waker = createWaker(clock);
  const model = createStatusModel(
    store,
    { inFlight: () => flights.inFlight.size, link },
    options.onChange,
  );
  const failed = failure({
    store,
    link,
    raise: staffAlerts(store, clock, options.onAlert),
    clock,
    backoff: options.backoff,
    random: options.random ?? Math.random,
  });
  const send = delivery({
    deliver: options.deliver,
    flights,
    link,
    settle: createGroupCommit((items) => model.delivered(store.writeGroup(items, clock.now()))),
    failed,
    wake: waker.wake,
    changed: model.changed,
    clock,
    onWriteError: options.onWriteError,
  });
  const picker = createPicker(store, flights, clock, options.concurrency);
  const runner = createRunner({
    concurrency: options.concurrency,
    flights,
    picker,
    send,
    waker,
    clock,
  });
  return outboxCalls(store, clock, waker, model, runner);
}

/** The outbox as its callers see it, over the runner's parts. */
function outboxCalls(
  store: OutboxStorage,
  clock: Clock,
  waker: Waker,
  model: StatusModel,
  runner: Runner,
): Outbox {
  const { wake } = waker;
  /** A staff action on a parked row: done, then the runner and the counts hear of it. */
  function staffAction(done: boolean): boolean {
    wake();
    model.changed();
    return done;
  }
  return {
    enqueue(kind, refId, lane, body) {
      const enqueued = store.enqueue(kind, refId, lane, body, clock.now());
      // The wake happens after the caller's transaction commits (next tick at the earliest).
      queueMicrotask(() => wake());
      model.changed();
      return enqueued;
    },
    start: runner.start,
    async stop() {
      await runner.stop();
      model.stop();
    },
    wake,
    status: model.status,
    deadLetters: () => store.deadLetters(),
    retry: (id) => staffAction(store.retry(id, clock.now())),
    discard(id) {
      const done = store.discard(id, clock.now());
      if (done) model.discarded();
      return staffAction(done);
    },
    forgetSettled: (which) => store.forgetSettled(which),
    recount() {
      model.recount();
      model.changed();
    },
    idle: runner.idle,
  };
}
