/** The contract's case, catalog, rating and outbox calls (composed by the core through module.ts). */
import type { Text } from '../../common/contract/contract.js';
import type { DeadLetterView, OutboxStatusView } from '../../common/contract/cases.js';
import { ContractError } from '../../common/contract/errors.js';
import type { Handlers } from '../../common/contract/call.js';
import type { CatalogCache } from '../catalog/catalog.js';
import type { Outbox } from '../outbox/outbox.js';
import type { LinkKind } from '../outbox/platform-link.js';
import type { PlatformClient } from '../platform/client.js';
import { actorOf, type Audit } from '../privacy/audit.js';
import type { Sealer } from '../privacy/sealer.js';
import type { Db } from '../store/store.js';
import { CaseInputError, type CaseService } from './cases.js';
import { buildReceipt, type ReceiptPrinter } from './receipt.js';
import { validIdNumber } from './text-rules.js';
import { createReceiptReprint } from './reprint.js';

export interface CaseHandlerDeps {
  db: Db;
  cases: CaseService;
  outbox: Outbox;
  catalog: CatalogCache;
  client: PlatformClient | null;
  link: () => LinkKind;
  printer: ReceiptPrinter;
  audit: Audit;
  sealer: Sealer;
  hallName: Text;
  now: () => number;
  // Demo mode sends a reprint's paper back as a preview (no printer there).
  demo?: boolean;
}

type CaseMethods =
  | 'catalog.list'
  | 'cases.submit'
  | 'cases.mine'
  | 'cases.receipt'
  | 'ratings.submit'
  | 'outbox.status'
  | 'outbox.deadLetters'
  | 'outbox.retry'
  | 'outbox.discard'
  | 'cases.printReceipt';

const badId: Text = {
  'zh-CN': '身份证号码无效，请重新读卡',
  en: 'the ID number is not valid; read the card again',
};

export function outboxStatusView(
  deps: Pick<CaseHandlerDeps, 'outbox' | 'db' | 'link'>,
): OutboxStatusView {
  const alerts = deps.db
    .prepare('SELECT COUNT(*) AS n FROM staff_alert WHERE cleared_at IS NULL')
    .get() as { n: number };
  return { ...deps.outbox.status(), openAlerts: alerts.n, platform: deps.link() };
}

export function createCaseHandlers(deps: CaseHandlerDeps): Pick<Handlers, CaseMethods> {
  const receiptBy = deps.db.prepare(
    `SELECT receipt_number AS receiptNumber, outbox_state AS state, platform_case_number AS platformCaseNumber
       FROM case_platform WHERE receipt_number = ?`,
  );
  const printAgain = createReceiptReprint({ ...deps, demo: deps.demo ?? false });
  return {
    'catalog.list': async () => {
      // A kiosk asking before the first sync finished waits for it rather than showing nothing.
      if (!deps.catalog.view().available) await deps.catalog.sync();
      return deps.catalog.view();
    },
    'cases.submit': async ({ serviceId, applicant, answers, consent }) => {
      const found = deps.catalog.service(serviceId);
      if (!found) {
        return {
          ok: false as const,
          problems: [
            {
              path: 'serviceId',
              message: { 'zh-CN': '没有这个事项，请重新选择', en: 'no such service; choose again' },
            },
          ],
        };
      }
      if (!found.form) {
        return {
          ok: false as const,
          problems: [
            {
              path: 'serviceId',
              message: {
                'zh-CN': '该事项的表单定义有误，暂不能自助申报，请到窗口办理',
                en: `this service's form is invalid (${found.problem}); apply at a counter`,
              },
            },
          ],
        };
      }
      let receiptNumber: string;
      let createdAt: string;
      try {
        ({ receiptNumber, createdAt } = deps.cases.submit({
          applicant,
          serviceId,
          form: found.form,
          answers,
          consent,
        }));
      } catch (error) {
        if (error instanceof CaseInputError) return { ok: false as const, problems: error.issues };
        throw error;
      }
      const printed = await deps.printer.printReceipt(
        buildReceipt({
          hallName: deps.hallName,
          receiptNumber,
          platformCaseNumber: null,
          serviceName: found.service.name,
          applicant,
          submittedAt: createdAt,
          timeLimitDays: found.service.timeLimitDays,
          materials: found.service.materials,
        }),
      );
      if (printed.ok) deps.cases.receiptPrinted(receiptNumber);
      return printed.ok
        ? { ok: true as const, receiptNumber, printed: true }
        : { ok: true as const, receiptNumber, printed: false, printProblem: printed.reason };
    },
    'cases.mine': async ({ idNumber }, ctx) => {
      if (!validIdNumber(idNumber)) throw new ContractError('BAD_REQUEST', badId);
      const reader = { actor: actorOf(ctx.caller), purpose: 'resident-self-query' };
      let live = false;
      if (deps.client) {
        const subjectIndex = deps.sealer.blindIndex(idNumber);
        try {
          for (const c of await deps.client.casesByIdNumber(idNumber))
            deps.cases.recordStatus(c.caseNumber, c.status);
          live = true;
          deps.audit.record({
            ...reader,
            subjectIndex,
            action: 'platform-case-query',
            result: 'ok',
          });
        } catch {
          deps.audit.record({
            ...reader,
            subjectIndex,
            action: 'platform-case-query',
            result: 'offline',
          });
        }
      }
      const rows = deps.cases.listForResident(idNumber, reader);
      const checks = rows
        .map((r) => r.statusCheckedAt)
        .filter((t): t is string => t !== null)
        .sort();
      const checkedAt = live ? new Date(deps.now()).toISOString() : (checks[0] ?? null);
      const names = new Map(deps.catalog.view().services.map((s) => [s.id, s.name]));
      return {
        live,
        checkedAt,
        ageSeconds: checkedAt
          ? Math.max(0, Math.floor((deps.now() - Date.parse(checkedAt)) / 1000))
          : null,
        cases: rows.map((r) => ({ ...r, serviceName: names.get(r.serviceId) ?? null })),
      };
    },
    'cases.receipt': ({ receiptNumber }) =>
      (receiptBy.get(receiptNumber) as
        | { receiptNumber: string; state: 'pending'; platformCaseNumber: string | null }
        | undefined) ?? null,
    'ratings.submit': ({ subject, level }) => {
      deps.cases.rate({ subject, level });
      return { ok: true as const };
    },
    'outbox.status': () => outboxStatusView(deps),
    // The outbox's rows are of the kinds this module enqueues (outbox-kinds.ts) and no other;
    // the dispatcher checks the answer against the contract all the same.
    'outbox.deadLetters': () => deps.outbox.deadLetters() as DeadLetterView[],
    'outbox.retry': ({ id }) => ({ ok: deps.outbox.retry(id) }),
    'outbox.discard': ({ id }, ctx) => {
      const ok = deps.outbox.discard(id);
      const entry = { actor: actorOf(ctx.caller), purpose: 'outbox', subjectIndex: '' };
      deps.audit.record({ ...entry, action: 'outbox-discard', result: `${id}:${ok}` });
      return { ok };
    },
    'cases.printReceipt': (request, ctx) => printAgain(request, ctx.caller),
  };
}
