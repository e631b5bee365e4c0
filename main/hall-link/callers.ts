/**
 * Who is calling a member machine. The hall node checks every forwarded call itself; this
 * machine only needs to know which hall credential a local window holds (a staff session
 * from a forwarded queue.login, or a token a page presented with queue.authenticate), so its
 * own dispatcher lets that window make staff calls and forwards them with that credential.
 */
import type { Caller, CallContext } from '../../common/contract/call.js';

type Known = Exclude<Caller, { kind: 'local' } | { kind: 'anonymous' }>;

/** Sessions seen by this machine; a bounded map, since every entry came from a sign-in here. */
export class KnownCallers {
  readonly #known = new Map<string, { caller: Known; until: number }>();
  readonly #now: () => number;

  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  remember(token: string, caller: Known, until: number): void {
    this.#known.delete(token);
    this.#known.set(token, { caller, until });
    // Oldest first out: a member has a few windows, never hundreds of sessions.
    while (this.#known.size > 64) this.#known.delete(this.#known.keys().next().value as string);
  }

  forget(token: string | null | undefined): void {
    if (token) this.#known.delete(token);
  }

  /** The hall caller a token stands for here, or null (unknown or expired). */
  lookup(token: string | null | undefined): Known | null {
    const entry = token ? this.#known.get(token) : undefined;
    if (!entry) return null;
    if (entry.until <= this.#now()) {
      this.#known.delete(token!);
      return null;
    }
    return entry.caller;
  }
}

/**
 * A member's identify: a known hall token makes the staff or device it stands for; anything
 * else is decided as on any machine (the app's window and the demo's loopback are local).
 */
export function memberIdentify(
  known: KnownCallers,
  fallback: (ctx: CallContext) => Caller,
): (ctx: CallContext) => Caller {
  return (ctx) => known.lookup(ctx.credential) ?? fallback(ctx);
}

/** The credential a forwarded call carries: the caller's own hall token, else this device's. */
export function credentialFor(
  caller: Caller | undefined,
  deviceToken: string | null,
): string | null {
  if (caller?.kind === 'staff') return caller.token;
  return deviceToken;
}
