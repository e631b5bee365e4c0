/**
 * What a failed delivery leaves behind, inside its group's transaction: a refusal parks the row
 * (its lane waits) and alerts staff; anything else sends it again later, after a back-off,
 * and a setup fault (our configuration) alerts staff once while it lasts.
 */
import { PlatformError } from '../platform/errors.js';
import { nextDelay, type Backoff } from './backoff.js';
import type { Clock } from './clock.js';
import { failedWith, type LinkState } from './link-state.js';
import { parkedText, type Raise } from './staff-alerts.js';
import type { OutboxStorage, Picked } from './storage.js';

interface FailureDeps {
  store: Pick<OutboxStorage, 'park' | 'reschedule' | 'hasOpenAlert'>;
  link: LinkState;
  raise: Raise;
  clock: Clock;
  backoff: Backoff;
  random: () => number;
}

export function failure(d: FailureDeps) {
  return function failed(row: Picked, error: unknown): void {
    const e = asPlatformError(error);
    failedWith(d.link, e, d.clock.now());
    if (e.kind === 'permanent') {
      if (d.store.park(row.id, lastErrorOf(e)))
        d.raise('outbox-parked', row.id, parkedText(row.id, e));
      return;
    }
    if (e.kind === 'setup' && !d.store.hasOpenAlert(e.code)) d.raise(e.code, null, e.text);
    const delay = nextDelay(d.backoff, row.attempts, d.random, e.retryAfterMs);
    d.store.reschedule(row.id, d.clock.now() + delay, lastErrorOf(e));
  };
}

/** Anything thrown that is not the platform's own error is ours: retried, never parked. */
function asPlatformError(error: unknown): PlatformError {
  return error instanceof PlatformError
    ? error
    : new PlatformError('retry', 'internal', {
        'zh-CN': '内部错误',
        en: String((error as Error)?.message ?? error).slice(0, 200),
      });
}

/** What a row keeps of its last failure. */
function lastErrorOf(e: PlatformError): string {
  return `${e.code}: ${e.text.en}`;
}
