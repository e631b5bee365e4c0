// A virtual smart card for vpcd: the card is the TCP *client*. Connecting = card inserted,
// closing = card removed. pcscd polls presence by sending GET ATR about every 400 ms, so a
// connected card answers a steady stream of 04s; tests should look at `log` for APDUs only.
import { Socket, connect } from 'node:net';
import { FrameDecoder, VPCD_CTRL, classify, encodeFrame } from './vpcd-frame.js';
import { VPCD_DEFAULT_PORT } from './pcscd.js';

export type VpcdEvent =
  | { kind: 'control'; code: number }
  | { kind: 'apdu'; apdu: Buffer; response: Buffer }
  | { kind: 'respond-error'; apdu: Buffer; error: unknown };

export interface VirtualCardOptions {
  /** Answer to reset, sent for every GET ATR. */
  atr: Buffer;
  /** Command APDU → response APDU (data + SW1 SW2). May be async (slow-card tests). */
  respond: (apdu: Buffer) => Buffer | Promise<Buffer>;
  /** vpcd slot port: 35963 = "Virtual PCD 00 00", 35964 = "… 00 01". */
  port?: number;
  host?: string;
}

/** SW 6F00 "no precise diagnosis": what the card answers when `respond` throws. */
const SW_UNKNOWN_ERROR = Buffer.from([0x6f, 0x00]);

export class VirtualCard {
  atr: Buffer;
  readonly port: number;
  readonly host: string;
  /** Control codes (except the GET ATR presence polls) and APDUs, in arrival order. */
  readonly log: VpcdEvent[] = [];
  /** Number of GET ATR requests answered (presence polls included). */
  atrRequests = 0;
  powered = false;
  private readonly respond: VirtualCardOptions['respond'];
  private socket: Socket | undefined;
  private closed: Promise<void> | undefined;
  // vpcd is strictly request/response per slot, but `respond` may be async: chain handling
  // so replies always leave in request order.
  private queue: Promise<void> = Promise.resolve();

  constructor(opts: VirtualCardOptions) {
    this.atr = opts.atr;
    this.respond = opts.respond;
    this.port = opts.port ?? VPCD_DEFAULT_PORT;
    this.host = opts.host ?? '127.0.0.1';
  }

  get inserted(): boolean {
    return this.socket !== undefined && !this.socket.destroyed;
  }

  get apdus(): Buffer[] {
    return this.log.flatMap((e) => (e.kind === 'apdu' ? [e.apdu] : []));
  }

  /** Connects to vpcd. pcscd notices at its next presence poll, not at once. */
  insert(): Promise<void> {
    if (this.inserted) return Promise.reject(new Error('virtual card already inserted'));
    const decoder = new FrameDecoder();
    return new Promise((resolve, reject) => {
      const sock = connect({ host: this.host, port: this.port });
      sock.setNoDelay(true);
      const onConnectError = (e: Error): void =>
        reject(
          new Error(
            `virtual card: cannot reach vpcd at ${this.host}:${this.port} (is the pcscd rig running?): ${e.message}`,
          ),
        );
      sock.once('error', onConnectError);
      sock.once('connect', () => {
        sock.off('error', onConnectError);
        // After connect, errors (reset by a stopping pcscd) just mean "removed".
        sock.on('error', () => undefined);
        this.socket = sock;
        this.closed = new Promise((r) => sock.once('close', () => r()));
        sock.once('close', () => {
          if (this.socket === sock) {
            this.socket = undefined;
            this.powered = false;
          }
        });
        resolve();
      });
      sock.on('data', (chunk: Buffer) => {
        for (const payload of decoder.push(chunk)) {
          this.queue = this.queue.then(() => this.handle(sock, payload));
        }
      });
    });
  }

  /** Closes the connection (card pulled out) and waits until the socket is closed. */
  async remove(): Promise<void> {
    const sock = this.socket;
    if (!sock) return;
    sock.destroy();
    await this.closed;
  }

  private async handle(sock: Socket, payload: Buffer): Promise<void> {
    const msg = classify(payload);
    if (msg.kind === 'empty') return;
    if (msg.kind === 'control') {
      switch (msg.code) {
        case VPCD_CTRL.GET_ATR:
          this.atrRequests++;
          this.send(sock, this.atr);
          return;
        case VPCD_CTRL.POWER_ON:
        case VPCD_CTRL.RESET:
          this.powered = true;
          break;
        case VPCD_CTRL.POWER_OFF:
          this.powered = false;
          break;
      }
      // No reply to power on/off/reset: vpcd does not read one.
      this.log.push({ kind: 'control', code: msg.code });
      return;
    }
    let response: Buffer;
    try {
      response = await this.respond(msg.apdu);
      this.log.push({ kind: 'apdu', apdu: msg.apdu, response });
    } catch (error) {
      response = SW_UNKNOWN_ERROR;
      this.log.push({ kind: 'respond-error', apdu: msg.apdu, error });
    }
    this.send(sock, response);
  }

  private send(sock: Socket, payload: Buffer): void {
    if (!sock.destroyed) sock.write(encodeFrame(payload));
  }
}
