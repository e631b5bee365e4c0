/**
 * Tickets and receipts as print documents. Pure: data + template settings in, a document out.
 * Only masked names ever reach a document, so neither paper nor the spool holds a full name.
 */
import { z } from 'zod';
import type { Block, PrintDocument, RasterImage } from '../../drivers/printer/escpos/document.js';
import type { Printing } from '../../kiosk-config/printer.js';
import { Language, Text } from '../../common/contract/contract.js';
import { formatLocal } from '../../common/local-time.js';
import { maskName } from '../../common/mask.js';

export const TicketData = z
  .object({
    ticketId: z.string().min(1).max(64),
    /** A short code the counter checks with the id, so a photographed QR cannot be forged. */
    checkCode: z.string().min(1).max(16),
    /** The queue number as called: A023. */
    number: z.string().min(1).max(12),
    service: Text,
    peopleAhead: z.number().int().min(0).max(9999),
    issuedAt: z.iso.datetime({ offset: true }),
    /** The resident's name as read; masked here, never printed or stored in full. */
    name: z.string().max(60).optional(),
    language: Language.default('zh-CN'),
    /** A checked-in appointment's slot start: the slip says 预约 and the time. */
    appointmentAt: z.iso.datetime({ offset: true }).optional(),
  })
  .strict();
export type TicketData = z.input<typeof TicketData>;

export const ReceiptData = z
  .object({
    caseId: z.string().min(1).max(64),
    checkCode: z.string().min(1).max(16),
    service: Text,
    submittedAt: z.iso.datetime({ offset: true }),
    name: z.string().max(60).optional(),
    /** Already masked (1101**********002X): the template prints it as given. */
    idNumber: z.string().max(40).optional(),
    /** The service's promised time limit in working days. */
    timeLimitDays: z.number().int().min(0).max(3650).optional(),
    /** What was handed in, one line each: plain text, or one text per language. */
    items: z
      .array(z.union([z.string().min(1).max(60), Text]))
      .max(20)
      .default([]),
    /** When and where to collect the result, or what happens next. */
    next: z.optional(Text),
    language: Language.default('zh-CN'),
    /** Set on a second paper for the same case, which then reads 补打 and when. */
    reprintedAt: z.iso.datetime({ offset: true }).optional(),
  })
  .strict();
export type ReceiptData = z.input<typeof ReceiptData>;

export interface TemplateContext {
  hallName: Text;
  /** The hall's logo, drawn once (printing.logo). */
  logo?: RasterImage;
  timezone: string;
  paper: '58mm' | '80mm';
  printing: Printing;
}

const labels = {
  ticketTitle: { 'zh-CN': '排队凭条', en: 'Queue ticket' },
  ahead: (n: number) => ({ 'zh-CN': `您前面还有 ${n} 人`, en: `${n} ahead of you` }),
  time: { 'zh-CN': '取号时间', en: 'Issued' },
  name: { 'zh-CN': '姓名', en: 'Name' },
  receiptTitle: { 'zh-CN': '受理回执', en: 'Case receipt' },
  caseNo: { 'zh-CN': '回执号', en: 'Receipt no.' },
  submitted: { 'zh-CN': '提交时间', en: 'Submitted' },
  items: { 'zh-CN': '已收材料', en: 'Received' },
  idNumber: { 'zh-CN': '证件号', en: 'ID no.' },
  timeLimit: (days: number) => ({
    'zh-CN': `承诺时限: ${days} 个工作日`,
    en: `Time limit: ${days} working days`,
  }),
  wait: { 'zh-CN': '请留意叫号屏和语音提示', en: 'Watch the display for your number' },
  appointment: (slot: string) => ({ 'zh-CN': `预约 ${slot}`, en: `Appointment ${slot}` }),
  reprint: { 'zh-CN': '补打', en: 'REPRINT' },
};

export function paperSize(paper: '58mm' | '80mm'): { columns: number; widthDots: number } {
  return paper === '58mm' ? { columns: 32, widthDots: 384 } : { columns: 48, widthDots: 576 };
}

function logoBlock(ctx: TemplateContext): Block[] {
  return ctx.logo ? [{ kind: 'image', image: ctx.logo, align: 'center', alt: 'logo' }] : [];
}

export function formatTime(iso: string, timezone: string): string {
  return formatLocal(Date.parse(iso), timezone);
}

/** The QR payload the counter scans: ticket id and check code. */
export function ticketQrPayload(ticketId: string, checkCode: string): string {
  return `T|${ticketId}|${checkCode}`;
}

export function receiptQrPayload(caseId: string, checkCode: string): string {
  return `C|${caseId}|${checkCode}`;
}

