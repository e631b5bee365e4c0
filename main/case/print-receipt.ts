/**
 * Case receipts printed through the core's PrintService (status check, send, confirmation),
 * the same path as queue tickets. Only masked data reaches the paper and the print spool.
 */
import { createHmac } from 'node:crypto';
import type { PrintService } from '../print/service.js';
import type { ReceiptPrinter } from './receipt.js';

/** The slip's check code: an HMAC under the hall's own key, so a counter can trust the QR. */
export function receiptCheckCode(key: Buffer, receiptNumber: string, submittedAt: string): string {
  return createHmac('sha256', key)
    .update(`receipt|${receiptNumber}|${submittedAt}`)
    .digest('hex')
    .slice(0, 8);
}

export function printServiceReceiptPrinter(print: PrintService, key: Buffer): ReceiptPrinter {
  return {
    async printReceipt(r) {
      const caseNumber = r.platformCaseNumber;
      const outcome = await print.printReceipt({
        caseId: r.receiptNumber,
        checkCode: receiptCheckCode(key, r.receiptNumber, r.submittedAt),
        service: r.serviceName,
        submittedAt: r.submittedAt,
        // Already masked by buildReceipt; the template masks names again, which keeps 张*.
        name: r.applicantMasked,
        idNumber: r.idNumberMasked,
        ...(r.timeLimitDays === null ? {} : { timeLimitDays: r.timeLimitDays }),
        items: r.materials,
        next: caseNumber
          ? { 'zh-CN': `平台办件号 ${caseNumber}`, en: `Platform case number ${caseNumber}` }
          : {
              'zh-CN': '平台办件号待受理后生成，可凭回执号在“办件查询”中查看',
              en: 'The platform case number follows once accepted; look it up under Case status',
            },
        ...(r.reprintedAt ? { reprintedAt: r.reprintedAt } : {}),
      });
      if (!outcome.ok) return { ok: false, reason: outcome.reason };
      return outcome.preview ? { ok: true, preview: outcome.preview } : { ok: true };
    },
  };
}
