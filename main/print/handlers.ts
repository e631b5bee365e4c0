/**
 * The printer.* calls, and the one PrintService per core that tickets and receipts reach
 * through printServiceFor(deps).
 */
import type { PrinterPort } from '../../drivers/printer/port.js';
import type { DevicePort } from '../../drivers/ports.js';
import type { KioskConfig } from '../../kiosk-config/schema.js';
import type { Store } from '../store/store.js';
import type { Handlers } from '../../common/contract/call.js';
import { ContractError } from '../../common/contract/errors.js';
import { exampleReceipt, exampleTicket } from './examples.js';
import { loadLogo } from './logo.js';
import { createPrintService, PrintJobNotFound, type PrintService } from './service.js';
import {
  receiptDocument,
  testPageDocument,
  ticketDocument,
  type TemplateContext,
} from './templates.js';

export interface PrintingDeps {
  config: KioskConfig;
  store: Store;
  devices: DevicePort[];
  now?: () => Date;
  /** Tests may hand in their own service. */
  print?: PrintService;
}

const services = new WeakMap<Store, PrintService>();

/**
 * What the templates need from the config. A logo that cannot be read is left out (tickets
 * still print) and the reason goes to `logoError` for the log and `doctor printer`.
 */
export function templateContext(config: KioskConfig): TemplateContext & { logoError?: string } {
  const printer = config.devices.printer;
  const ctx: TemplateContext & { logoError?: string } = {
    hallName: config.hall.name,
    timezone: config.hall.timezone,
    paper: 'paper' in printer ? printer.paper : '80mm',
    printing: config.printing,
  };
  const file = config.printing.logo;
  if (file) {
    try {
      ctx.logo = loadLogo(file, config.printing.logoWidthDots);
    } catch (error) {
      ctx.logoError = `printing.logo ${file} cannot be used: ${(error as Error).message}`;
    }
  }
  return ctx;
}

/** Logs, at start, a logo the tickets will go without. */
export function warnAboutLogo(
  config: KioskConfig,
  log: { warn(o: object, m: string): void },
): void {
  const { logoError } = templateContext(config);
  if (logoError) log.warn({ logoError }, 'tickets print without the logo');
}

/** The core's PrintService: one per store (so per core), made on first use. */
export function printServiceFor(deps: PrintingDeps): PrintService {
  if (deps.print) return deps.print;
  let service = services.get(deps.store);
  if (!service) {
    const port = deps.devices.find((d) => d.kind === 'printer') as PrinterPort | undefined;
    if (!port || !('setBusy' in port)) throw new Error('no printer port among the devices');
    service = createPrintService({
      port,
      store: deps.store,
      context: templateContext(deps.config),
      now: deps.now,
      previews: deps.config.mode === 'demo',
    });
    services.set(deps.store, service);
  }
  return service;
}

type PrintingHandlers = Pick<
  Handlers,
  'printer.status' | 'printer.testPrint' | 'printer.preview' | 'printer.reprint' | 'printer.jobs'
>;

export function printingHandlers(deps: PrintingDeps): PrintingHandlers {
  const service = () => printServiceFor(deps);
  const jobs = deps.store.db.prepare(
    `SELECT id, kind, ref, outcome, stage, state, reprint_of AS reprintOf, created_at AS createdAt
     FROM print_job ORDER BY id DESC LIMIT ?`,
  );
  return {
    'printer.status': () => service().status(),
    'printer.testPrint': () => service().testPrint(),
    'printer.preview': ({ sample, language }) => {
      const ctx = service().context;
      const doc =
        sample === 'ticket'
          ? ticketDocument({ ...exampleTicket, language }, ctx)
          : sample === 'receipt'
            ? receiptDocument({ ...exampleReceipt, language }, ctx)
            : testPageDocument(ctx, service().status().adapter);
      const p = service().preview(doc);
      return { svg: p.svg, png: `data:image/png;base64,${p.png.toString('base64')}` };
    },
    'printer.reprint': async ({ jobId }) => {
      try {
        return await service().reprint(jobId);
      } catch (error) {
        if (!(error instanceof PrintJobNotFound)) throw error;
        throw new ContractError(
          'BAD_REQUEST',
          { 'zh-CN': `没有编号为 ${jobId} 的打印记录`, en: `There is no print job ${jobId}` },
          { action: { 'zh-CN': '请从打印记录中选择', en: 'Pick a job from the print list' } },
        );
      }
    },
    'printer.jobs': ({ limit }) => jobs.all(limit) as ReturnType<PrintingHandlers['printer.jobs']>,
  };
}

/** Logs each printer state change for the technician (state and detail only, no job data). */
export function logPrinterChanges(
  devices: DevicePort[],
  log: { info(o: object, m: string): void; warn(o: object, m: string): void },
): () => void {
  const port = devices.find((d) => d.kind === 'printer') as PrinterPort | undefined;
  if (!port?.printer) return () => undefined;
  return port.printer.onChange((s) => {
    const entry = { printer: port.printer!.name, state: s.state, detail: s.detail };
    if (s.state === 'online' || s.state === 'paperNearEnd') log.info(entry, 'printer status');
    else log.warn(entry, 'printer status');
  });
}
