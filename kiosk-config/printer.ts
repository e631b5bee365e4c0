/**
 * The printer's config: `devices.printer` (which printer, over what) and the top-level
 * `printing` section (what tickets and receipts say). Kept out of schema.ts so the printing
 * issue's change to the shared file is one line per place.
 */
import { z } from 'zod';

const Note = z
  .object({
    'zh-CN': z.string().trim().min(1).max(200),
    en: z.string().trim().min(1).max(300),
  })
  .strict();

const common = {
  paper: z
    .enum(['58mm', '80mm'])
    .default('80mm')
    .describe('Paper width: 58mm = 384 dots / 32 columns, 80mm = 576 dots / 48 columns'),
  pollSeconds: z.number().int().min(1).max(60).default(3).describe('Status poll interval'),
  replyTimeoutMs: z
    .number()
    .int()
    .min(50)
    .max(10_000)
    .default(1000)
    .describe('How long one DLE EOT status reply may take'),
  confirmDelayMs: z
    .number()
    .int()
    .min(0)
    .max(10_000)
    .default(500)
    .describe('Wait after sending a job before the confirming status check'),
  autoStatus: z
    .boolean()
    .default(false)
    .describe('Ask for automatic status back (GS a) — only if the printer supports it'),
  fontCoverage: z
    .enum(['gb2312', 'gbk', 'gb18030'])
    .default('gbk')
    .describe("The printer font's character set; lines with characters outside it print as images"),
  rareCharacters: z
    .string()
    .max(2000)
    .default('')
    .describe('Extra characters (生僻字) this printer lacks; lines with them print as images'),
};

const serial = z
  .object({
    adapter: z.literal('serial'),
    path: z.string().min(1).describe('/dev/ttyUSB0, /dev/ttyS0, COM3'),
    baudRate: z.number().int().min(1200).max(921_600).default(9600),
    ...common,
  })
  .strict();

const tcp = z
  .object({
    adapter: z.literal('tcp'),
    host: z.string().min(1).describe('The printer address on the hall LAN'),
    port: z.number().int().min(1).max(65535).default(9100),
    ...common,
  })
  .strict();

const usb = z
  .object({
    adapter: z.literal('usb'),
    path: z.string().min(1).default('/dev/usb/lp0').describe('USB printer class device file'),
    ...common,
  })
  .strict();

const simulated = z
  .object({ adapter: z.literal('simulated'), paper: common.paper })
  .strict()
  .describe('Demo: no paper; the kiosk shows the preview instead');

const none = z
  .object({ adapter: z.literal('none') })
  .strict()
  .describe('No printer fitted');

export const PrinterDevice = z
  .discriminatedUnion('adapter', [serial, tcp, usb, simulated, none])
  .describe('The ticket printer: serial, tcp (port 9100), usb (device file), simulated or none');
export type PrinterDevice = z.infer<typeof PrinterDevice>;
export type RealPrinterDevice = Extract<PrinterDevice, { adapter: 'serial' | 'tcp' | 'usb' }>;

const qrErrorLevel = z.enum(['L', 'M', 'Q', 'H']).default('M');

const ticketDefaults = {
  showName: 'masked' as const,
  qrErrorLevel: 'M' as const,
  privacyNote: {
    'zh-CN': '本凭条仅用于排队叫号，姓名已隐去部分，请妥善保管，勿随意丢弃。',
    en: 'This ticket is only for calling your number; your name is partly hidden. Please keep it.',
  },
};

const receiptDefaults = {
  qrErrorLevel: 'M' as const,
  privacyNote: {
    'zh-CN': '本回执凭办件编号查询进度，个人信息已隐去部分，请妥善保管。',
    en: 'Use the case number on this receipt to follow your case; personal details are partly hidden.',
  },
};

export const Printing = z
  .object({
    logo: z
      .string()
      .min(1)
      .optional()
      .describe('An SVG or PNG file printed at the top of tickets and receipts (the hall emblem)'),
    logoWidthDots: z
      .number()
      .int()
      .min(8)
      .max(576)
      .multipleOf(8)
      .default(160)
      .describe('Logo width on paper, in dots (8 dots ≈ 1 mm)'),
    ticket: z
      .object({
        showName: z
          .enum(['masked', 'none'])
          .default('masked')
          .describe('masked: 张* on the ticket; none: no name at all'),
        qrErrorLevel: qrErrorLevel.describe('QR error correction: L, M, Q or H'),
        privacyNote: Note.default(ticketDefaults.privacyNote).describe('Footer privacy note'),
      })
      .strict()
      .default(ticketDefaults),
    receipt: z
      .object({
        qrErrorLevel,
        privacyNote: Note.default(receiptDefaults.privacyNote),
      })
      .strict()
      .default(receiptDefaults),
  })
  .strict()
  .default({ logoWidthDots: 160, ticket: ticketDefaults, receipt: receiptDefaults })
  .describe('What tickets and receipts say');
export type Printing = z.infer<typeof Printing>;
