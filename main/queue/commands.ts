/**
 * The queue's command runner. Every command runs the same way — rules decide (the engine),
 * its events are stored in one transaction (the repository), then published — so what a
 * display shows is always something already on disk. Beside the engine it keeps what the
 * read models need and the log alone would make costly: the change count, the latest calls
 * and today's tally.
 */
import type { KioskConfig } from '../../kiosk-config/schema.js';
import type { CallView, QueueChange } from '../../common/contract/queue.js';
import { ContractError } from '../../common/contract/errors.js';
import type { Db } from '../store/store.js';
import { QueueEngine } from './engine.js';
import { DayTally } from './figures.js';
import { QueueRepository } from './repository.js';
import { QueueRefusal, type QueueEvent } from './types.js';
import { hallView, type ReadModel } from './views.js';

export interface QueueCommandsDeps {
  config: KioskConfig;
  db: Db;
  publish(change: QueueChange): void;
  now: () => number;
}

/** A command: the engine decides and applies its events at `now`, and returns them. */
export type QueueCommand = (now: number) => QueueEvent[];

/** The most calls a hall display may be set to show (`display.calls`). */
const RECENT_CALLS = 20;

export class QueueCommands {
  readonly engine: QueueEngine;
  readonly repo: QueueRepository;
  readonly now: () => number;
  readonly #config: KioskConfig;
  readonly #publish: (change: QueueChange) => void;
  #seq = 0;
  #recent: CallView[] = [];
  /** Today's figures, folded in event by event as they are stored (no copy of the log). */
  #tally!: DayTally;
  #timer: ReturnType<typeof setInterval> | undefined;
  #publishing: ReturnType<typeof setImmediate> | null = null;
  #published = 0;
  #rolled = false;
  #cause: QueueChange['cause'] = { type: 'dayStarted', number: null, counterNumber: null };

  constructor(deps: QueueCommandsDeps) {
    this.#config = deps.config;
    this.#publish = deps.publish;
    this.now = deps.now;
    this.repo = new QueueRepository(deps.db);
    this.engine = new QueueEngine(deps.config.queue, deps.config.hall.timezone, this.now());
    this.#replay(this.engine.day);
  }

  /** Events stored today: the hall view's `seq`, and what a change is counted in. */
  get seq(): number {
    return this.#seq;
  }

  get tally(): DayTally {
    return this.#tally;
  }

  /** Housekeeping every few seconds: expired reservations, the daily reset. */
  startTimers(everyMs = 5000): void {
    this.#timer = setInterval(() => this.tick(), everyMs);
    this.#timer.unref();
  }

  close(): void {
    clearInterval(this.#timer);
    if (this.#publishing) clearImmediate(this.#publishing);
    this.#publishing = null;
  }

  tick(): void {
    this.run(() => this.engine.expireReservations(this.now()));
  }

  /** Roll the day if due, run a command, store its events, publish the change. */
  run(command: QueueCommand): QueueEvent[] {
    const now = this.now();
    const rolled = this.#rollDay(now);
    const events = decide(command, now);
    this.repo.append(this.engine.day, events);
    for (const e of events) this.#tally.apply(e);
    if (rolled) this.#rolled = true;
    if (events.length > 0 || rolled) {
      for (const e of events) {
        this.#seq += 1;
        this.#remember(e);
      }
      this.#cause = this.#causeOf(events.at(-1));
      this.#schedulePublish();
    }
    return events;
  }

  /** What the read models (views.ts) see of the queue now. */
  readModel(): ReadModel {
    return {
      engine: this.engine,
      config: this.#config,
      tally: this.#tally,
      recent: this.#recent,
      seq: this.#seq,
      now: this.now(),
    };
  }

  /** Publish what changed since the last publish (tests and shutdown call it directly). */
  flush(): void {
    if (this.#publishing) clearImmediate(this.#publishing);
    this.#publishing = null;
    if (this.#published === this.#seq && !this.#rolled) return;
    this.#publish({
      since: this.#rolled ? 0 : this.#published,
      seq: this.#seq,
      cause: this.#cause,
      view: hallView(this.readModel()),
    });
    this.#published = this.#seq;
    this.#rolled = false;
  }

  #replay(day: string): void {
    this.engine.reset(day);
    this.#tally = this.#newTally();
    for (const e of this.repo.load(day)) {
      this.engine.apply(e);
      this.#tally.apply(e);
      this.#seq += 1;
      this.#remember(e);
    }
    this.#published = this.#seq;
  }

  /** Starts the new queue day if it is due; true when it did. */
  #rollDay(now: number): boolean {
    const oldDay = this.engine.day;
    const next = this.engine.rollover(now);
    if (!next) return false;
    // The overnight rule: the old day's open tickets are closed in the old day's log.
    this.repo.append(oldDay, next.closing);
    this.repo.append(next.newDay, next.opening);
    this.#recent = [];
    this.#seq = next.opening.length;
    this.#tally = this.#newTally();
    for (const e of next.opening) this.#tally.apply(e);
    return true;
  }

  #newTally(): DayTally {
    const q = this.#config.queue;
    return new DayTally(
      q.services.map((s) => s.id),
      q.counters.map((c) => c.id),
    );
  }

  #remember(e: QueueEvent): void {
    if (e.type !== 'called' && e.type !== 'recalled') return;
    const ticket = this.engine.tickets.get(e.ticketId);
    const counter = this.engine.counters.get(e.counterId);
    if (!ticket || !counter) return;
    this.#recent.unshift({
      seq: this.#seq,
      number: ticket.number,
      counterNumber: counter.number,
      at: new Date(e.at).toISOString(),
      recall: e.type === 'recalled',
    });
    this.#recent.length = Math.min(this.#recent.length, RECENT_CALLS);
  }

  /**
   * Displays hear about a change right after the command returns (same event-loop turn, after
   * the reply is on its way), and a burst of commands makes one change with the last cause:
   * the hall view is built once per burst, not inside every command.
   */
  #schedulePublish(): void {
    if (this.#publishing) return;
    this.#publishing = setImmediate(() => this.flush());
  }

  #causeOf(e: QueueEvent | undefined): QueueChange['cause'] {
    if (!e) return { type: 'dayStarted', number: null, counterNumber: null };
    const ticket = 'ticketId' in e ? this.engine.tickets.get(e.ticketId) : undefined;
    const counter = 'counterId' in e ? this.engine.counters.get(e.counterId) : undefined;
    return { type: e.type, number: ticket?.number ?? null, counterNumber: counter?.number ?? null };
  }
}

/** Runs a command; the engine refuses before applying anything, so state and log are untouched. */
function decide(command: QueueCommand, now: number): QueueEvent[] {
  try {
    return command(now);
  } catch (error) {
    if (!(error instanceof QueueRefusal)) throw error;
    throw new ContractError('CONFLICT', error.text, {
      action: error.action,
      issues: [{ path: 'queue', message: error.code }],
    });
  }
}
