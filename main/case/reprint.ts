/**
 * A case receipt printed again for the resident it belongs to: with the platform case number
 * once the platform has given one, or as 补打 from 办件查询. The paper is marked 补打 with the
 * time when an earlier paper of it did come out (not when the first attempt found no paper),
 * carries masked data only, goes through the print service's confirmation, and every attempt
 * (printed, not printed, refused) leaves an audit row: it reads the sealed applicant.
 */
import type { Text } from '../../common/contract/contract.js';
import type { ReceiptPrintResponse } from '../../common/contract/cases.js';
import type { CatalogCache } from '../catalog/catalog.js';
import type { Audit } from '../privacy/audit.js';
import type { Sealer } from '../privacy/sealer.js';
import type { Db } from '../store/store.js';
import type { CaseService } from './cases.js';
import type { Caller } from '../../common/contract/call.js';
import { ContractError } from '../../common/contract/errors.js';
import { buildReceipt, type ReceiptPrinter } from './receipt.js';
import { openPersonal } from './case-body.js';
import { validIdNumber } from './text-rules.js';
import type { z } from 'zod';

export type ReprintWhy = 'with-case-number' | 'reprint';
type Reply = z.infer<typeof ReceiptPrintResponse>;

export interface ReceiptReprintDeps {
  db: Db;
  cases: Pick<CaseService, 'receiptPrinted'>;
  sealer: Sealer;
  audit: Audit;
  catalog: Pick<CatalogCache, 'service'>;
  printer: ReceiptPrinter;
  hallName: Text;
  now: () => number;
  /** Demo mode: the simulated printer's paper goes back to the kiosk as a preview. */
  demo: boolean;
}

const notYours: Text = {
  'zh-CN': '没有找到您的这张回执，请核对回执号，或到窗口咨询',
  en: 'no receipt with that number for you: check the number, or ask at a counter',
};

const badId: Text = {
  'zh-CN': '身份证号码无效，请重新读卡',
  en: 'the ID number is not valid; read the card again',
};

interface CaseRow {
  receiptNumber: string;
  serviceId: string;
  idIndex: string;
  personalEnc: Buffer | null;
  applicantEnc: Buffer | null;
  formEnc: Buffer | null;
  createdAt: string;
  platformCaseNumber: string | null;
  receiptsPrinted: number;
}

/** Who printed it, for the audit: the kiosk device (its enrolment id), or this machine. */
import { actorOf } from '../privacy/audit.js';

export { actorOf };

export function createReceiptReprint(deps: ReceiptReprintDeps) {
  const byNumber = deps.db.prepare(
    `SELECT receipt_number AS receiptNumber, service_id AS serviceId, id_index AS idIndex,
            personal_enc AS personalEnc, applicant_enc AS applicantEnc, form_enc AS formEnc,
            created_at AS createdAt,
            platform_case_number AS platformCaseNumber, receipts_printed AS receiptsPrinted
       FROM case_platform WHERE receipt_number = ?`,
  );

  return async function printAgain(
    request: { receiptNumber: string; idNumber: string; why: ReprintWhy },
    caller: Caller | undefined,
  ): Promise<Reply> {
    if (!validIdNumber(request.idNumber)) throw new ContractError('BAD_REQUEST', badId);
    const subjectIndex = deps.sealer.blindIndex(request.idNumber);
    const audit = (result: string) =>
      deps.audit.record({
        actor: actorOf(caller),
        purpose: request.why,
        subjectIndex,
        action: 'print-receipt',
        result,
      });
    const row = byNumber.get(request.receiptNumber) as CaseRow | undefined;
    // Someone else's receipt and no receipt at all look the same from the kiosk.
    if (!row || row.idIndex !== subjectIndex) {
      audit('refused:not-found');
      throw new ContractError('CONFLICT', notYours);
    }
    try {
      const { applicant } = openPersonal(deps.sealer, row);
      const found = deps.catalog.service(row.serviceId);
      const printed = await deps.printer.printReceipt(
        buildReceipt({
          hallName: deps.hallName,
          receiptNumber: row.receiptNumber,
          platformCaseNumber: row.platformCaseNumber,
          serviceName: found?.service.name ?? { 'zh-CN': row.serviceId, en: row.serviceId },
          applicant,
          submittedAt: row.createdAt,
          timeLimitDays: found?.service.timeLimitDays ?? null,
          materials: found?.service.materials ?? [],
          reprintedAt: row.receiptsPrinted > 0 ? new Date(deps.now()).toISOString() : undefined,
        }),
      );
      audit(printed.ok ? 'printed' : 'not-printed');
      if (printed.ok) deps.cases.receiptPrinted(row.receiptNumber);
      const base = {
        receiptNumber: row.receiptNumber,
        platformCaseNumber: row.platformCaseNumber,
      };
      if (!printed.ok) return { ...base, printed: false, printProblem: printed.reason };
      return deps.demo && printed.preview
        ? { ...base, printed: true, preview: printed.preview }
        : { ...base, printed: true };
    } catch (error) {
      audit('error');
      throw error;
    }
  };
}
