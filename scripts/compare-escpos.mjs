// Decision 0009: the bytes three ESC/POS libraries produce for the same ticket fragment,
// checked against the table in devices.md §4. The libraries are not dependencies of the app:
// install them in a scratch folder and point LIBS at it, e.g.
//   mkdir /tmp/cmp && cd /tmp/cmp && npm init -y && npm install escpos @node-escpos/core receiptline
//   LIBS=/tmp/cmp npx tsx scripts/compare-escpos.mjs     (tsx: to include our own encoder)
import { createRequire } from 'node:module';
import { join } from 'node:path';

const libs = process.env.LIBS;
if (!libs) {
  console.error(
    'set LIBS to a folder where escpos, @node-escpos/core and receiptline are installed',
  );
  process.exit(2);
}
const require = createRequire(join(libs, 'package.json'));
const iconv = require('iconv-lite');

const qrData = 'T|20261128-A023|7F3A';
const title = '排队凭条';
const hex = (b) => [...b].map((x) => x.toString(16).padStart(2, '0').toUpperCase()).join(' ');
const has = (buf, bytes) => buf.indexOf(Buffer.from(bytes)) >= 0;
const len = Buffer.byteLength(qrData) + 3;

/** The checks, from devices.md §4. */
const checks = [
  ['init 1B 40', (b) => has(b, [0x1b, 0x40])],
  ['FS & (1C 26) right after init', (b) => has(b, [0x1b, 0x40, 0x1c, 0x26])],
  ['GB18030 text', (b) => b.indexOf(iconv.encode(title, 'gb18030')) >= 0],
  ['align centre 1B 61 01', (b) => has(b, [0x1b, 0x61, 0x01])],
  ['size 2×2 1D 21 11', (b) => has(b, [0x1d, 0x21, 0x11])],
  [
    'QR model 2 1D 28 6B 04 00 31 41 32 00',
    (b) => has(b, [0x1d, 0x28, 0x6b, 4, 0, 0x31, 0x41, 0x32, 0]),
  ],
  [
    'QR module size 1D 28 6B 03 00 31 43 06',
    (b) => has(b, [0x1d, 0x28, 0x6b, 3, 0, 0x31, 0x43, 6]),
  ],
  [
    'QR error level M 1D 28 6B 03 00 31 45 31',
    (b) => has(b, [0x1d, 0x28, 0x6b, 3, 0, 0x31, 0x45, 0x31]),
  ],
  [
    'QR store, pL pH = len + 3',
    (b) =>
      has(b, [0x1d, 0x28, 0x6b, len & 0xff, len >> 8, 0x31, 0x50, 0x30, ...Buffer.from(qrData)]),
  ],
  ['QR print 1D 28 6B 03 00 31 51 30', (b) => has(b, [0x1d, 0x28, 0x6b, 3, 0, 0x31, 0x51, 0x30])],
  ['partial cut 1D 56 42 n', (b) => b.indexOf(Buffer.from([0x1d, 0x56, 0x42])) >= 0],
  ['no FS C / ESC t sent blindly', (b) => !has(b, [0x1c, 0x43]) && !has(b, [0x1b, 0x74])],
];

function fromEscpos(model) {
  const { Printer } = require('escpos');
  const p = new Printer(null, { encoding: 'GB18030' });
  if (model) p.model(model);
  p.align('ct').size(2, 2).text(title).size(1, 1).qrcode(qrData, 3, 'M', 6).cut(true, 3);
  return p.buffer.flush();
}

function fromNodeEscpos(model) {
  const { Printer } = require('@node-escpos/core');
  const p = new Printer({ write() {}, read() {}, close() {} }, { encoding: 'GB18030' });
  if (model) p.model(model);
  p.align('ct').size(2, 2).text(title).size(1, 1).qrcode(qrData, 3, 'M', 6).cut(true, 3);
  return p.buffer.flush();
}

function fromReceiptline(command) {
  const receiptline = require('receiptline');
  // '|' separates columns in receiptline's markup: escape it in the QR data
  const doc = `^^^${title}\n{code:${qrData.replaceAll('|', '\\|')}; option:qrcode,6,m}\n=\n`;
  const out = receiptline.transform(doc, { cpl: 48, encoding: 'gb18030', command });
  return Buffer.from(out, 'binary');
}

async function fromOurs() {
  const { encodeDocument } = await import('../drivers/printer/escpos/encode.js');
  const blocks = [
    { kind: 'text', text: title, align: 'center', width: 2, height: 2 },
    { kind: 'qr', data: qrData, errorLevel: 'M', moduleSize: 6 },
    { kind: 'cut', partial: true },
  ];
  return Buffer.from(encodeDocument({ columns: 48, widthDots: 576, blocks }));
}

const runs = [
  ['ours (drivers/printer/escpos)', fromOurs],
  ['escpos 2.5', () => fromEscpos()],
  ["escpos 2.5 .model('qsprinter')", () => fromEscpos('qsprinter')],
  ['@node-escpos/core 0.6', () => fromNodeEscpos()],
  ["@node-escpos/core 0.6 .model('qsprinter')", () => fromNodeEscpos('qsprinter')],
  ["receiptline 4, command 'escpos'", () => fromReceiptline('escpos')],
  ["receiptline 4, command 'epson'", () => fromReceiptline('epson')],
  ["receiptline 4, command 'generic'", () => fromReceiptline('generic')],
];

for (const [name, make] of runs) {
  let bytes;
  try {
    bytes = await make();
  } catch (error) {
    console.log(`\n## ${name}\nthrew: ${error.message}`);
    continue;
  }
  const shown = bytes.length > 200 ? `${hex(bytes.subarray(0, 200))} …` : hex(bytes);
  console.log(`\n## ${name} (${bytes.length} bytes)\n${shown}`);
  for (const [what, ok] of checks) console.log(`  ${ok(bytes) ? 'yes' : 'NO '}  ${what}`);
}
