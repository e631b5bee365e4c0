/**
 * The kiosk config file: what a technician writes to provision a machine. Every field has a
 * default or a clear requirement; unknown keys are refused so a typo never passes silently.
 * `npx kiosk-config schema` emits this as JSON Schema (kiosk-config/schema.json) for editors.
 */
import { z } from 'zod';
import { Language, Role } from '../common/contract/contract.js';
import { PrinterDevice, Printing } from './printer.js';
import { QueueSection } from './queue.js';

const Name = z
  .object({
    'zh-CN': z.string().trim().min(1).max(60),
    en: z.string().trim().min(1).max(80),
  })
  .strict()
  .describe('A name in every language the kiosk speaks');

const simulatedOrNone = z
  .object({ adapter: z.enum(['simulated', 'none']) })
  .strict()
  .describe('simulated: demo devices; none: not fitted. Real adapters come with their drivers.');

// ── identity ──
const IdReader = z
  .discriminatedUnion('adapter', [
    simulatedOrNone,
    z
      .object({
        adapter: z.literal('sam-serial'),
        path: z
          .string()
          .min(1)
          .describe('Serial device of the SAM reader, e.g. /dev/ttyUSB0 or COM3'),
        baudRate: z.number().int().positive().default(115200),
        pollMs: z
          .number()
          .int()
          .min(100)
          .max(5000)
          .default(500)
          .describe('How often to look for a card'),
      })
      .strict(),
  ])
  .describe('Resident ID card reader: simulated, none, or a GA 467 SAM reader on a serial port');

const RecordRef = z
  .object({ file: z.enum(['EF05', 'EF06']), record: z.number().int().min(1).max(254) })
  .strict();
const SsseRecordMap = z
  .record(z.string().regex(/^\d\.\d{2}$/), z.record(z.string(), RecordRef))
  .describe(
    'Per spec version ("1.00", "2.00", "3.00"): field → {file, record}; overrides the defaults',
  );

const CardReader = z
  .discriminatedUnion('adapter', [
    simulatedOrNone,
    z
      .object({
        adapter: z.literal('pcsc'),
        reader: z
          .string()
          .min(1)
          .optional()
          .describe('Part of the PC/SC reader name to use; default: any'),
        ssseRecordMap: SsseRecordMap.optional(),
      })
      .strict(),
  ])
  .describe('Social-security card / staff badge reader: simulated, none, or PC/SC');

const seconds = (min: number, max: number, fallback: number) =>
  z.number().int().min(min).max(max).default(fallback);

const Idle = z
  .object({
    seconds: seconds(10, 900, 90).describe('No touch for this long → "more time?" warning'),
    elderSeconds: seconds(10, 1800, 180).describe('The same in elder mode (适老化): longer'),
    warnSeconds: seconds(1, 120, 20).describe('How long the warning waits before going home'),
  })
  .strict();

const Tiles = z
  .object({
    ticket: z.boolean().default(true).describe('取号'),
    caseQuery: z.boolean().default(true).describe('办件查询'),
    guide: z.boolean().default(true).describe('办事指南'),
    caseSubmit: z.boolean().default(true).describe('自助申报'),
    rating: z.boolean().default(true).describe('评价'),
  })
  .strict();

// ── cases, outbox ──
const Pin = z
  .string()
  .regex(/^[A-Za-z0-9+/]{43}=$/, 'a base64 SHA-256 of the server key (SPKI), 44 characters')
  .describe(
    'openssl x509 -pubkey -noout | openssl pkey -pubin -outform der | openssl dgst -sha256 -binary | base64',
  );

