/**
 * Background case-status refresh on the machine that holds the cases. Every interval, while
 * the platform answers, it asks for the status of up to `perRound` cases that are not yet in a
 * final state, the longest-unchecked first, and stores what it learns. When the platform does
 * not answer, the round stops at once and the next one waits twice as long (up to a cap), so a
 * WAN outage costs one request per round, not one per case. A round that changed something is
 * announced (a count only), so an open 办件查询 can refresh itself.
 */
import type { Clock } from '../outbox/clock.js';
import type { PlatformClient } from '../platform/client.js';
import { PlatformError } from '../platform/errors.js';
import type { Db } from '../store/store.js';

/** The platform says nothing more will happen to a case in these states. */
export const FINAL_STATES = ['completed', 'rejected'] as const;

export interface StatusRefreshOptions {
  db: Db;
  client: Pick<PlatformClient, 'caseStatus'>;
  clock: Clock;
  intervalMs: number;
  perRound: number;
  /** The longest wait between rounds while the platform is down. */
  maxBackoffMs: number;
  /** After a round in which `changed` cases got a new status. */
  onChanged: (changed: number) => void;
  /** A round stopped because the platform did not answer (an error code, no personal data). */
  onDown?: (code: string) => void;
}

export interface RoundResult {
  checked: number;
  changed: number;
  /** Why the round stopped early (the platform could not be reached), if it did. */
  down: string | null;
}

export interface StatusRefresh {
  /** One round now (the loop calls this; tests may too). */
  round(): Promise<RoundResult>;
  start(): void;
  stop(): Promise<void>;
  /** The wait before the next round, after `failures` rounds in a row that found the platform down. */
  delayAfter(failures: number): number;
}

interface Due {
  id: number;
  caseNumber: string;
  status: string | null;
}

export function createStatusRefresh(o: StatusRefreshOptions): StatusRefresh {
  const finals = FINAL_STATES.map((s) => `'${s}'`).join(', ');
  const sql = {
    due: o.db.prepare(
      `SELECT id, platform_case_number AS caseNumber, platform_status AS status
         FROM case_platform
        WHERE platform_case_number IS NOT NULL
          AND COALESCE(platform_status, '') NOT IN (${finals})
        ORDER BY status_checked_at IS NOT NULL, status_checked_at, id
        LIMIT ?`,
    ),
    write: o.db.prepare(
      'UPDATE hall_case SET platform_status = ?, status_checked_at = ? WHERE id = ?',
    ),
    touch: o.db.prepare('UPDATE hall_case SET status_checked_at = ? WHERE id = ?'),
  };
  let running = false;
  let stopping = false;
  let loop: Promise<void> | null = null;
  let abort = new AbortController();
  let inRound: Promise<RoundResult> | null = null;

  async function runRound(): Promise<RoundResult> {
    const due = sql.due.all(o.perRound) as Due[];
    let checked = 0;
    let changed = 0;
    for (const c of due) {
      if (stopping) break; // closing down: the rest waits for the next start
      const at = () => new Date(o.clock.now()).toISOString();
      try {
        const status = await o.client.caseStatus(c.caseNumber);
        checked++;
        sql.write.run(status.status, at(), c.id);
        if (status.status !== c.status) changed++;
      } catch (error) {
        if (error instanceof PlatformError && error.kind === 'permanent') {
          // This case only (say the platform no longer knows the number): look again later,
          // behind the others, rather than asking for it every round.
          sql.touch.run(at(), c.id);
          checked++;
          continue;
        }
        if (changed) o.onChanged(changed);
        const code = error instanceof PlatformError ? error.code : 'internal';
        o.onDown?.(code);
        return { checked, changed, down: code };
      }
    }
    if (changed) o.onChanged(changed);
    return { checked, changed, down: null };
  }

  function round(): Promise<RoundResult> {
    // One round at a time: a test's round and the loop's never interleave.
    inRound ??= runRound().finally(() => (inRound = null));
    return inRound;
  }

  function delayAfter(failures: number): number {
    if (failures === 0) return o.intervalMs;
    // Never sooner than the interval, even if the cap was set below it.
    const cap = Math.max(o.maxBackoffMs, o.intervalMs);
    return Math.min(cap, o.intervalMs * 2 ** Math.min(failures, 20));
  }

  async function run() {
    let failures = 0;
    while (running) {
      const result = await round().catch(() => ({ down: 'internal' }) as const);
      failures = result.down ? failures + 1 : 0;
      if (!running) break;
      await o.clock.sleep(delayAfter(failures), abort.signal);
    }
  }

  return {
    round,
    delayAfter,
    start() {
      if (running) return;
      running = true;
      stopping = false;
      abort = new AbortController();
      loop = run();
    },
    async stop() {
      running = false;
      stopping = true;
      abort.abort();
      await loop;
      await inRound;
      loop = null;
    },
  };
}
