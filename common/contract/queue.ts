/**
 * The queue's part of the contract: calls and events for kiosks (取号), counters
 * (叫号 …), displays and the report. The queue channel of contract.ts. Pure zod.
 */
import type { CallSpec } from './access.js';
import { z } from 'zod';
import { freeText } from './free-text.js';

const TextSchema = z.object({ 'zh-CN': z.string(), en: z.string() }).strict();
const Id = z.string().regex(/^[a-z0-9-]{1,32}$/);
const TicketId = z.number().int().min(1).max(1_000_000);
const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const Iso = z.string();
const noParams = z.object({}).strict();

export const PriorityReason = z.enum(['elder', 'green', 'disability']);
export const StaffRole = z.enum(['staff', 'manager', 'technician']);

export const TicketView = z
  .object({
    id: TicketId,
    number: z.string(),
    serviceId: z.string(),
    state: z.enum([
      'reserved',
      'waiting',
      'called',
      'serving',
      'done',
      'noShow',
      'cancelled',
      'voided',
    ]),
    priority: z.array(PriorityReason),
    arrivedAt: Iso,
    calledAt: Iso.nullable(),
    recalls: z.number().int(),
    transfers: z.number().int(),
    counterId: z.string().nullable(),
    /** A checked-in appointment's slot start (the counter marks it 预约). */
    appointmentAt: Iso.nullable().optional(),
  })
  .strict();
export type TicketView = z.infer<typeof TicketView>;

export const ServiceQueueView = z
  .object({
    id: z.string(),
    prefix: z.string(),
    name: TextSchema,
    status: z.enum(['open', 'closed', 'full']),
    waiting: z.number().int(),
    estimatedWaitMinutes: z.number().int(),
  })
  .strict();
export type ServiceQueueView = z.infer<typeof ServiceQueueView>;

export const CallView = z
  .object({
    seq: z.number().int(),
    number: z.string(),
    counterNumber: z.number().int(),
    at: Iso,
    recall: z.boolean(),
  })
  .strict();
export type CallView = z.infer<typeof CallView>;

export const HallView = z
  .object({
    day: Day,
    hallName: TextSchema,
    /** The hall's IANA time zone: the display's clock shows hall time whatever the PC says. */
    timeZone: z.string().min(1).max(64),
    serverTime: Iso,
    seq: z.number().int(),
    services: z.array(ServiceQueueView),
    counters: z.array(
      z
        .object({
          id: z.string(),
          number: z.number().int(),
          state: z.enum(['closed', 'open', 'paused', 'busy']),
          current: z.string().nullable(),
        })
        .strict(),
    ),
    recentCalls: z.array(CallView),
    display: z.object({ calls: z.number().int(), voiceRepeat: z.number().int() }).strict(),
  })
  .strict();
export type HallView = z.infer<typeof HallView>;

export const FigureRow = z
  .object({
    key: z.string(),
    issued: z.number().int(),
    called: z.number().int(),
    done: z.number().int(),
    noShow: z.number().int(),
    transferred: z.number().int(),
    waitAvgSeconds: z.number().int(),
    walkAvgSeconds: z.number().int(),
    serviceAvgSeconds: z.number().int(),
    idleSeconds: z.number().int(),
    noShowRate: z.number(),
    transferRate: z.number(),
  })
  .strict();
export type FigureRow = z.infer<typeof FigureRow>;

export const Figures = z
  .object({
    day: Day,
    hall: FigureRow,
    services: z.array(FigureRow),
    counters: z.array(FigureRow),
    days: z.array(Day),
  })
  .strict();
export type Figures = z.infer<typeof Figures>;

export const CounterView = z
  .object({
    counter: z
      .object({
        id: z.string(),
        number: z.number().int(),
        services: z.array(z.string()),
        pausedReason: z.string().nullable(),
      })
      .strict(),
    staff: z.object({ id: z.string(), name: z.string(), role: StaffRole }).strict(),
    current: TicketView.nullable(),
    waiting: z.array(
      z
        .object({
          serviceId: z.string(),
          name: TextSchema,
          count: z.number().int(),
          tickets: z.array(TicketView),
        })
        .strict(),
    ),
    figures: FigureRow,
    targets: z
      .object({
        services: z.array(z.object({ id: z.string(), name: TextSchema }).strict()),
        counters: z.array(z.object({ id: z.string(), number: z.number().int() }).strict()),
      })
      .strict(),
    recall: z
      .object({
        cooldownSeconds: z.number().int(),
        max: z.number().int(),
        noShowAfter: z.number().int(),
      })
      .strict(),
  })
  .strict();
