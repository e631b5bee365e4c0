/**
 * Social-security cards and staff badges through PC/SC (`pcsclite`, an optional dependency:
 * it needs libpcsclite to build). Readers come and go (hot-plug): each 'reader' event adds
 * one, its 'end' removes it. Cards are opened in SHARED mode so pcsc tools can look on.
 */
import { createRequire } from 'node:module';
import type { DeviceStatus } from '../../common/contract/contract.js';
import { fault, type IdentityOutcome } from '../../common/identity/identity.js';
import type { IdentityReader } from '../identity-reader.js';
import { Listeners } from '../listeners.js';
import type { DevicePort } from '../ports.js';
import {
  readBadgeUid,
  readSocialSecurityCard,
  type RecordMapOverrides,
  type Transmit,
} from './ssse.js';

/** The part of pcsclite 1.0.1 used here (its own typings keep these interfaces private). */
interface PcscReader {
  name: string;
  SCARD_SHARE_SHARED: number;
  SCARD_LEAVE_CARD: number;
  on(event: 'status', l: (s: { state: number; atr?: Buffer }) => void): this;
  on(event: 'end' | 'error', l: (e?: Error) => void): this;
  connect(
    o: { share_mode: number },
    cb: (err: Error | null | undefined, protocol: number) => void,
  ): void;
  disconnect(disposition: number, cb: (err?: Error | null) => void): void;
  transmit(
    data: Buffer,
    resLen: number,
    protocol: number,
    cb: (err: Error | null | undefined, d: Buffer) => void,
  ): void;
  close(): void;
}
interface PcscContext {
  on(event: 'reader', l: (r: PcscReader) => void): this;
  on(event: 'error', l: (e: Error) => void): this;
  close(): void;
}

const PRESENT = 0x20;
/** No card to connect to after all (see withCard). */
const NO_CARD = Symbol('no card');

export interface PcscCardReaderOptions {
  /** Use only readers whose name contains this. */
  reader?: string;
  ssseRecordMap?: RecordMapOverrides;
  /** Wait before trying again when PC/SC is not available. */
  retryMs?: number;
  now?: () => Date;
}

export type BadgeOutcome =
  { ok: true; uid: string; reader: string } | Extract<IdentityOutcome, { ok: false }>;

interface Slot {
  reader: PcscReader;
  present: boolean;
  /** pcscd said the reader is gone (unplugged, or pcscd itself went away). */
  gone: boolean;
}

type Fault = Extract<IdentityOutcome, { ok: false }>;

export class PcscCardReader implements IdentityReader {
  readonly kind = 'cardReader' as const;
  private ctx: PcscContext | undefined;
  private readonly slots = new Map<string, Slot>();
  private readonly all = new Set<PcscReader>();
  private readonly listeners = new Listeners<DeviceStatus>();
  private readonly cardListeners = new Listeners<boolean>();
  /** Reads waiting for a card: given the slot a card arrived in, or the fault that ends them. */
  private readonly waiters = new Set<(got: Slot | Fault) => void>();
  private current: DeviceStatus;
  private retry: ReturnType<typeof setTimeout> | undefined;
  private closed = false;

  constructor(private readonly o: PcscCardReaderOptions = {}) {
    this.current = this.statusOf('absent', {
      'zh-CN': '未找到 PC/SC 读卡器',
      en: 'No PC/SC reader found',
    });
    this.establish();
  }

  /**
   * Opens the PC/SC context; if the service is not running yet (Windows' Smart Card service,
   * pcscd not yet socket-activated), tries again every retryMs until it is.
   */
  private establish(): void {
    if (this.closed) return;
    try {
      const pcsc = createRequire(import.meta.url)('pcsclite') as () => PcscContext;
      this.ctx = pcsc();
      this.ctx.on('reader', (r) => this.addReader(r));
      // The context does not survive pcscd going away: drop it and start over.
      this.ctx.on('error', (e) => this.restart(e));
    } catch (error) {
      this.setStatus('fault', pcscFault(error));
      this.retry = setTimeout(() => this.establish(), this.o.retryMs ?? 5000);
    }
  }

  private restart(error: unknown): void {
    const ctx = this.ctx;
    this.ctx = undefined;
    for (const r of this.all) r.close();
    this.all.clear();
    for (const slot of this.slots.values()) slot.gone = true;
    this.slots.clear();
    this.endWaiters();
    try {
      ctx?.close();
    } catch {
      // already gone with the service
    }
    this.setStatus('fault', pcscFault(error));
    clearTimeout(this.retry);
    this.retry = setTimeout(() => this.establish(), this.o.retryMs ?? 5000);
  }

  /** Names of the readers in use now. */
  readerNames(): string[] {
    return [...this.slots.keys()];
  }

