/**
 * The hall as a display (or any page) sees it: the last snapshot, kept current by
 * queue.changed events. A change whose `since` is not the last seq we saw means we missed
 * something (a dropped link, a restart): the whole view is fetched again.
 */
import type { HallView, QueueChange } from '../../../common/contract/queue.js';
import type { HallClient } from '../client/client.js';

export class HallState {
  view = $state<HallView | null>(null);
  error = $state<string | null>(null);
  #seq = -1;
  readonly #client: HallClient;
  readonly #onChange: (change: QueueChange | null, view: HallView) => void;

  constructor(client: HallClient, onChange: (change: QueueChange | null, view: HallView) => void) {
    this.#client = client;
    this.#onChange = onChange;
  }

  /** Subscribe to changes; returns the unsubscribe. */
  listen(): () => void {
    return this.#client.on('queue.changed', (change) => {
      if (change.since !== this.#seq && change.since !== 0) {
        void this.resync();
        return;
      }
      this.#apply(change.view, change);
    });
  }

  /** The whole view again (on start, after every reconnect, after a gap). */
  async resync(token?: string | null): Promise<void> {
    try {
      if (token) await this.#client.call('queue.authenticate', { token });
      const view = await this.#client.call('queue.snapshot', {});
      this.error = null;
      this.#apply(view, null);
    } catch (error) {
      this.error = (error as Error).message;
    }
  }

  #apply(view: HallView, change: QueueChange | null): void {
    this.#seq = view.seq;
    this.view = view;
    this.#onChange(change, view);
  }
}
