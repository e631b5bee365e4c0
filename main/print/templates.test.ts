import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { encodeDocument } from '../../drivers/printer/escpos/encode.js';
import { PrinterEmulator } from '../../test/rig/printer-emulator.js';
import { Printing } from '../../kiosk-config/printer.js';
import { exampleContext, exampleReceipt, exampleTicket } from './examples.js';
import { preview } from './preview.js';
import { rasterizeRareLines, undrawable } from './raster-line.js';
import { receiptDocument, ticketDocument } from './templates.js';

/** Decodes bytes the way the test printer does. */
function decode(bytes: Uint8Array) {
  const emu = new PrinterEmulator();
  emu.receive(Buffer.from(bytes));
  return emu.jobs[0]!;
}

describe('ticket and receipt templates', () => {
  it('a ticket carries hall, service, the number large, people ahead, time, QR, masked name, privacy note', () => {
    const job = decode(encodeDocument(ticketDocument(exampleTicket, exampleContext)));
    const texts = job.lines.map((l) => l.text);
    expect(texts).toContain('示范街道便民服务中心');
    expect(texts).toContain('社保医保业务');
    expect(job.lines.find((l) => l.text === 'A023')).toMatchObject({ width: 4, height: 4 });
    expect(texts).toContain('您前面还有 3 人');
    expect(texts).toContain('取号时间: 2026-11-28 09:05');
    expect(texts).toContain('姓名: 张**');
    expect(job.qr).toEqual([
      { data: 'T|20261128-A023|7F3A', model: 2, errorLevel: 'M', moduleSize: 6 },
    ]);
    expect(texts.join('')).toContain('本凭条仅用于排队叫号');
    expect(job.cut).toBe('partial');
  });

  it('the full name never reaches the bytes; showName none prints no name at all', () => {
    const bytes = Buffer.from(encodeDocument(ticketDocument(exampleTicket, exampleContext)));
    expect(bytes.indexOf(iconv.encode('张三丰', 'gb18030'))).toBe(-1);
    const none = { ...exampleContext, printing: Printing.parse({ ticket: { showName: 'none' } }) };
    const job = decode(encodeDocument(ticketDocument(exampleTicket, none)));
    expect(job.lines.some((l) => l.text.includes('张'))).toBe(false);
  });

  it('an English ticket and a 58 mm ticket wrap to their columns', () => {
    const ctx = { ...exampleContext, paper: '58mm' as const };
    const doc = ticketDocument({ ...exampleTicket, language: 'en' }, ctx);
    expect(doc.widthDots).toBe(384);
    const job = decode(encodeDocument(doc));
    expect(job.lines.map((l) => l.text)).toContain('3 ahead of you');
    for (const line of job.lines) expect(line.text.length * line.width).toBeLessThanOrEqual(32);
  });

  it('bad ticket data is refused with the field named', () => {
    expect(() => ticketDocument({ ...exampleTicket, peopleAhead: -1 }, exampleContext)).toThrow(
      /peopleAhead/,
    );
  });

  it('a receipt carries the case number, items, masked name and its QR', () => {
    const job = decode(encodeDocument(receiptDocument(exampleReceipt, exampleContext)));
    const texts = job.lines.map((l) => l.text);
    expect(texts).toContain('回执号: SQ-20261128-0007');
    expect(texts).toContain('  2. 租房合同');
    expect(texts).toContain('姓名: 李**');
    expect(job.qr[0]!.data).toBe('C|SQ-20261128-0007|K9D2');
  });

  it('a receipt lists materials in its language, with the masked ID and time limit on their own lines', () => {
    const receipt = {
      ...exampleReceipt,
      idNumber: '1101**********002X',
      timeLimitDays: 5,
      items: [{ 'zh-CN': '身份证原件', en: 'ID card (original)' }],
    };
    const zh = decode(encodeDocument(receiptDocument(receipt, exampleContext))).lines;
    const en = decode(
      encodeDocument(receiptDocument({ ...receipt, language: 'en' }, exampleContext)),
    ).lines;
    const zhTexts = zh.map((l) => l.text);
    expect(zhTexts).toContain('证件号: 1101**********002X');
    expect(zhTexts).toContain('承诺时限: 5 个工作日');
    expect(zhTexts).toContain('  1. 身份证原件');
    expect(zhTexts.indexOf('已收材料:')).toBeGreaterThan(zhTexts.indexOf('承诺时限: 5 个工作日'));
    const enTexts = en.map((l) => l.text);
    expect(enTexts).toContain('  1. ID card (original)');
    expect(enTexts).toContain('Time limit: 5 working days');
  });
});

describe('rare characters print as a raster line', () => {
  it('on a GB2312 printer, a masked name with a GBK-only surname (堃) goes as a GS v 0 image', () => {
    const doc = ticketDocument({ ...exampleTicket, name: '堃小明' }, exampleContext);
    const rasterized = rasterizeRareLines(doc, { coverage: 'gb2312', extra: '' });
    const job = decode(encodeDocument(rasterized));
    expect(job.images).toHaveLength(1);
    expect(job.images[0]!.widthBytes).toBe(72);
    expect(job.lines.some((l) => l.text.startsWith('姓名'))).toBe(false);
    expect(job.lines.map((l) => l.text)).toContain('A023');
    const image = rasterized.blocks.find((b) => b.kind === 'image');
    const black = [...(image as { image: { data: Uint8Array } }).image.data].reduce(
      (n, byte) => n + byte.toString(2).replaceAll('0', '').length,
      0,
    );
    expect(black).toBeGreaterThan(100);
    // on a GBK printer the same line is plain text
    const gbk = decode(encodeDocument(rasterizeRareLines(doc, { coverage: 'gbk', extra: '' })));
    expect(gbk.images).toHaveLength(0);
    expect(gbk.lines.map((l) => l.text)).toContain('姓名: 堃**');
  });

  it('the configured list makes a line an image too', () => {
    const doc = ticketDocument(exampleTicket, exampleContext);
    const job = decode(
      encodeDocument(rasterizeRareLines(doc, { coverage: 'gb18030', extra: '医' })),
    );
    expect(job.images).toHaveLength(1); // 社保医保业务
    expect(job.lines.map((l) => l.text)).not.toContain('社保医保业务');
  });

  it('a character our font lacks too (extension A) stays text and is reported', () => {
    const doc = ticketDocument({ ...exampleTicket, name: '㐀小明' }, exampleContext);
    const rule = { coverage: 'gbk' as const, extra: '' };
    const job = decode(encodeDocument(rasterizeRareLines(doc, rule)));
    expect(job.images).toHaveLength(0);
    expect(job.lines.map((l) => l.text)).toContain('姓名: 㐀**');
    expect(undrawable(doc, rule)).toEqual(['㐀']);
  });
});

describe('previews', () => {
  it('renders the ticket to SVG and PNG at the paper width', () => {
    const p = preview(ticketDocument(exampleTicket, exampleContext));
    expect(p.png.subarray(1, 4).toString()).toBe('PNG');
    expect(p.png.readUInt32BE(16)).toBe(576 + 32);
    expect(p.svg).toMatch(/^<svg/);
    expect(p.height).toBeGreaterThan(600);
  });
});
