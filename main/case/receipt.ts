/**
 * The case receipt and the seam to print it. The core plugs in its print service
 * (print-receipt.ts); without one the spool printer writes each receipt as a text file, as a
 * printer spool would. A receipt carries masked data only (张*, 1101**********002X).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Text } from '../../common/contract/contract.js';
import { maskIdNumber as maskId, maskName } from '../../common/mask.js';

export interface Receipt {
  hallName: Text;
  title: Text;
  receiptNumber: string;
  platformCaseNumber: string | null;
  serviceName: Text;
  applicantMasked: string;
  idNumberMasked: string;
  submittedAt: string;
  /** null: the service has left the catalog since (a reprint); the line is left out. */
  timeLimitDays: number | null;
  /** What the service asks for, from the catalog: the slip's 已收材料. */
  materials: Text[];
  /** Set on a second paper for the same case (补打): when it was printed. */
  reprintedAt?: string;
}

/** preview: a simulated printer's paper as a PNG data URL (demo mode shows it on screen). */
export type PrintResult = { ok: true; preview?: string } | { ok: false; reason: Text };

export interface ReceiptPrinter {
  printReceipt(receipt: Receipt): Promise<PrintResult>;
}

export function buildReceipt(input: {
  hallName: Text;
  receiptNumber: string;
  platformCaseNumber: string | null;
  serviceName: Text;
  applicant: { idNumber: string; name: string };
  submittedAt: string;
  timeLimitDays: number | null;
  materials?: Text[];
  reprintedAt?: string;
}): Receipt {
  return {
    hallName: input.hallName,
    title: { 'zh-CN': '自助申报回执', en: 'Case receipt' },
    receiptNumber: input.receiptNumber,
    platformCaseNumber: input.platformCaseNumber,
    serviceName: input.serviceName,
    applicantMasked: maskName(input.applicant.name),
    idNumberMasked: maskId(input.applicant.idNumber),
    submittedAt: input.submittedAt,
    timeLimitDays: input.timeLimitDays,
    materials: input.materials ?? [],
    ...(input.reprintedAt ? { reprintedAt: input.reprintedAt } : {}),
  };
}

export function receiptLines(r: Receipt): string[] {
  return [
    r.hallName['zh-CN'],
    r.title['zh-CN'],
    ...(r.reprintedAt ? [`补打 ${r.reprintedAt}`] : []),
    `回执号 ${r.receiptNumber}`,
    `平台办件号 ${r.platformCaseNumber ?? '待平台受理后查询'}`,
    `事项 ${r.serviceName['zh-CN']}`,
    `申请人 ${r.applicantMasked}  ${r.idNumberMasked}`,
    `提交时间 ${r.submittedAt}`,
    ...(r.timeLimitDays === null ? [] : [`承诺时限 ${r.timeLimitDays} 个工作日`]),
    ...r.materials.map((m, i) => `已收材料 ${i + 1}. ${m['zh-CN']}`),
  ];
}

/** Writes receipts to a spool folder (simulated printer). */
export function spoolReceiptPrinter(dir: string): ReceiptPrinter {
  return {
    printReceipt(receipt) {
      try {
        mkdirSync(dir, { recursive: true });
        writeFileSync(
          join(dir, `${receipt.receiptNumber}.txt`),
          receiptLines(receipt).join('\n') + '\n',
        );
        return Promise.resolve({ ok: true });
      } catch (error) {
        return Promise.resolve({
          ok: false,
          reason: {
            'zh-CN': '回执打印失败，请到窗口领取',
            en: `receipt not printed (${(error as Error).message}); ask at a counter`,
          },
        });
      }
    },
  };
}
