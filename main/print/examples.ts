/**
 * Example ticket and receipt (made-up data) for the docs' preview PNGs, the technician's test
 * page and the bench. `npx tsx main/print/examples.ts docs/printing` rewrites the PNGs.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Printing } from '../../kiosk-config/printer.js';
import { preview } from './preview.js';
import {
  receiptDocument,
  ticketDocument,
  type ReceiptData,
  type TemplateContext,
  type TicketData,
} from './templates.js';

export const exampleContext: TemplateContext = {
  hallName: { 'zh-CN': '示范街道便民服务中心', en: 'Demo Street-Office Service Hall' },
  timezone: 'Asia/Shanghai',
  paper: '80mm',
  printing: Printing.parse(undefined),
};

export const exampleTicket: TicketData = {
  ticketId: '20261128-A023',
  checkCode: '7F3A',
  number: 'A023',
  service: { 'zh-CN': '社保医保业务', en: 'Social and medical insurance' },
  peopleAhead: 3,
  issuedAt: '2026-11-28T01:05:00Z',
  name: '张三丰',
  language: 'zh-CN',
};

export const exampleReceipt: ReceiptData = {
  caseId: 'SQ-20261128-0007',
  checkCode: 'K9D2',
  service: { 'zh-CN': '居住证申领', en: 'Residence permit application' },
  submittedAt: '2026-11-28T02:30:00Z',
  name: '李小红',
  items: ['身份证复印件', '租房合同', '一寸照片两张'],
  next: {
    'zh-CN': '预计 5 个工作日办结，可凭回执号查询进度。',
    en: 'Expected in 5 working days; look up progress with the case number.',
  },
  language: 'zh-CN',
};

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const dir = process.argv[2] ?? 'docs/printing';
  writeFileSync(
    join(dir, 'ticket-zh-CN.png'),
    preview(ticketDocument(exampleTicket, exampleContext)).png,
  );
  writeFileSync(
    join(dir, 'receipt-zh-CN.png'),
    preview(receiptDocument(exampleReceipt, exampleContext)).png,
  );
  console.log(`wrote ${dir}/ticket-zh-CN.png and ${dir}/receipt-zh-CN.png`);
}
