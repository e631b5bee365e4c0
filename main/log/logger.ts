/**
 * Structured JSON logs (pino). Residents' data and secrets never reach a log line: known keys
 * are censored wherever they sit, and strings carry anything shaped like an ID number or a
 * mobile number only masked (the one mask policy), in case a message or an error text has one.
 */
import { pino, type DestinationStream, type Logger } from 'pino';
import { maskIdNumber, maskPhone } from '../../common/mask.js';

export type { Logger };

/** Keys whose values are personal data or secrets. */
export const redactedKeys = [
  'idNumber',
  'idNo',
  'name',
  'fullName',
  'phone',
  'mobile',
  'address',
  'birthDate',
  'token',
  'deviceToken',
  'accessToken',
  'authorization',
  'cookie',
  'password',
  'passphrase',
  'secret',
  'apiKey',
  'key',
  'privateKey',
];

const CENSOR = '[redacted]';
// 18-character ID numbers (last may be X), 15-digit legacy ones, and mainland mobiles.
const ID_OR_PHONE =
  /(?<![0-9])(?:[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])\d{2}\d{3}[\dXx]|[1-9]\d{14}|1[3-9]\d{9})(?![0-9])/g;

export function scrubText(text: string): string {
  return text.replace(ID_OR_PHONE, (found) =>
    found.length === 11 ? maskPhone(found) : maskIdNumber(found),
  );
}

// pino's fast-redact takes explicit paths; listing a few depths covers our nesting.
const paths = redactedKeys.flatMap((k) => [k, `*.${k}`, `*.*.${k}`, `*.*.*.${k}`]);

export function createLogger(
  options: { level?: string; destination?: DestinationStream } = {},
): Logger {
  return pino(
    {
      level: options.level ?? 'info',
      base: { app: 'hall-kiosk' },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths, censor: CENSOR },
      formatters: {
        log: (object) => scrubDeep(object) as Record<string, unknown>,
      },
      hooks: {
        logMethod(args, method) {
          // The message string (and any printf arguments) is scrubbed too.
          method.apply(
            this,
            args.map((a) => (typeof a === 'string' ? scrubText(a) : a)) as Parameters<
              typeof method
            >,
          );
        },
      },
    },
    options.destination ?? pino.destination({ dest: 1, sync: true }),
  );
}

function scrubDeep(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return scrubText(value);
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (value instanceof Error) {
    return {
      type: value.name,
      message: scrubText(value.message),
      stack: scrubText(value.stack ?? ''),
    };
  }
  if (Array.isArray(value)) return value.map((v) => scrubDeep(v, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrubDeep(v, depth + 1)]));
}
