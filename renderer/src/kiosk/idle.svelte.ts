/**
 * The idle timer: after `idleSeconds` without a touch it warns (还需要更多时间吗？) and counts
 * `warnSeconds` down; 继续 restarts the wait, and running out calls `onExpire`.
 *
 * While the warning shows, a stray touch does not dismiss it — only the dialog's buttons do —
 * so nothing changes under the finger of someone who has just come back.
 */
export type IdlePhase = 'off' | 'waiting' | 'warning';

export interface IdleDurations {
  idleSeconds: number;
  warnSeconds: number;
}

export class IdleTimer {
  phase = $state<IdlePhase>('off');
  /** Whole seconds left on the warning's countdown. */
  remaining = $state(0);

  readonly #onExpire: () => void;
  #durations: IdleDurations = { idleSeconds: 60, warnSeconds: 20 };
  #timer: ReturnType<typeof setTimeout> | undefined;
  #tick: ReturnType<typeof setInterval> | undefined;

  constructor(onExpire: () => void) {
    this.#onExpire = onExpire;
  }

  /** Start (or restart) waiting with these durations. */
  arm(durations: IdleDurations): void {
    this.#durations = { ...durations };
    this.#wait();
  }

  /** A touch or key press: the resident is here. */
  touch(): void {
    if (this.phase === 'waiting') this.#wait();
  }

  /** 继续 on the warning. */
  extend(): void {
    if (this.phase === 'warning') this.#wait();
  }

  stop(): void {
    this.#clear();
    this.phase = 'off';
    this.remaining = 0;
  }

  #wait(): void {
    this.#clear();
    this.phase = 'waiting';
    this.remaining = 0;
    this.#timer = setTimeout(() => this.#warn(), this.#durations.idleSeconds * 1000);
  }

  #warn(): void {
    this.#clear();
    this.phase = 'warning';
    this.remaining = this.#durations.warnSeconds;
    this.#tick = setInterval(() => {
      this.remaining -= 1;
      if (this.remaining > 0) return;
      this.stop();
      this.#onExpire();
    }, 1000);
  }

  #clear(): void {
    clearTimeout(this.#timer);
    clearInterval(this.#tick);
    this.#timer = this.#tick = undefined;
  }
}
