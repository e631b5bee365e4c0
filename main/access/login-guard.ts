/**
 * Failed sign-ins, counted per account and per address. A try is counted as a failure the
 * moment it starts — before the slow password check — so guesses sent in parallel over many
 * sockets meet the limit as surely as guesses sent one by one; a success takes its count back.
 * After the limit an account (or an address) is locked for a time that doubles with each lock.
 * Locks live in memory: a restart is a technician's act, not something a guesser can cause.
 */
export interface LoginGuardOptions {
  /** Failures before a lock. */
  accountLimit: number;
  addressLimit: number;
  /** The first lock; each next one doubles, up to maxLockMs. */
  firstLockMs: number;
  maxLockMs: number;
}

export const loginGuardDefaults: LoginGuardOptions = {
  accountLimit: 5,
  addressLimit: 20,
  firstLockMs: 60_000,
  maxLockMs: 3_600_000,
};

interface Count {
  failures: number;
  locks: number;
  until: number;
}

export type Attempt =
  { ok: true; settle(success: boolean): Lock[] } | { ok: false; lockedUntil: number };

export interface Lock {
  kind: 'account' | 'address';
  key: string;
  until: number;
}

export class LoginGuard {
  readonly #options: LoginGuardOptions;
  readonly #accounts = new Map<string, Count>();
  readonly #addresses = new Map<string, Count>();

  constructor(options: Partial<LoginGuardOptions> = {}) {
    this.#options = { ...loginGuardDefaults, ...options };
  }

  /** Start a try: refused while either is locked, else counted until settled. */
  begin(account: string, address: string, now: number): Attempt {
    const a = count(this.#accounts, account);
    const p = count(this.#addresses, address);
    const lockedUntil = Math.max(a.until, p.until);
    if (lockedUntil > now) return { ok: false, lockedUntil };
    if (a.failures >= this.#options.accountLimit || p.failures >= this.#options.addressLimit) {
      // Tries still in flight have reached the limit: wait for them to settle.
      return { ok: false, lockedUntil: now + this.#options.firstLockMs };
    }
    a.failures += 1;
    p.failures += 1;
    let settled = false;
    return {
      ok: true,
      settle: (success) => {
        if (settled) return [];
        settled = true;
        if (success) {
          this.#accounts.delete(account);
          p.failures = Math.max(0, p.failures - 1);
          return [];
        }
        return [
          ...this.#lockIfDue('account', account, a, this.#options.accountLimit, now),
          ...this.#lockIfDue('address', address, p, this.#options.addressLimit, now),
        ];
      },
    };
  }

  #lockIfDue(kind: Lock['kind'], key: string, c: Count, limit: number, now: number): Lock[] {
    if (c.failures < limit || c.until > now) return [];
    const ms = Math.min(this.#options.maxLockMs, this.#options.firstLockMs * 2 ** c.locks);
    c.locks += 1;
    c.until = now + ms;
    c.failures = 0;
    return [{ kind, key, until: c.until }];
  }

  /** Accounts locked now, for the manager's console. */
  lockedAccounts(now: number): { staffId: string; until: number; locks: number }[] {
    return [...this.#accounts]
      .filter(([, c]) => c.until > now)
      .map(([staffId, c]) => ({ staffId, until: c.until, locks: c.locks }));
  }

  /** A manager lifts a lock: the account starts again from nothing. */
  unlock(account: string): boolean {
    return this.#accounts.delete(account);
  }
}

function count(map: Map<string, Count>, key: string): Count {
  let c = map.get(key);
  if (!c) map.set(key, (c = { failures: 0, locks: 0, until: 0 }));
  return c;
}
