/**
 * Identity figures, measured on this machine:
 *   - parse and normalize one 1295-byte SAM read reply (frame parser + text decoder + GB 11643
 *     checks → ResidentIdentity)                                        (target ≤ 0.1 ms)
 *   - a full read (select + read) against the GA 467 emulator on a socat pty, time spent in
 *     our code beyond the device's I/O (encode, parse, decode, check)    (target ≤ 5 ms)
 * Run with `npm run bench`. Not a test: it prints a table.
 */
import { encodeFrame, FrameParser } from '../drivers/id-card/frame.js';
import { encodeReadData, identityFromReadData } from '../drivers/id-card/id-card-text.js';
import { demoResidents } from '../drivers/id-card/demo-residents.js';
import { SamReader } from '../drivers/id-card/sam-reader.js';
import { SamEmulator } from '../test/rig/sam-emulator.js';
import { openPtyPair } from '../test/rig/socat.js';
import { machine, median, printTable, type Row } from './table.js';

function parseAndNormalize(): number {
  const frame = encodeFrame(
    Buffer.concat([Buffer.from([0, 0, 0x90]), encodeReadData(demoResidents.minority)]),
  );
  if (frame.length !== 1295) throw new Error(`frame is ${frame.length} bytes, not 1295`);
  const parser = new FrameParser();
  const once = (): void => {
    const [item] = parser.push(frame);
    if (item?.kind !== 'reply') throw new Error('no reply parsed');
    const r = identityFromReadData(item.reply.data);
    if (!r.ok) throw new Error(r.fault.message.en);
  };
  for (let i = 0; i < 2000; i++) once(); // warm up the JIT
  const batches: number[] = [];
  for (let b = 0; b < 21; b++) {
    const n = 1000;
    const t0 = performance.now();
    for (let i = 0; i < n; i++) once();
    batches.push((performance.now() - t0) / n);
  }
  return median(batches);
}

async function fullRead(): Promise<{ ownMs: number; ioMs: number }> {
  const pair = await openPtyPair();
  const emu = await SamEmulator.open(pair.b);
  const reader = new SamReader({ path: pair.a, pollMs: 20 });
  try {
    emu.card = demoResidents.elder;
    const own: number[] = [];
    const io: number[] = [];
    for (let i = 0; i < 40; i++) {
      const r = await reader.read();
      if (!r.ok) throw new Error(r.fault.message.en);
      if (i >= 5) {
        own.push(r.ownMs);
        io.push(r.ioMs);
      }
    }
    return { ownMs: median(own), ioMs: median(io) };
  } finally {
    await reader.close();
    await emu.close();
    await pair.stop();
  }
}

const parseMs = parseAndNormalize();
const read = await fullRead();
const rows: Row[] = [
  [
    'parse + normalize one 1295-byte SAM frame (median)',
    `${(parseMs * 1000).toFixed(1)} µs`,
    '≤ 100 µs',
    parseMs <= 0.1,
  ],
  [
    'full read vs emulator: our code beyond device I/O (median)',
    `${read.ownMs.toFixed(2)} ms (I/O ${read.ioMs.toFixed(1)} ms)`,
    '≤ 5 ms',
    read.ownMs <= 5,
  ],
];
printTable('identity', machine(), rows);
