/**
 * What a printer port needs to be told: which printer, over what, and how patiently to poll
 * it. The config file's `devices.printer` section has this shape; the driver states it in its
 * own words so it depends on no config module.
 */
import type { FontCoverage } from './escpos/rare.js';

export type PaperWidth = '58mm' | '80mm';

export interface PrinterTuning {
  paper: PaperWidth;
  pollSeconds: number;
  replyTimeoutMs: number;
  confirmDelayMs: number;
  autoStatus: boolean;
  fontCoverage: FontCoverage;
  rareCharacters: string;
}

export type RealPrinterOptions = PrinterTuning &
  (
    | { adapter: 'serial'; path: string; baudRate: number }
    | { adapter: 'tcp'; host: string; port: number }
    | { adapter: 'usb'; path: string }
  );

export type PrinterOptions =
  RealPrinterOptions | { adapter: 'simulated'; paper: PaperWidth } | { adapter: 'none' };