  /** A card is in one of our readers (as of pcscd's last poll). */
  get cardPresent(): boolean {
    return [...this.slots.values()].some((s) => s.present);
  }

  status(): DeviceStatus {
    return this.current;
  }

  onChange(listener: (s: DeviceStatus) => void): () => void {
    return this.listeners.add(listener);
  }

  onCard(listener: (present: boolean) => void): () => void {
    return this.cardListeners.add(listener);
  }

  /** Waits for a social-security card and reads it. */
  async read(signal?: AbortSignal): Promise<IdentityOutcome> {
    for (;;) {
      const slot = await this.waitForCard(signal);
      if (!slot) return cancelled();
      if (!('reader' in slot)) return slot;
      const outcome = await this.withCard(slot, (t) =>
        readSocialSecurityCard(t, this.o.ssseRecordMap, (this.o.now ?? (() => new Date()))()),
      );
      if (outcome !== NO_CARD) return outcome;
    }
  }

  /** Waits for a staff badge and reads its UID (the queue's counter login uses this). */
  async readBadge(signal?: AbortSignal): Promise<BadgeOutcome> {
    for (;;) {
      const slot = await this.waitForCard(signal);
      if (!slot) return cancelled();
      if (!('reader' in slot)) return slot;
      const outcome = await this.withCard(slot, async (t): Promise<BadgeOutcome> => {
        const uid = await readBadgeUid(t);
        return uid
          ? { ok: true, uid, reader: slot.reader.name }
          : (fault('unreadable', {
              'zh-CN': '读不到工牌卡号',
              en: 'The badge gave no UID',
            }) as BadgeOutcome);
      });
      if (outcome !== NO_CARD) return outcome;
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retry);
    for (const w of [...this.waiters]) w(cancelled());
    for (const r of this.all) r.close();
    this.all.clear();
    this.slots.clear();
    this.ctx?.close();
    this.ctx = undefined;
    this.listeners.clear();
    this.cardListeners.clear();
  }

  private addReader(reader: PcscReader): void {
    // Every reader gets an error listener and is closed with us, even one we do not use:
    // an unheard 'error' would bring the process down when pcscd goes away.
    reader.on('error', () => undefined);
    this.all.add(reader);
    if (this.o.reader && !reader.name.includes(this.o.reader)) return;
    const slot: Slot = { reader, present: false, gone: false };
    this.slots.set(reader.name, slot);
    reader.on('status', (s) => {
      // pcsclite may merge quick changes into one event: act on the end state only.
      const present = (s.state & 0xffff & PRESENT) !== 0;
      if (present === slot.present) return;
      slot.present = present;
      this.cardListeners.emit(present);
      if (present) for (const w of [...this.waiters]) w(slot);
    });
    reader.on('end', () => {
      slot.gone = true;
      this.slots.delete(reader.name);
      this.all.delete(reader);
      this.updateReaders();
      if (this.slots.size === 0) this.endWaiters();
    });
    this.updateReaders();
  }

  private updateReaders(): void {
    const n = this.slots.size;
    if (n > 0)
      this.setStatus('ready', {
        'zh-CN': `社保卡/工牌读卡器就绪（${n} 台）`,
        en: `Social-security / badge reader ready (${n})`,
      });
    else this.setStatus('absent', { 'zh-CN': '未找到 PC/SC 读卡器', en: 'No PC/SC reader found' });
  }

  /**
   * The last reader we wait on went away (unplugged, pcscd stopped): whoever waits hears now,
   * not at their own timeout, so the kiosk can offer the keypad. As the SAM reader does.
   */
  private endWaiters(): void {
    for (const w of [...this.waiters]) w(readerGone());
  }

  /** A slot with a card, the fault when there is no reader to wait on, or null when aborted. */
  private waitForCard(signal?: AbortSignal): Promise<Slot | Fault | null> {
    const ready = [...this.slots.values()].find((s) => s.present);
    if (ready) return Promise.resolve(ready);
    if (this.slots.size === 0) return Promise.resolve(readerGone());
    return new Promise((resolve) => {
      const done = (slot: Slot | Fault | null): void => {
        this.waiters.delete(done);
        signal?.removeEventListener('abort', onAbort);
        resolve(slot);
      };
      const onAbort = (): void => done(null);
      if (signal?.aborted) return onAbort();
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiters.add(done);
    });
  }

