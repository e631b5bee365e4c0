/**
 * The one message catalogue, put together from a file per room (`catalogue/`). In each file
 * zh-CN is written first and defines the keys, and en is typed against it, so a missing (or
 * misspelled) key fails the type-check instead of showing a blank on the kiosk. Room files
 * may not share a key: `catalogue.test.ts` holds that. `{name}` placeholders are filled by
 * `translate`.
 */
import type { Language } from '../../../common/contract/contract.js';
import * as shell from './catalogue/shell.js';
import * as kiosk from './catalogue/kiosk.js';
import * as cases from './catalogue/case.js';
import * as counter from './catalogue/counter.js';
import * as display from './catalogue/display.js';
import * as technician from './catalogue/technician.js';

export const rooms = { shell, kiosk, cases, counter, display, technician } as const;

const zhCN = {
  ...shell.zhCN,
  ...kiosk.zhCN,
  ...cases.zhCN,
  ...counter.zhCN,
  ...display.zhCN,
  ...technician.zhCN,
};
export type MessageKey = keyof typeof zhCN;
export type Catalogue = { readonly [K in MessageKey]: string };

const en: Catalogue = {
  ...shell.en,
  ...kiosk.en,
  ...cases.en,
  ...counter.en,
  ...display.en,
  ...technician.en,
};

export const catalogues: Readonly<Record<Language, Catalogue>> = { 'zh-CN': zhCN, en };