export type CounterView = z.infer<typeof CounterView>;

export const IssuedTicket = z
  .object({
    ticketId: TicketId,
    number: z.string(),
    service: TextSchema,
    state: z.enum(['reserved', 'waiting']),
    issuedAt: Iso,
    ahead: z.number().int(),
    estimatedWaitMinutes: z.number().int(),
    priority: z.array(PriorityReason),
    /** Demo mode only: the slip as a PNG data URL, shown on screen instead of paper. */
    preview: z
      .string()
      .regex(/^data:image\/png;base64,[A-Za-z0-9+/=]+$/)
      .optional(),
    /** queue.reserve only: the slip's QR check code under the hall's key, for a member kiosk. */
    checkCode: z
      .string()
      .regex(/^[0-9a-f]{8}$/)
      .optional(),
  })
  .strict();
export type IssuedTicket = z.infer<typeof IssuedTicket>;

const IssueRequest = z
  .object({
    serviceId: Id,
    /**
     * Sent by older pages and ignored: the core takes the birth date from the card its own
     * reader read, or from `idNumber`.
     */
    birthDate: Day.optional(),
    /**
     * An ID number the resident typed on the kiosk's keypad (no card read): the core checks it
     * and reads only its birth date, for the age rule. Never stored, never forwarded.
     */
    idNumber: z.string().max(40).optional(),
    /**
     * Accepted from older kiosks but refused: only 预约签到 (queue.checkIn) puts an
     * appointment's time on a ticket, from the hall's appointment book.
     */
    appointmentAt: z.iso.datetime({ offset: true }).optional(),
  })
  .strict();

const AppointmentId = z.string().regex(/^[A-Za-z0-9-]{1,40}$/);

export const AppointmentView = z
  .object({
    id: z.string(),
    serviceId: z.string(),
    /** The hall's name for the service; null when this hall has no such queue service. */
    service: TextSchema.nullable(),
    slotStart: Iso,
    slotEnd: Iso,
    /** The resident's name masked (张*): the screen never shows it in full. */
    name: z.string(),
    state: z.enum(['booked', 'cancelled', 'checkedIn']),
    /** Where check-in stands now: open, too early, too late, or closed (cancelled, checked in). */
    window: z.enum(['open', 'early', 'late', 'closed']),
    /** When check-in opens (early) and closes, ISO. */
    opensAt: Iso,
    closesAt: Iso,
    ticketNumber: z.string().nullable(),
  })
  .strict();
export type AppointmentView = z.infer<typeof AppointmentView>;

export const AppointmentsView = z
  .object({
    day: Day,
    /** true: the list was fetched from the platform just now; false: the cached copy. */
    live: z.boolean(),
    syncedAt: Iso.nullable(),
    /** Seconds since the list was fetched; the kiosk shows it when not live. */
    ageSeconds: z.number().int().nullable(),
    appointments: z.array(AppointmentView),
  })
  .strict();
export type AppointmentsView = z.infer<typeof AppointmentsView>;

export const CheckInRefusal = z.enum([
  'unknown',
  'notYours',
  'notToday',
  'cancelled',
  'checkedIn',
  'early',
  'late',
  'noService',
]);
export type CheckInRefusal = z.infer<typeof CheckInRefusal>;

export const CheckInResult = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), ticket: IssuedTicket, appointment: AppointmentView }).strict(),
  z
    .object({
      ok: z.literal(false),
      reason: CheckInRefusal,
      message: TextSchema,
      /** early: when to come back (check-in opens), ISO. */
      comeBackAt: Iso.nullable(),
      /** late or none today: the service a normal ticket may be taken for. */
      normalServiceId: z.string().nullable(),
    })
    .strict(),
]);
export type CheckInResult = z.infer<typeof CheckInResult>;

const ticketAction = z.object({ ticketId: TicketId }).strict();
const counterResult = CounterView;

