/**
 * The resident ID card through a SAM reader on a serial port (GA 467 frames, devices.md §1).
 *
 * A polling loop sends "find card" every pollMs and reports card present / removed. It reads a
 * card only while someone waits in read(): an identity exists only as the answer to a request,
 * never in a loop variable between residents. Every exchange has its own reply timeout:
 * serialport 13 can spin without ever closing after the pty peer hangs up, so silence is what
 * tells us the device is gone. The port is then closed and reopened every reopenMs, which is
 * also how a USB-serial adapter that is pulled and plugged back is picked up again.
 */
import { SerialPort } from 'serialport';
import type { DeviceStatus } from '../../common/contract/contract.js';
import { fault, type IdentityOutcome } from '../../common/identity/identity.js';
import { Listeners } from '../listeners.js';
import { deviceLabels, type DevicePort } from '../ports.js';
import { encodeCommand, FrameParser, type CommandName, type Reply } from './frame.js';
import { identityFromReadData } from './id-card-text.js';
import { SW3_FOUND, SW3_OK, sw3Detail, sw3Message, sw3Text } from './sw3.js';

export interface SamReaderOptions {
  path: string;
  baudRate?: number;
  /** How often to look for a card. */
  pollMs?: number;
  /** Longest wait for a short reply (find, select). */
  replyTimeoutMs?: number;
  /** Longest wait for the 1295-byte read reply. */
  readTimeoutMs?: number;
  /** Wait before reopening a port that failed or vanished. */
  reopenMs?: number;
  now?: () => Date;
}

export interface StepTiming {
  step: CommandName | 'decode';
  /** Wall time of the step. */
  ms: number;
}

/**
 * A read's outcome with where the time went: `ioMs` is time waiting on the device, `ownMs` the
 * time in our code (encoding, frame parsing, decoding, checks), `totalMs` both.
 */
export type TimedOutcome = IdentityOutcome & {
  steps: StepTiming[];
  ioMs: number;
  ownMs: number;
  totalMs: number;
};

class ReplyTimeout extends Error {}
/** The SAM answered its status query with an error (self-test failed, not authorised…). */
class SamNotReady extends Error {
  constructor(readonly sw3: number) {
    super(`SAM status SW3=${sw3}`);
  }
}
/** A reply arrived but failed its checksum or length: the line is noisy, not dead. */
class CorruptReply extends Error {}

export class SamReader implements DevicePort {
  readonly kind = 'idReader' as const;
  private readonly o: Required<Omit<SamReaderOptions, 'now'>> & { now: () => Date };
  private port: SerialPort | undefined;
  private readonly parser = new FrameParser();
  private pending: ((r: Reply) => void) | undefined;
  private pendingFail: ((e: Error) => void) | undefined;
  private readonly waiters = new Set<(o: TimedOutcome) => void>();
  private readonly listeners = new Listeners<DeviceStatus>();
  private readonly cardListeners = new Listeners<boolean>();
  private current: DeviceStatus;
  private present = false;
  private closed = false;
  /** Time spent parsing incoming bytes: ours, though it happens while waiting on the device. */
  private parseMs = 0;
  private readonly loopDone: Promise<void>;
  private wake: (() => void) | undefined;

  constructor(options: SamReaderOptions) {
    this.o = {
      baudRate: 115200,
      pollMs: 500,
      replyTimeoutMs: 1000,
      readTimeoutMs: 3000,
      reopenMs: 1000,
      now: () => new Date(),
      ...options,
    };
    this.current = this.statusOf('busy', {
      'zh-CN': `正在连接身份证阅读器（${options.path}）`,
      en: `Connecting to the ID card reader (${options.path})`,
    });
    this.loopDone = this.loop();
  }

  status(): DeviceStatus {
    return this.current;
  }

  onChange(listener: (s: DeviceStatus) => void): () => void {
    return this.listeners.add(listener);
  }

  /** Card present / removed, as the polling loop sees it. */
  onCard(listener: (present: boolean) => void): () => void {
    return this.cardListeners.add(listener);
  }

  get cardPresent(): boolean {
    return this.present;
  }