export function ticketDocument(input: TicketData, ctx: TemplateContext): PrintDocument {
  const t = TicketData.parse(input);
  const l = t.language;
  const settings = ctx.printing.ticket;
  const blocks: Block[] = [
    ...logoBlock(ctx),
    { kind: 'text', text: ctx.hallName[l], align: 'center', width: 1, height: 2 },
    { kind: 'text', text: labels.ticketTitle[l], align: 'center' },
    { kind: 'rule' },
    { kind: 'text', text: t.service[l], align: 'center', width: 2, height: 2 },
    { kind: 'text', text: t.number, align: 'center', width: 4, height: 4 },
    { kind: 'text', text: labels.ahead(t.peopleAhead)[l], align: 'center' },
  ];
  if (t.appointmentAt) {
    const slot = formatTime(t.appointmentAt, ctx.timezone).slice(-5);
    blocks.push({
      kind: 'text',
      text: labels.appointment(slot)[l],
      align: 'center',
      width: 1,
      height: 2,
    });
  }
  if (settings.showName === 'masked' && t.name) {
    blocks.push({ kind: 'text', text: `${labels.name[l]}: ${maskName(t.name)}`, align: 'center' });
  }
  blocks.push(
    {
      kind: 'text',
      text: `${labels.time[l]}: ${formatTime(t.issuedAt, ctx.timezone)}`,
      align: 'center',
    },
    {
      kind: 'qr',
      data: ticketQrPayload(t.ticketId, t.checkCode),
      errorLevel: settings.qrErrorLevel,
    },
    { kind: 'text', text: labels.wait[l], align: 'center' },
    { kind: 'rule' },
    { kind: 'text', text: settings.privacyNote[l] },
    { kind: 'feed', lines: 2 },
    { kind: 'cut', partial: true },
  );
  return { ...paperSize(ctx.paper), blocks };
}

export function receiptDocument(input: ReceiptData, ctx: TemplateContext): PrintDocument {
  const r = ReceiptData.parse(input);
  const l = r.language;
  const settings = ctx.printing.receipt;
  const blocks: Block[] = [
    ...logoBlock(ctx),
    { kind: 'text', text: ctx.hallName[l], align: 'center', width: 1, height: 2 },
    { kind: 'text', text: labels.receiptTitle[l], align: 'center', width: 2, height: 2 },
    // A second paper says so in large type, so a counter tells it from the first.
    ...(r.reprintedAt ? [reprintLine(r.reprintedAt, l, ctx)] : []),
    { kind: 'rule' },
    { kind: 'text', text: `${labels.caseNo[l]}: ${r.caseId}` },
    { kind: 'text', text: r.service[l] },
    { kind: 'text', text: `${labels.submitted[l]}: ${formatTime(r.submittedAt, ctx.timezone)}` },
  ];
  if (r.name) blocks.push({ kind: 'text', text: `${labels.name[l]}: ${maskName(r.name)}` });
  if (r.idNumber) blocks.push({ kind: 'text', text: `${labels.idNumber[l]}: ${r.idNumber}` });
  if (r.timeLimitDays !== undefined) {
    blocks.push({ kind: 'text', text: labels.timeLimit(r.timeLimitDays)[l] });
  }
  if (r.items.length > 0) {
    blocks.push({ kind: 'text', text: `${labels.items[l]}:` });
    r.items.forEach((item, i) => {
      const text = typeof item === 'string' ? item : item[l];
      blocks.push({ kind: 'text', text: `  ${i + 1}. ${text}` });
    });
  }
  if (r.next) blocks.push({ kind: 'text', text: r.next[l] });
  blocks.push(
    {
      kind: 'qr',
      data: receiptQrPayload(r.caseId, r.checkCode),
      errorLevel: settings.qrErrorLevel,
    },
    { kind: 'rule' },
    { kind: 'text', text: settings.privacyNote[l] },
    { kind: 'feed', lines: 2 },
    { kind: 'cut', partial: true },
  );
  return { ...paperSize(ctx.paper), blocks };
}

function reprintLine(at: string, l: Language, ctx: TemplateContext): Block {
  const text = `${labels.reprint[l]} ${formatTime(at, ctx.timezone)}`;
  return { kind: 'text', text, align: 'center', width: 1, height: 2 };
}

/** The technician's test page: every size, both alignments, a QR and a rare character line. */
export function testPageDocument(ctx: TemplateContext, adapter: string): PrintDocument {
  const blocks: Block[] = [
    ...logoBlock(ctx),
    { kind: 'text', text: ctx.hallName['zh-CN'], align: 'center', width: 1, height: 2 },
    { kind: 'text', text: '打印机测试页 / Printer test page', align: 'center' },
    { kind: 'rule' },
    { kind: 'text', text: `adapter: ${adapter}  paper: ${ctx.paper}` },
    { kind: 'text', text: '左对齐 left' },
    { kind: 'text', text: '居中 center', align: 'center' },
    { kind: 'text', text: '右对齐 right', align: 'right' },
    { kind: 'text', text: '倍宽倍高 2×2', width: 2, height: 2 },
    { kind: 'text', text: 'A001', align: 'center', width: 4, height: 4 },
    { kind: 'text', text: '图像行 / image line: 堃 镕 喆', raster: true },
    { kind: 'qr', data: 'TEST|hall-kiosk', errorLevel: 'M' },
    { kind: 'feed', lines: 2 },
    { kind: 'cut', partial: true },
  ];
  return { ...paperSize(ctx.paper), blocks };
}