  /** Connects SHARED, runs `body`, disconnects leaving the card powered; a pulled card is a fault. */
  private async withCard<T>(
    slot: Slot,
    body: (t: Transmit) => Promise<T>,
  ): Promise<T | Extract<IdentityOutcome, { ok: false }> | typeof NO_CARD> {
    const r = slot.reader;
    let protocol: number;
    try {
      protocol = await new Promise<number>((res, rej) =>
        r.connect({ share_mode: r.SCARD_SHARE_SHARED }, (e, p) => (e ? rej(e) : res(p))),
      );
    } catch (error) {
      // pcscd reports a removal at its next poll (~0.4 s): a card pulled just before we asked
      // looks present but cannot be connected (SCARD_E_NO_SMARTCARD, SCARD_W_REMOVED_CARD).
      // Nothing was read: wait for the next card. Anything else (another program holding the
      // card exclusively…) is a fault the resident is told about.
      if (slot.gone || isReaderGone(error)) return readerGone();
      if (isGone(error)) {
        slot.present = false;
        return NO_CARD;
      }
      return fault('unreadable', {
        'zh-CN': '无法连接卡片，请重新插卡',
        en: 'Could not connect to the card: insert it again',
      }) as Extract<IdentityOutcome, { ok: false }>;
    }
    let answered = 0;
    const transmit: Transmit = (apdu) =>
      new Promise((res, rej) =>
        r.transmit(apdu, 258, protocol, (e, d) => {
          if (e) return rej(e);
          answered++;
          res(d);
        }),
      );
    try {
      return await body(transmit);
    } catch (error) {
      if (slot.gone || isReaderGone(error)) return readerGone();
      // The same "pulled before pcscd noticed" case, showing up at the first APDU instead.
      if (answered === 0 && isGone(error)) {
        slot.present = false;
        return NO_CARD;
      }
      return removedOrFailed(slot) as Extract<IdentityOutcome, { ok: false }>;
    } finally {
      await new Promise<void>((res) => r.disconnect(r.SCARD_LEAVE_CARD, () => res()));
    }
  }

  private setStatus(state: DeviceStatus['state'], message: DeviceStatus['message']): void {
    if (state === this.current.state && message.en === this.current.message.en) return;
    this.current = this.statusOf(state, message);
    this.listeners.emit(this.current);
  }

  private statusOf(state: DeviceStatus['state'], message: DeviceStatus['message']): DeviceStatus {
    return { kind: 'cardReader', adapter: 'pcsc', state, simulated: false, message };
  }
}

/** SCARD_E_NO_SMARTCARD, SCARD_W_REMOVED_CARD, SCARD_E_NOT_TRANSACTED: the card is not there. */
function isGone(error: unknown): boolean {
  return error instanceof Error && /8010000c|80100069|80100016/i.test(error.message);
}

/**
 * The reader or pcscd is gone: SCARD_E_UNKNOWN_READER, SCARD_F_COMM_ERROR (the socket to pcscd
 * broke: "RPC transport error"), SCARD_E_READER_UNAVAILABLE, SCARD_E_NO_SERVICE,
 * SCARD_E_SERVICE_STOPPED, SCARD_E_NO_READERS_AVAILABLE.
 */
function isReaderGone(error: unknown): boolean {
  return (
    error instanceof Error &&
    /80100009|80100013|80100017|8010001d|8010001e|8010002e/i.test(error.message)
  );
}

/** The reader (or pcscd) went away: a technician must look; the keypad still works. */
function readerGone(): Fault {
  return fault(
    'no-reader',
    {
      'zh-CN': '社保卡读卡器已断开，请联系工作人员',
      en: 'The card reader was disconnected: please ask a member of staff',
    },
    {
      'zh-CN': '请联系工作人员，或点击“手动输入身份证号”',
      en: 'Ask a member of staff, or tap "Type the ID number"',
    },
  ) as Fault;
}

function removedOrFailed(slot: Slot): IdentityOutcome {
  return slot.present
    ? fault('unreadable', {
        'zh-CN': '读卡失败，请重新插卡',
        en: 'Reading the card failed: insert it again',
      })
    : fault('card-removed', {
        'zh-CN': '读卡时卡片被拔出，请重新插卡',
        en: 'The card was pulled out during the read: insert it again',
      });
}

function cancelled(): Extract<IdentityOutcome, { ok: false }> {
  return fault('cancelled', { 'zh-CN': '已取消读卡', en: 'Reading was cancelled' }) as Extract<
    IdentityOutcome,
    { ok: false }
  >;
}

function pcscFault(error: unknown): DeviceStatus['message'] {
  const why = error instanceof Error ? error.message.slice(0, 120) : 'unknown';
  return {
    'zh-CN': `PC/SC 服务不可用（${why}），请检查 pcscd`,
    en: `PC/SC is not available (${why}): check pcscd`,
  };
}

/** The PC/SC reader among the core's devices, for staff-badge login (`readBadge`). */
export function isPcscCardReader(port: DevicePort): port is PcscCardReader {
  return port instanceof PcscCardReader;
}
