/**
 * The page's view of the core: is the link up, and what do the devices say. Every page shares
 * one PageLink (through context), so the connection banner and the device strip agree.
 */
import { createContext } from 'svelte';
import type { DeviceStatus } from '../../../common/contract/contract.js';
import type { HallLinkStatus } from '../../../common/contract/hall-link.js';
import type { HallClient } from '../client/client.js';

export class PageLink {
  /** null until the first answer from the link: "connecting", not yet "lost". */
  up = $state<boolean | null>(null);
  /** Whether the link was ever up; a drop after that is "lost", before it "connecting". */
  everUp = $state(false);
  devices = $state<DeviceStatus[] | null>(null);
  /**
   * A member machine's link to the hall node, which holds the queue (null until known; state
   * 'none' on the hall node itself). When it comes back, every page reloads as on a reconnect.
   */
  hall = $state<HallLinkStatus | null>(null);

  readonly client: HallClient;
  // A listener registry, not state: nothing renders from it.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  readonly #upListeners = new Set<() => void>();

  constructor(client: HallClient) {
    this.client = client;
  }

  /** Subscribe to the core; returns the unsubscribe. Call once, from the app's root. */
  start(): () => void {
    const stops = [
      this.client.onConnection((up) => {
        this.up = up;
        // While the link is down nobody knows the devices' state; say so rather than go stale.
        if (!up) {
          this.devices = null;
          return;
        }
        this.everUp = true;
        void this.refreshDevices();
        void this.refreshHall();
        this.#reload();
      }),
      this.client.on('devices.changed', (devices) => {
        this.devices = devices;
      }),
      this.client.on('hallLink.changed', (status) => this.#hallChanged(status)),
    ];
    return () => stops.forEach((stop) => stop());
  }

  /** Run `fn` now if the link is up, and again each time it comes back (to reload). */
  whenUp(fn: () => void): () => void {
    this.#upListeners.add(fn);
    if (this.up) fn();
    return () => this.#upListeners.delete(fn);
  }

  /** The queue is the hall node's: true while a member machine cannot use it. */
  get hallDown(): boolean {
    const state = this.hall?.state;
    return state === 'down' || state === 'refused' || state === 'wrong-hall';
  }

  async refreshHall(): Promise<void> {
    try {
      this.#hallChanged(await this.client.call('hallLink.status', {}));
    } catch {
      // The core's own link is down; its banner says so.
    }
  }

  #hallChanged(status: HallLinkStatus): void {
    const was = this.hall?.state;
    this.hall = status;
    // Back from down: the hall's view may have moved on without us — reload it whole.
    if (status.state === 'up' && was !== undefined && was !== 'up') this.#reload();
  }

  #reload(): void {
    for (const listener of [...this.#upListeners]) listener();
  }

  async refreshDevices(): Promise<void> {
    try {
      this.devices = await this.client.call('devices.status', {});
    } catch {
      // The banner already says the link is down; the next "up" refreshes again.
    }
  }

  device(kind: DeviceStatus['kind']): DeviceStatus | undefined {
    return this.devices?.find((d) => d.kind === kind);
  }
}

export const [getLink, setLink] = createContext<PageLink>();
