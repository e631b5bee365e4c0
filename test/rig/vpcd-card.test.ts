// VirtualCard against a fake vpcd (a plain TCP server on a free port): checks the socket side —
// split and merged reads, no reply to power control, reply order with async `respond` —
// without needing pcscd. The end-to-end path through pcscd is in test/rig-smoke.test.ts.
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { FrameDecoder, encodeFrame } from './vpcd-frame.js';
import { VirtualCard } from './vpcd-card.js';

const hex = (s: string): Buffer => Buffer.from(s.replace(/\s+/g, ''), 'hex');
const ATR = hex('3B 8F 80 01 80 4F 0C A0 00 00 03 06 03 00 01 00 00 00 00 6A');

/** The vpcd side: accepts the card, lets the test write raw bytes and read decoded replies. */
class FakeVpcd {
  private readonly server: Server;
  private conn: Socket | undefined;
  private readonly decoder = new FrameDecoder();
  private readonly replies: Buffer[] = [];
  private waiters: (() => void)[] = [];
  private connected: Promise<void>;

  constructor() {
    let onConn!: () => void;
    this.connected = new Promise((r) => (onConn = r));
    this.server = createServer((sock) => {
      this.conn = sock;
      sock.on('data', (c: Buffer) => {
        this.replies.push(...this.decoder.push(c));
        for (const w of this.waiters.splice(0)) w();
      });
      onConn();
    });
  }

  async listen(): Promise<number> {
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    return (this.server.address() as AddressInfo).port;
  }

  async accepted(): Promise<Socket> {
    await this.connected;
    return this.conn!;
  }

  /** Waits until `n` replies have arrived, then returns them all. */
  async waitForReplies(n: number, timeoutMs = 2000): Promise<Buffer[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.replies.length < n) {
      if (Date.now() > deadline)
        throw new Error(`expected ${n} replies, got ${this.replies.length}`);
      await new Promise<void>((r) => {
        this.waiters.push(r);
        setTimeout(r, 50);
      });
    }
    return this.replies.slice();
  }

  async close(): Promise<void> {
    this.conn?.destroy();
    await new Promise<void>((r) => this.server.close(() => r()));
  }
}

describe('VirtualCard (against a fake vpcd)', () => {
  let vpcd: FakeVpcd | undefined;
  let card: VirtualCard | undefined;

  afterEach(async () => {
    await card?.remove();
    await vpcd?.close();
    card = vpcd = undefined;
  });

  async function setUp(respond: (apdu: Buffer) => Buffer | Promise<Buffer>): Promise<Socket> {
    vpcd = new FakeVpcd();
    const port = await vpcd.listen();
    card = new VirtualCard({ atr: ATR, respond, port });
    await card.insert();
    return vpcd.accepted();
  }

  it('answers GET ATR and APDUs, not power control, with frames split byte by byte', async () => {
    const sock = await setUp((apdu) => Buffer.concat([apdu.subarray(0, 2), hex('9000')]));
    const input = Buffer.concat([
      encodeFrame(hex('01')), // power on: no reply expected
      encodeFrame(hex('04')),
      encodeFrame(hex('FFCA000000')),
      encodeFrame(hex('00')), // power off: no reply
    ]);
    for (const byte of input) {
      sock.write(Buffer.from([byte]));
      await new Promise((r) => setImmediate(r));
    }
    expect(await vpcd!.waitForReplies(2)).toEqual([ATR, hex('FFCA 9000')]);
    await new Promise((r) => setTimeout(r, 50));
    expect(await vpcd!.waitForReplies(2)).toHaveLength(2); // nothing for the power controls
    expect(card!.log).toEqual([
      { kind: 'control', code: 1 },
      { kind: 'apdu', apdu: hex('FFCA000000'), response: hex('FFCA 9000') },
      { kind: 'control', code: 0 },
    ]);
    expect(card!.atrRequests).toBe(1);
    expect(card!.powered).toBe(false);
  });

  it('keeps reply order for merged frames even when respond is async and uneven', async () => {
    const sock = await setUp(async (apdu) => {
      await new Promise((r) => setTimeout(r, apdu[2] === 1 ? 60 : 1)); // first APDU is slowest
      return Buffer.from([apdu[2]!, 0x90, 0x00]);
    });
    sock.write(
      Buffer.concat([
        encodeFrame(hex('00B2012C00')),
        encodeFrame(hex('04')),
        encodeFrame(hex('00B2022C00')),
      ]),
    );
    expect(await vpcd!.waitForReplies(3)).toEqual([hex('01 9000'), ATR, hex('02 9000')]);
  });

  it('answers 6F00 when respond throws, and records the error', async () => {
    const sock = await setUp(() => {
      throw new Error('boom');
    });
    sock.write(encodeFrame(hex('00A4040000')));
    expect(await vpcd!.waitForReplies(1)).toEqual([hex('6F00')]);
    expect(card!.log[0]).toMatchObject({ kind: 'respond-error', apdu: hex('00A4040000') });
  });

  it('remove() closes the connection; vpcd sees the card go', async () => {
    const sock = await setUp(() => hex('9000'));
    const closed = new Promise((r) => sock.once('close', r));
    await card!.remove();
    await closed;
    expect(card!.inserted).toBe(false);
  });

  it('insert() fails clearly when nothing listens', async () => {
    vpcd = new FakeVpcd();
    const port = await vpcd.listen();
    await vpcd.close();
    vpcd = undefined;
    card = new VirtualCard({ atr: ATR, respond: () => hex('9000'), port });
    await expect(card.insert()).rejects.toThrow(
      /cannot reach vpcd at 127\.0\.0\.1:\d+ .*pcscd rig/,
    );
  });
});