const Platform = z
  .object({
    url: z
      .url({ protocol: /^https$/ })
      .optional()
      .describe(
        'The city platform base URL (https). Unset: demo mode runs the simulator on loopback',
      ),
    clientCert: z.string().min(1).optional().describe("PEM file: this hall's client certificate"),
    clientKey: z.string().min(1).optional().describe('PEM file: its private key'),
    caFile: z
      .string()
      .min(1)
      .optional()
      .describe("PEM file: the CA that issued the platform's certificate"),
    pins: z
      .array(Pin)
      .max(4)
      .default([])
      .describe('The platform key pin and at least one backup pin'),
    signing: z
      .object({
        keyId: z.string().min(1).max(64),
        secret: z.string().min(16).max(256).describe('HMAC-SM3 signing secret; secret'),
      })
      .strict()
      .optional(),
    timeoutMs: z.number().int().min(500).max(60_000).default(10_000),
    backoff: z
      .object({
        baseMs: z.number().int().min(10).max(60_000).default(1_000),
        capMs: z.number().int().min(1_000).max(3_600_000).default(300_000),
      })
      .strict()
      .default({ baseMs: 1_000, capMs: 300_000 }),
    concurrency: z
      .number()
      .int()
      .min(1)
      .max(32)
      .default(4)
      .describe('Deliveries in flight at once'),
    catalogRefreshMinutes: z.number().int().min(1).max(1440).default(60),
  })
  .strict()
  .superRefine((p, ctx) => {
    if (!p.url) return;
    const need = (key: string, ok: boolean, message: string) => {
      if (!ok) ctx.addIssue({ code: 'custom', path: [key], message, input: undefined });
    };
    need('clientCert', !!p.clientCert, 'the platform uses mutual TLS: set clientCert');
    need('clientKey', !!p.clientKey, 'the platform uses mutual TLS: set clientKey');
    need('caFile', !!p.caFile, "set caFile: the CA of the platform's certificate");
    need('signing', !!p.signing, 'set signing.keyId and signing.secret');
    need('pins', p.pins.length >= 2, 'set the platform key pin and a backup pin (two or more)');
  });

// The background case-status refresh (hall node, with a platform).
const CaseStatusRefresh = z
  .object({
    intervalSeconds: z
      .number()
      .int()
      .min(5)
      .max(86_400)
      .default(600)
      .describe('How often open cases are checked with the platform (seconds)'),
    perRound: z
      .number()
      .int()
      .min(1)
      .max(500)
      .default(20)
      .describe('At most this many cases per round, the longest-unchecked first'),
    maxBackoffSeconds: z
      .number()
      .int()
      .min(5)
      .max(86_400)
      .default(7_200)
      .describe('While the platform is down the wait doubles each round, up to this (seconds)'),
  })
  .strict();

