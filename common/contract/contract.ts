/**
 * The contract: every call (request → response) and every event between a UI and the core.
 *
 * This is the only module both sides share. The core registers one handler per call
 * (main/core/handlers.ts); the transports (Electron IPC, HTTP + WebSocket) validate every
 * payload against these schemas at their boundary; the renderer imports only the inferred
 * types, so zod never reaches the kiosk bundle.
 *
 * Pure: no I/O, no Node, no DOM.
 */
import type { Access, CallSpec } from './access.js';
import { z } from 'zod';
import { printingCalls } from './printing.js';
import { eventNameList, methodNames, type EventNameOf, type MethodName } from './names.js';
// identity: the one GB 11643 check, shared with the keypad
import { checkIdNumber } from '../identity/id-number.js';
import { queueCalls, queueEvents } from './queue.js';
import { hallLinkCalls, hallLinkEvents } from './hall-link.js'; // hall-link
import { caseCalls, caseEvents } from './cases.js';
import { Text } from '../text.js';
import type { ContractErrorBody, EventFrame } from './frames.js';

export { ipcChannels } from './names.js';
export {
  CallFrame,
  ContractErrorBody,
  EnvelopeFrame,
  ErrorCode,
  EventFrame,
  Issue,
  parseServerFrame,
  ResultFrame,
  ServerFrame,
} from './frames.js';

/** A message a person reads, in every language the kiosk speaks. */
export { Text };

export const Language = z.enum(['zh-CN', 'en']);
export type Language = z.infer<typeof Language>;

export const Role = z.enum(['hall-node', 'kiosk', 'counter', 'display']);
export type Role = z.infer<typeof Role>;

const noParams = z.object({}).strict();

/** storage: the disk under the data folder, which every ticket and case is written to. */
export const DeviceKind = z.enum(['idReader', 'cardReader', 'printer', 'hid', 'storage']);
export const DeviceStatus = z
  .object({
    kind: DeviceKind,
    adapter: z.string().max(40),
    /** ready: usable now; fault: present but cannot serve; absent: not configured or not found. */
    state: z.enum(['ready', 'busy', 'fault', 'absent']),
    simulated: z.boolean(),
    message: Text,
  })
  .strict();
export type DeviceStatus = z.infer<typeof DeviceStatus>;

export const Tile = z.enum(['ticket', 'caseQuery', 'guide', 'caseSubmit', 'rating']);
export type Tile = z.infer<typeof Tile>;

export const SystemInfo = z
  .object({
    product: z.literal('hall-kiosk'),
    version: z.string(),
    role: Role,
    demo: z.boolean(),
    /** The hall's id from the config (not secret): a member checks it joined its own hall. */
    hallId: z.string(),
    hallName: Text,
    /** The host's clock, ISO 8601, so a UI can notice a wrong kiosk clock. */
    serverTime: z.string(),
    runtime: z.enum(['electron', 'node']),
  })
  .strict();
export type SystemInfo = z.infer<typeof SystemInfo>;

export const KioskSettings = z
  .object({
    hallName: Text,
    /** The hall's IANA time zone: screens show hall time whatever the PC's zone is. */
    timeZone: z.string().min(1).max(64),
    demo: z.boolean(),
    defaultLanguage: Language,
    tiles: z.array(z.object({ id: Tile, enabled: z.boolean() }).strict()),
    idle: z
      .object({
        /** Seconds without a touch before the warning shows. */
        seconds: z.number().int().positive(),
        elderSeconds: z.number().int().positive(),
        /** How long the warning waits for "more time" before going home. */
        warnSeconds: z.number().int().positive(),
      })
      .strict(),
    elderModeDefault: z.boolean(),
  })
  .strict();
export type KioskSettings = z.infer<typeof KioskSettings>;

export const StoreHealth = z
  .object({
    integrity: z.string(),
    journalMode: z.string(),
    synchronous: z.enum(['OFF', 'NORMAL', 'FULL', 'EXTRA']),
    foreignKeys: z.boolean(),
    schemaVersion: z.number().int(),
  })
  .strict();
export type StoreHealth = z.infer<typeof StoreHealth>;

/** Where an identity came from. */
export const IdentitySource = z.enum(['id-card', 'social-security-card', 'manual', 'badge']);
export type IdentitySource = z.infer<typeof IdentitySource>;

/**
 * Who the resident is, as read from a card or typed on the keypad. Never logged, never on the
 * event bus; shown only masked. No photo is ever kept. The identity issue (3) owns this shape;
 * idNumber, name, birthDate, source and readAt are what the queue and case flows rely on.
 */
