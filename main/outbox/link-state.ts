/** What the last delivery attempts say of the platform: reachable or not, and the last failure. */
import type { PlatformError } from '../platform/errors.js';

export interface LinkState {
  /** The last attempt's outcome: false while the platform cannot be reached (null: none yet). */
  online: boolean | null;
  lastError: { code: string; at: number } | null;
}

export function unknownLink(): LinkState {
  return { online: null, lastError: null };
}

/** An answer came: answers whether the platform was unreachable until now. */
export function reached(link: LinkState): boolean {
  const wasOffline = link.online === false;
  link.online = true;
  return wasOffline;
}

/** A failure at `at`: a refusal (permanent) still came from a platform that was reached. */
export function failedWith(link: LinkState, error: PlatformError, at: number): void {
  link.lastError = { code: error.code, at };
  link.online = error.kind === 'permanent';
}
