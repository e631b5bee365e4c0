/**
 * The outbox's drain state, kept current for a page: read once whenever the link comes up,
 * then from outbox.changed; outbox.alert (a lane parked) re-reads at once and keeps the
 * alert's words for staff. Used by the counter console and the kiosk.
 */
import type { EventData } from '../../../common/contract/contract.js';
import type { OutboxStatusView } from '../../../common/contract/cases.js';
import type { PageLink } from '../link/link.svelte.js';

export class OutboxWatch {
  status = $state<OutboxStatusView | null>(null);
  /** The latest staff alert since the page opened (a parked lane), for the counter. */
  alert = $state<EventData<'outbox.alert'> | null>(null);
  readonly #link: PageLink;

  constructor(link: PageLink) {
    this.#link = link;
  }

  /** Subscribe; returns the unsubscribe (for an $effect). */
  start(): () => void {
    const stops = [
      this.#link.whenUp(() => void this.refresh()),
      this.#link.client.on('outbox.changed', (status) => {
        this.status = status;
        if (status.parked === 0) this.alert = null;
      }),
      this.#link.client.on('outbox.alert', (alert) => {
        this.alert = alert;
        void this.refresh();
      }),
    ];
    return () => stops.forEach((stop) => stop());
  }

  async refresh(): Promise<void> {
    try {
      this.status = await this.#link.client.call('outbox.status', {});
    } catch {
      // Link down or not allowed: show nothing rather than a stale count.
      this.status = null;
    }
  }
}