export const ResidentIdentity = z
  .object({
    /** GB 11643, 18 characters, upper-case X, with a right check character and birth date. */
    idNumber: z
      .string()
      .regex(/^\d{17}[\dX]$/)
      .refine(
        (v) => checkIdNumber(v).ok,
        'not a valid GB 11643 number (check character or birth date)',
      ),
    name: z.string().min(1).max(60).optional(),
    /** From the card, or from the ID number's 17th digit (odd = male). */
    sex: z.enum(['male', 'female', 'unknown', 'unspecified']).optional(),
    /** The nation's name (GB 3304), e.g. 汉. */
    nation: z.string().min(1).max(20).optional(),
    /** YYYY-MM-DD; from the card, or from digits 7–14 of the ID number. */
    birthDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    address: z.string().min(1).max(70).optional(),
    /** 签发机关 (ID card) or issuing institution (social-security card). */
    issuer: z.string().min(1).max(30).optional(),
    validFrom: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/)
      .optional(),
    /** YYYY-MM-DD, or 'long-term' (长期). */
    validTo: z.union([z.string().regex(/^\d{4}-\d{2}-\d{2}$/), z.literal('long-term')]).optional(),
    /** The social-security card's own number. */
    cardNumber: z.string().min(1).max(20).optional(),
    source: IdentitySource,
    readAt: z.string(),
  })
  .strict();
export type ResidentIdentity = z.infer<typeof ResidentIdentity>;

// ── identity ──
export const IdentityFault = z
  .object({
    code: z.enum([
      'invalid-id',
      'invalid-card',
      'expired',
      'unreadable',
      'card-removed',
      'locked-card',
      'no-reader',
      'timeout',
      'cancelled',
    ]),
    message: Text,
    action: z.optional(Text),
    /** For staff and logs, never shown to the resident: the device's own code (SW3=41). */
    detail: z.string().max(80).optional(),
  })
  .strict();
export type IdentityFault = z.infer<typeof IdentityFault>;

/** A read's answer, to the caller only: an identity, or why there is none. */
export const IdentityReadResult = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), identity: ResidentIdentity }).strict(),
  z.object({ ok: z.literal(false), fault: IdentityFault }).strict(),
]);
export type IdentityReadResult = z.infer<typeof IdentityReadResult>;

export const DemoResidentId = z.enum(['elder', 'minority', 'rare', 'expired', 'unreadable']);
export type DemoResidentId = z.infer<typeof DemoResidentId>;

export const CertificatesView = z
  .object({
    renewWithinDays: z.number().int(),
    certificates: z.array(
      z
        .object({
          field: z.enum(['clientCert', 'caFile']),
          file: z.string(),
          subject: z.string(),
          validTo: z.string(),
          daysLeft: z.number().int(),
          state: z.enum(['ok', 'expiring', 'expired', 'not-yet-valid']),
        })
        .strict(),
    ),
    /** One sentence each: a certificate due for renewal. */
    warnings: z.array(z.string()),
    /** One sentence each: what the host would refuse at its next start. */
    problems: z.array(z.string()),
  })
  .strict();

export const SessionEndReason = z.enum(['idle', 'cancel', 'done']);

/** The machine itself: what it is, its settings, its devices, the resident's session. */
const systemCalls = {
  'system.info': { access: 'anyone', request: noParams, response: SystemInfo },
  'system.ping': {
    access: 'anyone',
    request: z.object({ nonce: z.string().min(1).max(64) }).strict(),
    response: z.object({ nonce: z.string(), serverTime: z.string() }).strict(),
  },
  'kiosk.settings': { access: 'anyone', request: noParams, response: KioskSettings },
  /** The kiosk reports that it wiped a resident's session; the core drops anything it held for it. */
  'kiosk.endSession': {
    access: 'kiosk',
    request: z.object({ reason: SessionEndReason }).strict(),
    response: z.object({ endedAt: z.string() }).strict(),
  },
  'devices.status': {
    // Device states are not personal: staff and displays see the printer is out of paper too.
    access: 'display',
    request: noParams,
    response: z.array(DeviceStatus),
  },
} as const satisfies Record<string, CallSpec>;

/** What a technician reads on the maintenance page. */
const technicianCalls = {
  'technician.config': {
    access: 'technician',
    request: noParams,
    /** The effective config with every secret replaced by "******". */
    response: z.object({ source: z.string(), config: z.record(z.string(), z.unknown()) }).strict(),
  },
  'technician.store': { access: 'technician', request: noParams, response: StoreHealth },
  /** The platform's mutual-TLS certificates: days left, and what is due or wrong. */
  'technician.certificates': {
    access: 'technician',
    request: noParams,
    response: CertificatesView,
  },
  /** The newest audit rows (who did what, never whose data: the subject is left out). */
  'technician.audit': {
    access: 'technician',
    request: z.object({ limit: z.number().int().min(1).max(500).optional() }).strict(),
    response: z
      .object({
        keptDays: z.number().int(),
        rows: z.array(
          z
            .object({
              at: z.string(),
              actor: z.string(),
              purpose: z.string(),
              action: z.string(),
              result: z.string(),
            })
            .strict(),
        ),
      })
      .strict(),
  },
} as const satisfies Record<string, CallSpec>;

