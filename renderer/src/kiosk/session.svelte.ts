/**
 * Everything one resident has entered, chosen or changed at the kiosk, in one object.
 *
 * Wiping is a single assignment of a fresh object, so a field added here later is wiped too
 * without anyone remembering to. The idle timer, 返回首页 and a finished service all end the
 * session through `end(reason)`, which wipes and then tells the core to drop anything it held.
 */
import type { Language, ResidentIdentity, Tile } from '../../../common/contract/contract.js';
import { birthDateOf } from '../../../common/identity/id-number.js';

export type SessionEndReason = 'idle' | 'cancel' | 'done';

/** The tiles that first ask who the resident is. */
export const identifiedTiles = ['ticket', 'caseQuery', 'caseSubmit'] as const satisfies Tile[];
export type IdentifiedTile = (typeof identifiedTiles)[number];

export function needsIdentity(tile: Tile): tile is IdentifiedTile {
  return (identifiedTiles as readonly Tile[]).includes(tile);
}

/** One screen of the resident's path; the stack's last entry is what they see. */
export type Screen =
  | { name: 'home' }
  | { name: 'identify'; tile: IdentifiedTile }
  | { name: 'idEntry'; tile: IdentifiedTile }
  | { name: 'service'; tile: Tile }
  // 预约签到, opened from the 取号 screen (the resident is identified by then).
  | { name: 'appointment' };
// ── identity screens ──

// ── ticket screens ──

// ── case, query, guide, rating screens ──

export interface SessionDefaults {
  language: Language;
  elder: boolean;
}

export interface ResidentData {
  language: Language;
  elder: boolean;
  /** Never empty; the first entry is home. */
  stack: Screen[];
  /** The service the resident chose on the home screen. */
  service: Tile | null;
  /** As typed on the keypad (later: as read from the card). Never logged; shown only while typed. */
  idNumber: string;
  /** Set once an ID number was confirmed (keypad) or read (card). Never logged. */
  identity: ResidentIdentity | null;
}

export function freshResident(defaults: SessionDefaults): ResidentData {
  return {
    language: defaults.language,
    elder: defaults.elder,
    stack: [{ name: 'home' }],
    service: null,
    idNumber: '',
    identity: null,
  };
}

export class ResidentSession {
  #defaults: SessionDefaults;
  readonly #onEnd: (reason: SessionEndReason) => void;
  #data = $state<ResidentData>(freshResident({ language: 'zh-CN', elder: false }));

  /** `onEnd` reaches outside (the core's kiosk.endSession); it runs after the wipe. */
  constructor(defaults: SessionDefaults, onEnd: (reason: SessionEndReason) => void) {
    this.#defaults = { ...defaults };
    this.#onEnd = onEnd;
    this.#data = freshResident(this.#defaults);
  }

  get language(): Language {
    return this.#data.language;
  }
  get elder(): boolean {
    return this.#data.elder;
  }
  get screen(): Screen {
    return this.#data.stack.at(-1) ?? { name: 'home' };
  }
  get depth(): number {
    return this.#data.stack.length;
  }
  get service(): Tile | null {
    return this.#data.service;
  }
  get idNumber(): string {
    return this.#data.idNumber;
  }
  get identified(): boolean {
    return this.#data.identity !== null;
  }
  get identity(): ResidentIdentity | null {
    return this.#data.identity;
  }

  /**
   * What a ticket request carries for the age rule: a typed ID number, which the core checks
   * and reads the birth date from. A card the kiosk read needs nothing: the core holds it.
   */
  get ageEvidence(): { idNumber?: string } {
    const identity = this.#data.identity;
    return identity?.source === 'manual' ? { idNumber: identity.idNumber } : {};
  }

  /** The resident's own card was read here: what their cases and appointments need. */
  get cardRead(): boolean {
    const source = this.#data.identity?.source;
    return source !== undefined && source !== 'manual';
  }

  /** Nothing differs from a new session: no idle timer is needed, nothing to wipe. */
  get pristine(): boolean {
    const d = this.#data;
    return (
      d.language === this.#defaults.language &&
      d.elder === this.#defaults.elder &&
      d.stack.length === 1 &&
      d.service === null &&
      d.idNumber === '' &&
      d.identity === null
    );
  }

  /** A copy of the whole state, for tests and diagnostics. */
  snapshot(): ResidentData {
    return $state.snapshot(this.#data);
  }

  toggleLanguage(): void {
    this.#data.language = this.#data.language === 'zh-CN' ? 'en' : 'zh-CN';
  }

  toggleElder(): void {
    this.#data.elder = !this.#data.elder;
  }

  /** A tile on the home screen: services that need an identity ask for it first. */
  choose(tile: Tile): void {
    this.#data.service = tile;
    this.#data.stack.push(
      needsIdentity(tile) ? { name: 'identify', tile } : { name: 'service', tile },
    );
  }

  /** From the identify screen to the on-screen keypad. */
  enterIdByHand(): void {
    const screen = this.screen;
    if (screen.name !== 'identify') return;
    this.#data.stack.push({ name: 'idEntry', tile: screen.tile });
  }

  setIdNumber(value: string): void {
    this.#data.idNumber = value;
  }

  /** The keypad's 确认: the resident is identified and goes on to the service. */
  confirmId(): void {
    const screen = this.screen;
    const id = this.#data.idNumber;
    const birthDate = birthDateOf(id);
    if (screen.name !== 'idEntry' || !birthDate) return;
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a timestamp, never state
    const readAt = new Date().toISOString();
    this.identify({ idNumber: id, birthDate, source: 'manual', readAt });
  }

  /** A card was read or the keypad confirmed: the resident goes on to the chosen service. */
  identify(identity: ResidentIdentity): void {
    const screen = this.screen;
    if (screen.name !== 'identify' && screen.name !== 'idEntry') return;
    this.#data.identity = identity;
    this.#data.stack.push({ name: 'service', tile: screen.tile });
  }

  /** From 取号 to 预约签到 (same resident, same session). */
  openAppointments(): void {
    const screen = this.screen;
    if (screen.name !== 'service' || screen.tile !== 'ticket' || !this.#data.identity) return;
    this.#data.stack.push({ name: 'appointment' });
  }

  /** A typed number is not enough here: forget it and ask for the card for the same service. */
  readCardInstead(): void {
    const at = this.#data.stack.findIndex((s) => s.name === 'identify');
    if (at < 0) return;
    this.#data.stack.splice(at + 1);
    this.#data.identity = null;
    this.#data.idNumber = '';
  }

  /** One step back; going back to home is the same as cancelling. */
  back(): void {
    if (this.#data.stack.length <= 2) return this.end('cancel');
    const left = this.#data.stack.pop();
    // Leaving the keypad drops what was typed: the resident starts that step again.
    if (left?.name === 'idEntry') this.#data.idNumber = '';
  }

  /** New defaults from the kiosk settings; applied now if nobody is using the kiosk. */
  setDefaults(defaults: SessionDefaults): void {
    const untouched = this.pristine;
    this.#defaults = { ...defaults };
    if (untouched) this.wipe();
  }

  /** Forget everything the resident entered, chose or changed. */
  wipe(): void {
    this.#data = freshResident(this.#defaults);
  }

  end(reason: SessionEndReason): void {
    this.wipe();
    this.#onEnd(reason);
  }
}
