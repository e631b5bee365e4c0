import type { Language, Text } from '../../../common/contract/contract.js';
import { catalogues, type MessageKey } from './messages.js';

export type { MessageKey } from './messages.js';
export type Params = Readonly<Record<string, string | number>>;

/** The message in `language`, with `{name}` placeholders filled from `params`. */
export function translate(language: Language, key: MessageKey, params?: Params): string {
  const template = catalogues[language][key];
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/** A message the core sent (device messages, errors) in the page's language. */
export function pickText(language: Language, text: Text): string {
  return text[language];
}