/** The card readers: the identity goes to the caller only. */
const identityCalls = {
  /**
   * Waits up to timeoutMs for a card on any configured reader and reads it. The identity goes
   * to this caller only (never the bus). Kiosk device only.
   */
  'identity.read': {
    access: 'local',
    request: z.object({ timeoutMs: z.number().int().min(200).max(8000) }).strict(),
    response: IdentityReadResult,
  },
  /** Ends a waiting identity.read with the fault 'cancelled'. Kiosk device only. */
  'identity.cancel': {
    access: 'local',
    request: noParams,
    response: z.object({ cancelled: z.number().int().nonnegative() }).strict(),
  },
  /** Demo mode: places a sample resident's card on the simulated reader (null: takes it off). */
  'identity.demoCard': {
    access: 'local',
    request: z.object({ card: DemoResidentId.nullable() }).strict(),
    response: z.object({ card: DemoResidentId.nullable() }).strict(),
  },
} as const satisfies Record<string, CallSpec>;

/**
 * The calls by channel, one capability each. A channel is how the calls are routed: a member
 * machine forwards the queue's channel to the hall node and answers the rest itself.
 */
export const channels = {
  system: systemCalls,
  technician: technicianCalls,
  identity: identityCalls,
  printing: printingCalls,
  queue: queueCalls,
  hallLink: hallLinkCalls,
  cases: caseCalls,
} as const;

/**
 * Every call: its request, its response and who may make it (access.ts). Add a call to its
 * channel and the compiler asks for its access level and its handler.
 */
export const calls = {
  ...systemCalls,
  ...technicianCalls,
  ...identityCalls,
  ...printingCalls,
  ...queueCalls,
  ...hallLinkCalls,
  ...caseCalls,
} as const;

/** Every event the core pushes to UIs. */
export const events = {
  'devices.changed': z.array(DeviceStatus),
  'system.notice': z.object({ code: z.string().max(64), message: Text }).strict(),

  // ── identity ──
  /** A card arrived or left a reader. Nothing personal: every UI receives bus events. */
  'identity.card': z
    .object({ device: z.enum(['idReader', 'cardReader']), present: z.boolean() })
    .strict(),

  // ── printing ──

  // ── queue ──
  ...queueEvents,
  ...hallLinkEvents,

  // ── cases, outbox ──
  ...caseEvents,
} as const;

/**
 * Where an event belongs and who may receive it, for every event (a missing one does not
 * compile). Scope: `hall` events are the hall node's, and a member machine relays them to its
 * own pages; `machine` events stay on the machine that raised them; `connection` events go
 * only to the one window or socket they concern. Audience: the access level a socket's caller
 * needs to receive it (the app's own window receives every event).
 */
export interface EventSpec {
  scope: 'hall' | 'machine' | 'connection';
  audience: Access;
}

export const eventSpecs: { readonly [E in keyof typeof events]: EventSpec } = {
  'devices.changed': { scope: 'machine', audience: 'anyone' },
  'system.notice': { scope: 'machine', audience: 'anyone' },
  // Nothing personal: whether a card is on a reader.
  'identity.card': { scope: 'machine', audience: 'anyone' },
  // The hall's queue: every device and staff member, never an anonymous page.
  'queue.changed': { scope: 'hall', audience: 'display' },
  'session.ended': { scope: 'connection', audience: 'staff' },
  'hallLink.changed': { scope: 'machine', audience: 'anyone' },
  'outbox.changed': { scope: 'machine', audience: 'anyone' },
  'outbox.alert': { scope: 'machine', audience: 'anyone' },
  'cases.changed': { scope: 'machine', audience: 'anyone' },
};

export type Calls = typeof calls;
export type Method = keyof Calls;
export type Events = typeof events;
export type EventName = keyof Events;
export type Request<M extends Method> = z.input<Calls[M]['request']>;
export type Response<M extends Method> = z.output<Calls[M]['response']>;
export type EventData<E extends EventName> = z.output<Events[E]>;

export const methods: readonly Method[] = methodNames;
export const eventNames: readonly EventName[] = eventNameList;

// names.ts must list exactly these calls and events: a mismatch fails to compile here.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const namesMatchContract: [Same<Method, MethodName>, Same<EventName, EventNameOf>] = [
  true,
  true,
];

export function isMethod(name: unknown): name is Method {
  return typeof name === 'string' && Object.hasOwn(calls, name);
}

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.hasOwn(events, name);
}

/** What a transport returns for one call: the result, or a typed error. */
export type Envelope<M extends Method = Method> =
  { ok: true; result: Response<M> } | { ok: false; error: ContractErrorBody };

/** An event frame's data checked against that event's own schema; null when it does not fit. */
export function checkedEvent(frame: EventFrame): { event: EventName; data: unknown } | null {
  if (!isEventName(frame.event)) return null;
  const data = events[frame.event].safeParse(frame.data);
  return data.success ? { event: frame.event, data: data.data } : null;
}
