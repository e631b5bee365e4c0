/**
 * Group commit: what several deliveries settle within GROUP_COMMIT_MS is written in one
 * transaction. Safe for at-least-once: a settle lost to a crash only means that row is sent
 * again with its key, and the platform answers with the first result. A delivery's answer
 * is a Mark; a failure's bookkeeping is a function; both are written in the order they came.
 */
import type { Settled } from './storage.js';

/**
 * Settled deliveries are written together: one transaction per group instead of one per
 * answer. Short on purpose: the group's write blocks the event loop, and while it runs no
 * answer is read and no request goes out, so the platform idles; longer groups cost less CPU
 * per answer. The outbox bench compares group lengths.
 */
const GROUP_COMMIT_MS = 5;

interface Group {
  items: Settled[];
  written: Promise<void>;
  resolve(): void;
  reject(error: unknown): void;
}

/** `write` writes one group; the promise `settle` returns is settled when its group is written. */
export function createGroupCommit(write: (items: Settled[]) => void) {
  let group: Group | null = null;
  function flush() {
    const g = group!;
    group = null;
    try {
      write(g.items);
      g.resolve();
    } catch (error) {
      g.reject(error);
    }
  }
  return function settle(item: Settled): Promise<void> {
    if (!group) {
      let resolve!: () => void;
      let reject!: (error: unknown) => void;
      const written = new Promise<void>((yes, no) => ((resolve = yes), (reject = no)));
      group = { items: [], written, resolve, reject };
      setTimeout(flush, GROUP_COMMIT_MS);
    }
    group.items.push(item);
    return group.written;
  };
}
