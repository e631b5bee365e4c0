/**
 * A staff session a member's window holds lives on the hall node, which ends it there (a
 * sign-in at the same counter, a sign-out elsewhere, expiry). The member keeps one socket to
 * the hall node per such session, presenting the staff token, so the hall's "session ended"
 * notice reaches the member at once and is told to the window that holds the session.
 */
import type { EventData, EventName } from '../../common/contract/contract.js';
import type { HallLinkState } from '../../common/contract/hall-link.js';
import { sha256hex } from '../access/auth.js';
import type { SessionNotices } from '../access/session-notices.js';
import { startEventLink, type EventLink } from './event-link.js';

type SessionEnded = EventData<'session.ended'>;

export interface SessionWatchOptions {
  /** The hall node's base URL. */
  url: string;
  /** Where this machine's windows and sockets hear that their session ended. */
  notices: SessionNotices;
  /** The session is gone: this machine stops forwarding in its name. */
  forget(token: string): void;
}

export interface SessionWatches {
  /** Resolves once the hall node has taken the watch (or could not, within a short wait). */
  watch(token: string): Promise<void>;
  /** How many sessions are watched now. */
  readonly size: number;
  /** Signed out here: the watch goes without a notice (the window asked for it). */
  unwatch(token: string | null): void;
  close(): void;
}

// Long enough for a hall node on the LAN; a sign-in never waits on a slow link for longer.
const SETTLE_MS = 2000;
// A member holds a handful of sessions (one counter, a technician); past this the oldest
// watch goes, so a page signing in again and again cannot hold the hall node's sockets. A
// session without a watch still learns it ended on its next call.
export const MAX_WATCHES = 64;
const onlyEnded = (event: string): event is EventName => event === 'session.ended';
// The hall node refused the staff token on a new connection: the session is gone.
const refusedNotice: SessionEnded = { reason: 'expired', by: null, counterNumber: null };

export function sessionWatches(options: SessionWatchOptions): SessionWatches {
  const links = new Map<string, EventLink>();

  const end = (token: string, notice: SessionEnded): void => {
    if (!links.has(token)) return;
    links.get(token)!.close();
    links.delete(token);
    options.forget(token);
    options.notices.ended(sha256hex(token), notice);
  };

  return {
    watch(token) {
      if (links.has(token)) return Promise.resolve();
      if (links.size >= MAX_WATCHES) {
        const [oldest, link] = links.entries().next().value!;
        link.close();
        links.delete(oldest);
      }
      // A sign-in answers once its watch holds, so an end right after it is not missed.
      return new Promise<void>((settled) => {
        const timer = setTimeout(settled, SETTLE_MS);
        const settle = () => (clearTimeout(timer), settled());
        const link = startEventLink({
          url: options.url,
          token,
          accept: onlyEnded,
          relay: (_event, data) => end(token, data as SessionEnded),
          onState: (state: HallLinkState) => {
            settle();
            if (state === 'refused') end(token, refusedNotice);
          },
        });
        links.set(token, link);
      });
    },
    get size() {
      return links.size;
    },
    unwatch(token) {
      if (!token) return;
      links.get(token)?.close();
      links.delete(token);
    },
    close() {
      for (const link of links.values()) link.close();
      links.clear();
    },
  };
}
