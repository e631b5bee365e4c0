/**
 * Free text from a person (a pause reason, a rating's reference): what a screen, a slip or a
 * log can show as it is. Refused at the boundary, with the field named by zod's path: control
 * characters and NUL (newline only where a field is multi-line), bidirectional overrides and
 * isolates that make text read in another order than it is stored, markup brackets, and lone
 * surrogates that no encoder can write.
 */
import { z } from 'zod';

// Matching control characters is this pattern's purpose.
// eslint-disable-next-line no-control-regex
const controls = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F]/;
const newline = /\n/;
const bidi = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/;
const markup = /[<>]/;
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function freeText(options: { min?: number; max: number; multiline?: boolean }) {
  return z
    .string()
    .trim()
    .min(options.min ?? 1)
    .max(options.max)
    .refine((s) => !controls.test(s), 'control characters are not allowed')
    .refine((s) => options.multiline === true || !newline.test(s), 'one line only')
    .refine((s) => !bidi.test(s), 'direction overrides are not allowed')
    .refine((s) => !markup.test(s), '< and > are not allowed')
    .refine((s) => !loneSurrogate.test(s), 'the text is not valid Unicode');
}