export const KioskConfig = z
  .object({
    $schema: z.string().optional().describe('Path to schema.json, for editor completion'),
    role: Role.default('hall-node').describe(
      'hall-node holds the hall queue (and may be a kiosk); kiosk, counter and display connect to it',
    ),
    mode: z.enum(['demo', 'production']).default('production'),
    hall: z
      .object({
        id: z
          .string()
          .regex(/^[a-z0-9][a-z0-9-]{2,39}$/, 'lower-case letters, digits and "-", 3–40 long'),
        name: Name,
        timezone: z.string().min(1).default('Asia/Shanghai'),
      })
      .strict(),
    hallNode: z
      .object({
        url: z.url({ protocol: /^https?$/ }).describe('The hall node this machine joins'),
        deviceToken: z
          .string()
          .min(16)
          .max(512)
          .optional()
          .describe('Issued at enrollment; secret'),
      })
      .strict()
      .optional(),
    lan: z
      .object({
        host: z.string().min(1).default('127.0.0.1').describe('0.0.0.0 to serve the hall LAN'),
        port: z.number().int().min(1).max(65535).default(8080),
        maxConnectionsPerAddress: z
          .number()
          .int()
          .min(1)
          .max(1000)
          .default(64)
          .describe('Open connections one address may hold (WebSockets and HTTP together)'),
        headersTimeoutSeconds: z
          .number()
          .int()
          .min(1)
          .max(60)
          .default(10)
          .describe('A request whose headers are not all in by then is cut'),
        requestTimeoutSeconds: z
          .number()
          .int()
          .min(1)
          .max(300)
          .default(20)
          .describe('A request whose body is not all in by then is cut'),
        ratePerAddress: z
          .object({
            perSecond: z.number().positive().max(100_000).default(100),
            burst: z.number().int().min(1).max(100_000).default(300),
          })
          .strict()
          .prefault({})
          .describe(
            "One bucket for all of an address's calls, over every socket and HTTP (queue.rateLimit is each client's own)",
          ),
      })
      .strict()
      .superRefine((lan, ctx) => {
        if (lan.requestTimeoutSeconds < lan.headersTimeoutSeconds) {
          ctx.addIssue({
            code: 'custom',
            path: ['requestTimeoutSeconds'],
            message: 'must be at least headersTimeoutSeconds',
            input: lan.requestTimeoutSeconds,
          });
        }
      })
      .prefault({}),
    kiosk: z
      .object({
        defaultLanguage: Language.default('zh-CN'),
        elderModeDefault: z.boolean().default(false),
        idle: Idle.default({ seconds: 90, elderSeconds: 180, warnSeconds: 20 }),
        tiles: Tiles.default({
          ticket: true,
          caseQuery: true,
          guide: true,
          caseSubmit: true,
          rating: true,
        }),
      })
      .strict()
      .default({
        defaultLanguage: 'zh-CN',
        elderModeDefault: false,
        idle: { seconds: 90, elderSeconds: 180, warnSeconds: 20 },
        tiles: { ticket: true, caseQuery: true, guide: true, caseSubmit: true, rating: true },
      }),
    devices: z
      .object({
        idReader: IdReader.default({ adapter: 'simulated' }),
        cardReader: CardReader.default({ adapter: 'simulated' }),
        printer: PrinterDevice.default({ adapter: 'simulated', paper: '80mm' }),
      })
      .strict()
      .default({
        idReader: { adapter: 'simulated' },
        cardReader: { adapter: 'simulated' },
        printer: { adapter: 'simulated', paper: '80mm' },
      }),
    // ── identity ──

    // ── printing ──
    printing: Printing,

    // ── queue ──
    queue: QueueSection.prefault({}).describe(
      'The hall queue (hall node): services, counters, calling rules, staff, enrolled devices',
    ),

    // ── cases, outbox ──
    platform: Platform.default({
      pins: [],
      timeoutMs: 10_000,
      backoff: { baseMs: 1_000, capMs: 300_000 },
      concurrency: 4,
      catalogRefreshMinutes: 60,
    }),
    privacy: z
      .object({
        retentionDays: z
          .number()
          .int()
          .min(1)
          .max(3650)
          .default(180)
          .describe('Cases are purged this many days after submission (once delivered)'),
        keyFile: z
          .string()
          .min(1)
          .optional()
          .describe("The headless host's 0600 data-key file; default <data>/data.key"),
      })
      .strict()
      .default({ retentionDays: 180 }),
    caseStatus: CaseStatusRefresh.prefault({}).describe(
      'Background refresh of case statuses from the platform (办件查询 stays current)',
    ),

    log: z
      .object({ level: z.enum(['fatal', 'error', 'warn', 'info', 'debug']).default('info') })
      .strict()
      .default({ level: 'info' }),
  })
  .strict()
  .superRefine((config, ctx) => {
    if (config.role !== 'hall-node' && !config.hallNode) {
      ctx.addIssue({
        code: 'custom',
        path: ['hallNode'],
        message: `a ${config.role} joins a hall node: set hallNode.url`,
        input: undefined,
      });
    }
    if (config.kiosk.idle.warnSeconds >= config.kiosk.idle.seconds) {
      ctx.addIssue({
        code: 'custom',
        path: ['kiosk', 'idle', 'warnSeconds'],
        message: 'the warning must be shorter than the idle time',
        input: config.kiosk.idle.warnSeconds,
      });
    }
  });

export type KioskConfig = z.output<typeof KioskConfig>;
export type KioskConfigInput = z.input<typeof KioskConfig>;

/** Keys whose values are secrets: never printed, never logged, masked in errors. */
export function isSecretKey(key: string | number | undefined): boolean {
  return (
    typeof key === 'string' &&
    /(token|secret|password|passphrase|apikey|privatekey|^pin|hashedpin|badgeuids)$/i.test(key)
  );
}

export function isSecretPath(path: (string | number)[]): boolean {
  return path.some(isSecretKey);
}

/** A deep copy with every secret replaced, for screens, logs and `kiosk-config show`. */
export function redactSecrets(value: unknown, key?: string | number): unknown {
  if (isSecretKey(key) && value !== undefined) return '******';
  if (Array.isArray(value)) return value.map((v, i) => redactSecrets(v, i));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactSecrets(v, k)]));
  }
  return value;
}

export function jsonSchema(): object {
  return z.toJSONSchema(KioskConfig, { io: 'input', unrepresentable: 'any' });
}
