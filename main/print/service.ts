/**
 * PrintService: the one seam the queue (tickets) and cases (receipts) print through.
 * Every job goes to the spool (print_job) first, then: status before, send, status after.
 * A job is 'printed' only when the printer confirmed it; the caller treats anything else as
 * "no paper in the resident's hand" (see docs/printing.md for the ticket rule).
 */
import type { PrintDocument } from '../../drivers/printer/escpos/document.js';
import { encodeDocument } from '../../drivers/printer/escpos/encode.js';
import type { RareRule } from '../../drivers/printer/escpos/rare.js';
import { bitsInWords, stateText, type PrinterState } from '../../drivers/printer/escpos/status.js';
import type { PrinterPort } from '../../drivers/printer/port.js';
import type { PrintOutcome, PrinterStatusView } from '../../common/contract/printing.js';
import type { Text } from '../../common/contract/contract.js';
import type { Store } from '../store/store.js';
import { preview, type Preview } from './preview.js';
import { rasterizeRareLines } from './raster-line.js';
import {
  receiptDocument,
  testPageDocument,
  ticketDocument,
  type ReceiptData,
  type TemplateContext,
  type TicketData,
} from './templates.js';

export type { PrintOutcome };
type Kind = 'ticket' | 'receipt' | 'test';

export interface PrintService {
  printTicket(data: TicketData): Promise<PrintOutcome>;
  printReceipt(data: ReceiptData): Promise<PrintOutcome>;
  testPrint(): Promise<PrintOutcome>;
  /** Prints a spooled job's document again (staff); the outcome is a new job. */
  reprint(jobId: number): Promise<PrintOutcome>;
  preview(doc: PrintDocument): Preview;
  status(): PrinterStatusView;
  readonly context: TemplateContext;
}

export class PrintJobNotFound extends Error {}

export interface PrintServiceDeps {
  port: PrinterPort;
  store: Store;
  context: TemplateContext;
  now?: () => Date;
  /**
   * Render a simulated printer's paper as a PNG (default true). Only the demo shows it, and a
   * render costs ~20 ms and native memory per slip, so a production core passes false.
   */
  previews?: boolean;
}

const actions: Record<'before' | 'sent', Text> = {
  before: {
    'zh-CN': '未能出票，号码未发出。请到服务台取号。',
    en: 'No ticket was printed and no number was taken. Please go to the service desk.',
  },
  sent: {
    'zh-CN': '凭条未能完整打印，此号作废。请到服务台，工作人员会为您补打。',
    en: 'The ticket did not print completely and that number is void. Please go to the service desk; staff will reprint it.',
  },
};

export function createPrintService(deps: PrintServiceDeps): PrintService {
  const { port, store, context } = deps;
  const now = deps.now ?? (() => new Date());
  const config = port.config;
  const rare: RareRule =
    'fontCoverage' in config
      ? { coverage: config.fontCoverage, extra: config.rareCharacters }
      : { coverage: 'gb18030', extra: '' };
  const db = store.db;
  const insert = db.prepare(
    `INSERT INTO print_job (kind, ref, document, outcome, reprint_of, created_at)
     VALUES (?, ?, ?, 'pending', ?, ?)`,
  );
  const finish = db.prepare(
    'UPDATE print_job SET outcome = ?, stage = ?, state = ?, finished_at = ? WHERE id = ?',
  );
  const load = db.prepare('SELECT kind, ref, document FROM print_job WHERE id = ?');

  async function run(
    kind: Kind,
    ref: string | null,
    doc: PrintDocument,
    reprintOf: number | null = null,
  ): Promise<PrintOutcome> {
    const jobId = Number(
      insert.run(kind, ref, JSON.stringify(doc), reprintOf, now().toISOString()).lastInsertRowid,
    );
    const done = (outcome: string, stage: string | null, state: string | null) =>
      finish.run(outcome, stage, state, now().toISOString(), jobId);

    if (!port.printer) {
      // Simulated (demo) or none: no paper; the demo shows the preview instead.
      const s = port.status();
      if (s.state !== 'ready') {
        const state: PrinterState = s.state === 'absent' ? 'unreachable' : 'offline';
        done('failed', 'before', state);
        return {
          ok: false,
          jobId,
          ref,
          state,
          stage: 'before',
          reason: s.message,
          action: actions.before,
        };
      }
      port.setBusy(true);
      try {
        const png = deps.previews === false ? null : preview(doc).png;
        done('previewed', null, 'online');
        return {
          ok: true,
          jobId,
          ref,
          simulated: true,
          ...(png ? { preview: `data:image/png;base64,${png.toString('base64')}` } : {}),
        };
      } finally {
        port.setBusy(false);
      }
    }

    const bytes = encodeDocument(rasterizeRareLines(doc, rare));
    port.setBusy(true);
    try {
      const result = await port.printer.print(bytes);
      if (result.ok) {
        done('printed', null, result.after.state);
        return { ok: true, jobId, ref, simulated: false };
      }
      const state = (result.after ?? result.before).state;
      done('failed', result.stage, state);
      return {
        ok: false,
        jobId,
        ref,
        state,
        stage: result.stage,
        reason: stateText[state],
        action: result.stage === 'before' ? actions.before : actions.sent,
      };
    } finally {
      port.setBusy(false);
    }
  }

  return {
    context,
    printTicket: (data) => {
      const doc = ticketDocument(data, context);
      return run('ticket', data.ticketId, doc);
    },
    printReceipt: (data) => run('receipt', data.caseId, receiptDocument(data, context)),
    testPrint: () => run('test', null, testPageDocument(context, port.status().adapter)),
    async reprint(jobId) {
      const row = load.get(jobId) as
        { kind: Kind; ref: string | null; document: string } | undefined;
      if (!row) throw new PrintJobNotFound(`print job ${jobId} does not exist`);
      return run(row.kind, row.ref, JSON.parse(row.document) as PrintDocument, jobId);
    },
    preview: (doc) => preview(doc),
    status() {
      const s = port.status();
      const snap = port.printer?.status();
      const state: PrinterState = snap
        ? snap.state
        : s.state === 'ready' || s.state === 'busy'
          ? 'online'
          : s.state === 'absent'
            ? 'unreachable'
            : 'offline';
      return {
        state,
        message: s.message,
        adapter: s.adapter,
        simulated: s.simulated,
        bits: snap?.bits ? bitsInWords(snap.bits) : [],
        ...(snap?.detail ? { detail: snap.detail } : {}),
        checkedAt: snap?.checkedAt ?? now().toISOString(),
      };
    },
  };
}
