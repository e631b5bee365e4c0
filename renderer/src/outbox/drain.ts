/**
 * What the outbox's drain state means to the people looking at it (pure): the counter's strip
 * and the kiosk's note both read it from here, so they agree. Nothing here is personal: the
 * status carries counts and times only.
 */
import type { OutboxStatusView } from '../../../common/contract/cases.js';

export type DrainTone = 'clear' | 'draining' | 'waiting' | 'parked';

export interface DrainSummary {
  pending: number;
  parked: number;
  /** Whole seconds since the oldest pending item was written; null when none is pending. */
  oldestSeconds: number | null;
  /** clear: nothing waits; draining: sending; waiting: the platform cannot be reached; parked: staff must act. */
  tone: DrainTone;
}

export function drainSummary(status: OutboxStatusView, nowMs: number): DrainSummary {
  const oldestSeconds =
    status.pending > 0 && status.oldestPendingAt !== null
      ? Math.max(0, Math.floor((nowMs - status.oldestPendingAt) / 1000))
      : null;
  return { pending: status.pending, parked: status.parked, oldestSeconds, tone: toneOf(status) };
}

function toneOf(status: OutboxStatusView): DrainTone {
  if (status.parked > 0) return 'parked';
  if (status.pending === 0) return 'clear';
  const reachable = status.platform === 'configured' || status.platform === 'simulator';
  return reachable && status.online !== false ? 'draining' : 'waiting';
}

/** The kiosk's note: how many items wait for the city platform, or null to show nothing. */
export function kioskPendingCount(status: OutboxStatusView | null): number | null {
  return status && status.pending > 0 ? status.pending : null;
}
