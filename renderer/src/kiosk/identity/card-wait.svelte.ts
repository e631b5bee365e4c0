/**
 * The identify screen's wait for a card: asks the core (identity.read) again and again while
 * the screen is shown, and keeps the last fault to show. The identity it gets is handed to
 * `onidentity` at once and not kept here, so the session stays the one place that holds it.
 */
import type { IdentityFault, ResidentIdentity } from '../../../../common/contract/contract.js';
import type { HallClient } from '../../client/client.js';

/** Under the WebSocket client's 10 s call timeout. */
const READ_WINDOW_MS = 6000;
/** After a fault, a pause before asking again, so the message can be read. */
const AFTER_FAULT_MS = 1500;

export class CardWait {
  fault = $state<IdentityFault | null>(null);
  waiting = $state(false);
  /** A card is on a reader (the bus's identity.card: nothing personal). */
  cardPresent = $state(false);
  #stopped = false;
  readonly #client: HallClient;
  readonly #onidentity: (identity: ResidentIdentity) => void;

  constructor(client: HallClient, onidentity: (identity: ResidentIdentity) => void) {
    this.#client = client;
    this.#onidentity = onidentity;
  }

  /** Runs until stop(); returns the stop function for an $effect. */
  start(): () => void {
    const off = this.#client.on('identity.card', ({ present }) => (this.cardPresent = present));
    void this.#loop();
    return () => {
      off();
      this.stop();
    };
  }

  stop(): void {
    if (this.#stopped) return;
    this.#stopped = true;
    // The core stops waiting too, so a card placed after leaving is not read for nobody.
    this.#client.call('identity.cancel', {}).catch(() => undefined);
  }

  async #loop(): Promise<void> {
    while (!this.#stopped) {
      this.waiting = true;
      let result;
      try {
        result = await this.#client.call('identity.read', { timeoutMs: READ_WINDOW_MS });
      } catch {
        // Link down or the call timed out: the banner says so; try again shortly.
        await pause(AFTER_FAULT_MS);
        continue;
      }
      if (this.#stopped) return;
      if (result.ok) {
        this.fault = null;
        this.waiting = false;
        this.#stopped = true;
        this.#onidentity(result.identity);
        return;
      }
      if (result.fault.code === 'timeout' || result.fault.code === 'cancelled') continue;
      this.fault = result.fault;
      await pause(AFTER_FAULT_MS);
    }
  }
}

const pause = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
