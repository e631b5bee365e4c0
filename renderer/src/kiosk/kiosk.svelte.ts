/**
 * The kiosk page's shared state: the hall's settings, the resident session and its idle
 * timer. Screens get it from context; none of them holds resident data of its own, so
 * `session.end()` really forgets everything.
 */
import { createContext } from 'svelte';
import type { DeviceStatus, KioskSettings, Tile } from '../../../common/contract/contract.js';
import { Locale } from '../i18n/locale.svelte.js';
import type { PageLink } from '../link/link.svelte.js';
import { IdleTimer } from './idle.svelte.js';
import { ResidentSession, type SessionEndReason } from './session.svelte.js';

/** What a tile's service writes to or prints on: the data disk first, then the printer. */
const tileNeeds: Partial<Record<Tile, DeviceStatus['kind'][]>> = {
  ticket: ['storage', 'printer'],
  caseSubmit: ['storage'],
};

export class Kiosk {
  settings = $state<KioskSettings | null>(null);
  settingsFailed = $state(false);

  readonly link: PageLink;
  readonly session: ResidentSession;
  readonly idle: IdleTimer;
  readonly locale: Locale;
  /** A session end the core has not heard of yet (the link was down); sent when it is back. */
  #unreported: SessionEndReason | null = null;

  /** Seconds of quiet before the warning; 0 when there is nothing to time out. */
  readonly idleSeconds = $derived.by(() => {
    if (!this.settings || this.session.pristine) return 0;
    const idle = this.settings.idle;
    return this.session.elder ? idle.elderSeconds : idle.seconds;
  });
  readonly warnSeconds = $derived(this.settings?.idle.warnSeconds ?? 0);

  constructor(link: PageLink) {
    this.link = link;
    this.session = new ResidentSession({ language: 'zh-CN', elder: false }, (reason) =>
      this.#report(reason),
    );
    this.idle = new IdleTimer(() => this.session.end('idle'));
    this.locale = new Locale(() => this.session.language);
  }

  /** Called whenever the link comes up: (re)load settings, deliver an unreported end. */
  async onLinkUp(): Promise<void> {
    if (this.#unreported) this.#report(this.#unreported);
    try {
      const settings = await this.link.client.call('kiosk.settings', {});
      this.settings = settings;
      this.settingsFailed = false;
      this.session.setDefaults({
        language: settings.defaultLanguage,
        elder: settings.elderModeDefault,
      });
    } catch {
      this.settingsFailed = true;
    }
  }

  /** The tiles to show, in the configured order. */
  get tiles(): Tile[] {
    return (this.settings?.tiles ?? []).filter((t) => t.enabled).map((t) => t.id);
  }

  /** Why a tile cannot be used now (the device's own message), or null when it can. */
  blockedReason(tile: Tile): string | null {
    // Every service needs the core; while the link is down, say so on the tile.
    if (this.link.up === false) return this.locale.t('tile.linkDown');
    // 取号 needs the hall node (a member kiosk's queue is the hall's).
    if (tile === 'ticket' && this.link.hallDown) return this.locale.t('tile.hallDown');
    for (const kind of tileNeeds[tile] ?? []) {
      const device = this.link.device(kind);
      if (device && device.state !== 'ready' && device.state !== 'busy')
        return this.locale.text(device.message);
    }
    return null;
  }

  #report(reason: SessionEndReason): void {
    this.#unreported = reason;
    this.link.client.call('kiosk.endSession', { reason }).then(
      () => {
        if (this.#unreported === reason) this.#unreported = null;
      },
      () => {
        // Link down: kept in #unreported and sent when the link is back.
      },
    );
  }
}

export const [getKiosk, setKiosk] = createContext<Kiosk>();