  /** Waits for a card and reads it; resolves 'cancelled' when `signal` aborts. */
  read(signal?: AbortSignal): Promise<TimedOutcome> {
    return new Promise((resolve) => {
      const done = (o: TimedOutcome): void => {
        this.waiters.delete(done);
        signal?.removeEventListener('abort', onAbort);
        resolve(o);
      };
      const onAbort = (): void =>
        done({ ...cancelled(), steps: [], ioMs: 0, ownMs: 0, totalMs: 0 });
      if (signal?.aborted) return onAbort();
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiters.add(done);
      this.wake?.(); // look now rather than at the next poll
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    this.wake?.();
    for (const w of [...this.waiters])
      w({ ...cancelled(), steps: [], ioMs: 0, ownMs: 0, totalMs: 0 });
    await this.loopDone;
    await this.dropPort();
    this.listeners.clear();
    this.cardListeners.clear();
  }

  private async loop(): Promise<void> {
    while (!this.closed) {
      let reading = false;
      try {
        if (!this.port) {
          await this.openPort();
          // A port that answers SAM status is a SAM reader, and its SAM passed its self-test.
          const sam = await this.exchange('samStatus', this.o.replyTimeoutMs);
          if (sam.sw3 !== SW3_OK) throw new SamNotReady(sam.sw3);
        }
        const found = await this.find();
        this.setPresent(found);
        if (found && this.waiters.size > 0) {
          reading = true;
          const outcome = await this.readCard();
          for (const w of [...this.waiters]) w(outcome);
        }
        if (this.current.state !== 'ready') this.setStatus('ready', readyText);
        await this.sleep(this.o.pollMs);
      } catch (error) {
        await this.dropPort();
        this.setPresent(false);
        // Whoever waits hears now, not at their own timeout: the kiosk can offer the keypad.
        const f = fault(
          'no-reader',
          reading
            ? {
                'zh-CN': '读卡时阅读器断开，请重新放置身份证',
                en: 'The reader went away during the read: place the card again',
              }
            : { 'zh-CN': '身份证阅读器未连接', en: 'The ID card reader is not connected' },
        );
        for (const w of [...this.waiters]) w({ ...f, steps: [], ioMs: 0, ownMs: 0, totalMs: 0 });
        this.setStatus('fault', faultText(this.o.path, error));
        await this.sleep(this.o.reopenMs);
      }
    }
  }

  private async find(): Promise<boolean> {
    const r = await this.exchange('find', this.o.replyTimeoutMs);
    return r.sw3 === SW3_FOUND;
  }

  private async readCard(): Promise<TimedOutcome> {
    const t0 = performance.now();
    const parse0 = this.parseMs;
    const steps: StepTiming[] = [];
    let ioMs = 0;
    const step = async (name: CommandName, timeoutMs: number): Promise<Reply> => {
      const s = performance.now();
      const r = await this.exchange(name, timeoutMs, (ms) => (ioMs += ms));
      steps.push({ step: name, ms: performance.now() - s });
      return r;
    };
    const finish = (o: IdentityOutcome): TimedOutcome => {
      const totalMs = performance.now() - t0;
      const parseMs = this.parseMs - parse0;
      return { ...o, steps, ioMs: ioMs - parseMs, ownMs: totalMs - ioMs + parseMs, totalMs };
    };
    const sel = await step('select', this.o.replyTimeoutMs);
    if (sel.sw3 !== SW3_OK) return finish(await this.unreadable(sel.sw3));
    let rd: Reply;
    try {
      rd = await step('read', this.o.readTimeoutMs);
    } catch (error) {
      // A corrupt or cut-off reply: the card stays, the resident tries again. A reader that
      // has really gone shows at the next find, which times out and marks the device faulty.
      if (!(error instanceof ReplyTimeout || error instanceof CorruptReply)) throw error;
      this.parser.reset();
      return finish(
        fault('unreadable', {
          'zh-CN':
            error instanceof CorruptReply
              ? '读卡数据损坏，请重新放置身份证'
              : '读卡超时，数据不完整，请重新放置身份证',
          en:
            error instanceof CorruptReply
              ? 'The card data arrived corrupted: place the card again'
              : 'The read timed out before all data arrived: place the card again',
        }),
      );
    }
    if (rd.sw3 !== SW3_OK) return finish(await this.unreadable(rd.sw3));
    const d = performance.now();
    const outcome = identityFromReadData(rd.data, this.o.now());
    steps.push({ step: 'decode', ms: performance.now() - d });
    return finish(outcome);
  }

  /** A failed select or read: was the card taken away, or is it unreadable? */
  private async unreadable(sw3: number): Promise<IdentityOutcome> {
    const stillThere = await this.find();
    this.setPresent(stillThere);
    if (!stillThere) {
      return fault('card-removed', {
        'zh-CN': '读卡时身份证被移开，请放好后不要移动',
        en: 'The card was moved away during the read: place it and hold still',
      });
    }
    return fault('unreadable', sw3Message(sw3), undefined, sw3Detail(sw3));
  }

  private openPort(): Promise<void> {
    return new Promise((resolve, reject) => {
      const port = new SerialPort({
        path: this.o.path,
        baudRate: this.o.baudRate,
        autoOpen: false,
      });
      port.on('error', () => undefined); // every failure surfaces as a timeout or an open error
      port.on('data', (chunk: Buffer) => {
        const t0 = performance.now();
        for (const item of this.parser.push(chunk)) {
          if (item.kind === 'reply') this.pending?.(item.reply);
          else if (item.reason !== 'garbage') this.pendingFail?.(new CorruptReply(item.reason));
        }
        this.parseMs += performance.now() - t0;
      });
      port.on('close', () => {
        if (this.port === port) this.port = undefined;
      });
      port.open((err) => {
        if (err) return reject(err);
        this.parser.reset();
        this.port = port;
        resolve();
      });
    });
  }

  private async dropPort(): Promise<void> {
    const port = this.port;
    this.port = undefined;
    this.pending = undefined;
    this.pendingFail = undefined;
    // close() on a pty whose peer hung up may never call back (the serialport 13 spin):
    // give it a moment, then let go of it either way.
    if (port?.isOpen) {
      await new Promise<void>((r) => {
        const timer = setTimeout(r, 500);
        port.close(() => {
          clearTimeout(timer);
          r();
        });
      });
    }
  }

  /** One command, one reply, within timeoutMs. `io` learns how long we waited. */
  private exchange(
    name: CommandName,
    timeoutMs: number,
    io?: (ms: number) => void,
  ): Promise<Reply> {
    const port = this.port;
    if (!port) return Promise.reject(new Error('port not open'));
    return new Promise((resolve, reject) => {
      const sent = performance.now();
      const settle = (): void => {
        clearTimeout(timer);
        this.pending = undefined;
        this.pendingFail = undefined;
        io?.(performance.now() - sent);
      };
      const timer = setTimeout(() => {
        settle();
        reject(new ReplyTimeout(`no reply to ${name} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending = (reply) => {
        settle();
        resolve(reply);
      };
      this.pendingFail = (error) => {
        settle();
        reject(error);
      };
      port.write(encodeCommand(name));
    });
  }

  private sleep(ms: number): Promise<void> {
    if (this.closed) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.wake = undefined;
        resolve();
      }, ms);
      this.wake = () => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
    });
  }

  private setPresent(present: boolean): void {
    if (present === this.present) return;
    this.present = present;
    this.cardListeners.emit(present);
  }

  private setStatus(state: DeviceStatus['state'], message: DeviceStatus['message']): void {
    const next = this.statusOf(state, message);
    if (next.state === this.current.state && next.message.en === this.current.message.en) return;
    this.current = next;
    this.listeners.emit(next);
  }

  private statusOf(state: DeviceStatus['state'], message: DeviceStatus['message']): DeviceStatus {
    return { kind: 'idReader', adapter: 'sam-serial', state, simulated: false, message };
  }
}

const readyText = {
  'zh-CN': `${deviceLabels.idReader['zh-CN']}就绪`,
  en: `${deviceLabels.idReader.en} ready`,
};

function faultText(path: string, error: unknown): DeviceStatus['message'] {
  if (error instanceof SamNotReady) return sw3Text(error.sw3);
  if (error instanceof ReplyTimeout) {
    return {
      'zh-CN': `身份证阅读器无响应（${path}），请检查连接线`,
      en: `The ID card reader does not answer (${path}): check its cable`,
    };
  }
  return {
    'zh-CN': `找不到身份证阅读器（${path}），请检查连接线`,
    en: `The ID card reader is not there (${path}): check its cable`,
  };
}

function cancelled(): IdentityOutcome {
  return fault('cancelled', { 'zh-CN': '已取消读卡', en: 'Reading was cancelled' });
}
