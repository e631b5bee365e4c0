/**
 * `kiosk-config doctor printer`: asks the printer for its status (each bit in words), prints a
 * test page and checks it came out. The config's printer is used unless --serial, --tcp or
 * --usb names another; --preview FILE.png writes the test page as an image too.
 */
import { writeFileSync } from 'node:fs';
import { encodeDocument } from '../../../drivers/printer/escpos/encode.js';
import { bitsInWords, stateText } from '../../../drivers/printer/escpos/status.js';
import { createPrinter } from '../../../drivers/printer/printer.js';
import { createLink } from '../../../drivers/printer/port.js';
import { templateContext } from '../../print/handlers.js';
import { preview } from '../../print/preview.js';
import { rasterizeRareLines } from '../../print/raster-line.js';
import { fontHasGlyph } from '../../print/svg.js';
import { testPageDocument } from '../../print/templates.js';
import { demoConfig } from '../../../kiosk-config/defaults.js';
import { ConfigError, loadConfigFile } from '../../../kiosk-config/load.js';
import { PrinterDevice, type RealPrinterDevice } from '../../../kiosk-config/printer.js';
import type { KioskConfig } from '../../../kiosk-config/schema.js';

export const doctorPrinterUsage =
  'usage: kiosk-config doctor printer [--config FILE] [--serial PATH [--baud N] | --tcp HOST:PORT | --usb PATH]\n' +
  '                                   [--preview FILE.png] [--no-print]';

interface Options {
  config?: string;
  serial?: string;
  baud?: string;
  tcp?: string;
  usb?: string;
  preview?: string;
  print: boolean;
}

function parseArgs(args: string[]): Options | string {
  const o: Options = { print: true };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--no-print') {
      o.print = false;
      continue;
    }
    const key = a.replace(/^--/, '') as keyof Options;
    if (
      !['config', 'serial', 'baud', 'tcp', 'usb', 'preview'].includes(key) ||
      !a.startsWith('--')
    ) {
      return `unknown option ${a}`;
    }
    const value = args[++i];
    if (!value) return `${a} needs a value`;
    (o as unknown as Record<string, string>)[key] = value;
  }
  return o;
}

function printerFrom(o: Options, config: KioskConfig): PrinterDevice {
  const keep = config.devices.printer;
  const paper = 'paper' in keep ? keep.paper : '80mm';
  if (o.tcp) {
    const m = /^(.+):(\d{1,5})$/.exec(o.tcp);
    const host = m ? m[1] : o.tcp;
    return PrinterDevice.parse({ adapter: 'tcp', host, port: m ? Number(m[2]) : 9100, paper });
  }
  if (o.serial) {
    const baudRate = o.baud ? Number(o.baud) : 9600;
    return PrinterDevice.parse({ adapter: 'serial', path: o.serial, baudRate, paper });
  }
  if (o.usb) return PrinterDevice.parse({ adapter: 'usb', path: o.usb, paper });
  return keep;
}

export async function doctorPrinter(
  args: string[],
  out: (s: string) => void,
  err: (s: string) => void,
): Promise<number> {
  const o = parseArgs(args);
  if (typeof o === 'string') {
    err(`${o}\n${doctorPrinterUsage}`);
    return 64;
  }
  let config: KioskConfig;
  try {
    config = o.config ? loadConfigFile(o.config).config : demoConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    err(error.message);
    return 2;
  }
  let device: PrinterDevice;
  try {
    device = printerFrom(o, config);
  } catch (error) {
    err(`bad printer option: ${(error as Error).message}\n${doctorPrinterUsage}`);
    return 64;
  }
  const ctx = {
    ...templateContext(config),
    paper: 'paper' in device ? device.paper : '80mm',
  } as const;
  const page = testPageDocument(ctx, device.adapter);
  if (o.preview) {
    writeFileSync(o.preview, preview(page).png);
    out(`preview: wrote ${o.preview}`);
  }
  if (device.adapter === 'simulated' || device.adapter === 'none') {
    out(
      `printer: ${device.adapter} (the config has no real printer; use --serial, --tcp or --usb)`,
    );
    return device.adapter === 'none' ? 1 : 0;
  }
  return checkReal(device, page, o.print, out);
}

async function checkReal(
  device: RealPrinterDevice,
  page: ReturnType<typeof testPageDocument>,
  print: boolean,
  out: (s: string) => void,
): Promise<number> {
  const printer = createPrinter(createLink(device), {
    pollMs: 3_600_000,
    replyTimeoutMs: device.replyTimeoutMs,
    confirmDelayMs: device.confirmDelayMs,
  });
  try {
    out(`printer: ${printer.name}`);
    const s = await printer.refresh();
    out(`state: ${s.state} — ${stateText[s.state]['zh-CN']} / ${stateText[s.state].en}`);
    if (s.detail) out(`detail: ${s.detail}`);
    if (s.bits) {
      const words = bitsInWords(s.bits);
      out(`status bits: ${words.length ? words.join('; ') : 'none set (all clear)'}`);
    }
    if (!print) return s.state === 'online' ? 0 : 1;
    const rule = { coverage: device.fontCoverage, extra: device.rareCharacters };
    const lacking = [...new Set(device.rareCharacters)].filter((ch) => !fontHasGlyph(ch));
    if (lacking.length > 0) {
      out(`note: our font lacks ${lacking.join(' ')} too; lines with them print as text`);
    }
    const result = await printer.print(encodeDocument(rasterizeRareLines(page, rule)));
    if (result.ok) {
      out(`test page: printed and confirmed (status after: ${result.after.state})`);
      return 0;
    }
    const at = result.after ?? result.before;
    const when = result.stage === 'before' ? 'not sent' : `sent, not confirmed (${result.stage})`;
    out(`test page: ${when} — ${stateText[at.state].en}`);
    return 1;
  } finally {
    await printer.close();
  }
}
