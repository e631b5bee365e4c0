/**
 * Tells the sockets of a staff session that it ended — displaced by a later sign-in at its
 * counter, or signed out — so a console says so at once instead of failing on its next click.
 * Keyed by the token's hash: the notice goes to that session's sockets only.
 */
export interface SessionEnded {
  reason: 'displaced' | 'loggedOut' | 'expired';
  by: { id: string; name: string } | null;
  counterNumber: number | null;
}

import { sha256hex } from './auth.js';

export type SessionEndedListener = (tokenHash: string, notice: SessionEnded) => void;

export class SessionNotices {
  readonly #listeners = new Set<SessionEndedListener>();

  subscribe(listener: SessionEndedListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Calls onEnded when the session whose token `credential()` holds at that moment ends. */
  watch(credential: () => string | null, onEnded: (notice: SessionEnded) => void): () => void {
    return this.subscribe((tokenHash, notice) => {
      const token = credential();
      if (token && sha256hex(token) === tokenHash) onEnded(notice);
    });
  }

  ended(tokenHash: string, notice: SessionEnded): void {
    for (const listener of [...this.#listeners]) listener(tokenHash, notice);
  }
}