export const queueCalls = {
  /** A device (kiosk, display) or a staff session presents its token on this WebSocket. */
  'queue.authenticate': {
    access: 'anyone',
    request: z.object({ token: z.string().min(16).max(512) }).strict(),
    response: z
      .object({
        kind: z.enum(['device', 'staff']),
        id: z.string(),
        role: z.string(),
        counterId: z.string().nullable(),
      })
      .strict(),
  },
  /**
   * Staff sign in at a counter by password, or by badge UID: alone only when this machine's
   * own reader read it (the app's window, or a member's core with its device token), else
   * with the staff member's PIN.
   */
  'queue.login': {
    access: 'anyone',
    request: z
      .object({
        counterId: Id,
        staffId: Id.optional(),
        password: z.string().min(1).max(128).optional(),
        badgeUid: z
          .string()
          .regex(/^[0-9A-Fa-f]{8,20}$/)
          .optional(),
        pin: z
          .string()
          .regex(/^\d{4,12}$/, 'digits, 4 to 12')
          .optional(),
      })
      .strict()
      .refine((r) => (r.password !== undefined) !== (r.badgeUid !== undefined), {
        message: 'give either password (with staffId) or badgeUid',
      })
      .refine((r) => r.pin === undefined || r.badgeUid !== undefined, {
        message: 'a PIN goes with badgeUid',
        path: ['pin'],
      })
      .refine((r) => r.password === undefined || r.staffId !== undefined, {
        message: 'a password login needs staffId',
        path: ['staffId'],
      }),
    response: z
      .object({
        token: z.string(),
        expiresAt: Iso,
        staff: z.object({ id: z.string(), name: z.string(), role: StaffRole }).strict(),
        counterId: z.string(),
      })
      .strict(),
  },
  'queue.logout': {
    access: 'staff',
    request: noParams,
    response: z.object({ ok: z.literal(true) }).strict(),
  },
  /** Accounts locked after failed sign-ins, for the manager's console. */
  'queue.lockouts': {
    access: 'manager',
    request: noParams,
    response: z
      .object({
        accounts: z.array(
          z
            .object({
              staffId: z.string(),
              name: z.string().nullable(),
              until: Iso,
              locks: z.number().int(),
            })
            .strict(),
        ),
      })
      .strict(),
  },
  /** A manager lifts an account's lock (audited). */
  'queue.unlock': {
    access: 'manager',
    request: z.object({ staffId: Id }).strict(),
    response: z.object({ staffId: z.string(), unlocked: z.boolean() }).strict(),
  },
  'queue.services': {
    access: 'kiosk',
    request: noParams,
    response: z.object({ day: Day, services: z.array(ServiceQueueView) }).strict(),
  },
  /** 取号 on this machine: reserve, print through the ticket printer, confirm (or void). */
  'queue.issue': { access: 'kiosk', request: IssueRequest, response: IssuedTicket },
  /** 取号 from a kiosk that prints itself: reserve now, then queue.confirmPrint. */
  'queue.reserve': { access: 'kiosk', request: IssueRequest, response: IssuedTicket },
  'queue.confirmPrint': {
    access: 'kiosk',
    request: z
      .object({
        ticketId: TicketId,
        printed: z.boolean(),
        reason: freeText({ min: 0, max: 120 }).optional(),
        /** printed false: the job reached the printer, so the number is retired, not freed. */
        mayHavePrinted: z.boolean().optional(),
      })
      .strict(),
    response: z.object({ ticketId: TicketId, state: z.enum(['waiting', 'voided']) }).strict(),
  },
  'queue.snapshot': { access: 'display', request: noParams, response: HallView },
  'queue.counter': { access: 'staff', request: noParams, response: counterResult },
  'queue.call': {
    access: 'staff',
    request: z.object({ ticketId: TicketId.optional() }).strict(),
    response: counterResult,
  },
  'queue.recall': { access: 'staff', request: ticketAction, response: counterResult },
  'queue.start': { access: 'staff', request: ticketAction, response: counterResult },
  'queue.finish': { access: 'staff', request: ticketAction, response: counterResult },
  'queue.noShow': { access: 'staff', request: ticketAction, response: counterResult },
  'queue.transfer': {
    access: 'staff',
    request: z
      .object({ ticketId: TicketId, serviceId: Id.optional(), counterId: Id.optional() })
      .strict(),
    response: counterResult,
  },
  'queue.pause': {
    access: 'staff',
    request: z.object({ reason: freeText({ max: 60 }) }).strict(),
    response: counterResult,
  },
  'queue.resume': { access: 'staff', request: noParams, response: counterResult },
  'queue.setPriority': {
    access: 'staff',
    request: z.object({ ticketId: TicketId, flag: z.enum(['green', 'disability']) }).strict(),
    response: counterResult,
  },
  'queue.cancel': {
    access: 'manager',
    request: ticketAction,
    response: z.object({ ticketId: TicketId, state: z.literal('cancelled') }).strict(),
  },
  'queue.figures': {
    access: 'manager',
    request: z.object({ day: Day.optional() }).strict(),
    response: Figures,
  },
  'queue.figuresCsv': {
    access: 'manager',
    request: z.object({ day: Day.optional() }).strict(),
    response: z.object({ filename: z.string(), csv: z.string() }).strict(),
  },
  /**
   * The counter machine's own PC/SC reader: wait for a staff badge and give its UID, for
   * queue.login {badgeUid}. Local only (the app's own window), so no one reads a badge remotely.
   */
  'queue.readBadge': {
    access: 'local',
    request: noParams,
    response: z.object({ uid: z.string(), reader: z.string() }).strict(),
  },
  /** A counter checks a scanned ticket QR (T|ticketId|checkCode): real, made up, or old. */
  'queue.checkTicket': {
    access: 'service',
    request: z.object({ payload: z.string().trim().min(1).max(200) }).strict(),
    response: z
      .object({
        verdict: z.enum(['valid', 'forged', 'otherDay', 'malformed']),
        /** The ticket as this hall issued it (valid and otherDay only). */
        number: z.string().nullable(),
        day: Day.nullable(),
        state: TicketView.shape.state.nullable(),
        message: TextSchema,
      })
      .strict(),
  },
  /**
   * Enrol a kiosk or display: the token is shown once; only its hash is kept. An id already
   * enrolled is refused (CONFLICT) unless `replace` is true, which ends its old token.
   */
  'queue.enrollDevice': {
    access: 'technician',
    request: z
      .object({ id: Id, role: z.enum(['kiosk', 'display']), replace: z.boolean().optional() })
      .strict(),
    response: z.object({ id: z.string(), role: z.string(), token: z.string() }).strict(),
  },
  /** Revoke an enrolled device's token now (a lost or replaced kiosk); it may be enrolled again. */
  'queue.revokeDevice': {
    access: 'technician',
    request: z.object({ id: Id }).strict(),
    response: z.object({ id: z.string(), revoked: z.literal(true) }).strict(),
  },
  /** The identified resident's appointments today (预约), from the hall node's cache. */
  'queue.appointments': {
    // A resident's own appointments, at a kiosk only.
    access: 'kiosk',
    request: z.object({ idNumber: z.string().max(18) }).strict(),
    response: AppointmentsView,
  },
  /** 预约签到: check the appointment in and issue its ticket (printed like queue.issue). */
  'queue.checkIn': {
    access: 'kiosk',
    request: z
      .object({
        appointmentId: AppointmentId,
        idNumber: z.string().max(18),
        /**
         * A member kiosk prints the slip itself: the hall node only reserves the ticket (with
         * its check code, as queue.reserve) and the kiosk confirms with queue.confirmPrint.
         */
        reserveOnly: z.boolean().optional(),
      })
      .strict(),
    response: CheckInResult,
  },
} as const satisfies Record<string, CallSpec>;

export const QueueChange = z
  .object({
    /** The seq before this change: a client whose last seq differs missed something. */
    since: z.number().int(),
    seq: z.number().int(),
    cause: z
      .object({
        type: z.string(),
        number: z.string().nullable(),
        counterNumber: z.number().int().nullable(),
      })
      .strict(),
    view: HallView,
  })
  .strict();
export type QueueChange = z.infer<typeof QueueChange>;

export const queueEvents = {
  /** Anything in the hall changed; when `since` is not the last seq seen, call queue.snapshot. */
  'queue.changed': QueueChange,
  /** Sent only to the sockets of a staff session that ended: who ended it, and where. */
  'session.ended': z
    .object({
      reason: z.enum(['displaced', 'loggedOut', 'expired']),
      by: z.object({ id: z.string(), name: z.string() }).strict().nullable(),
      counterNumber: z.number().int().nullable(),
    })
    .strict(),
} as const;
