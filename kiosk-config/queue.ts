/**
 * The hall queue's part of the config: services, counters, calling rules, staff
 * accounts and enrolled devices. Secrets are stored only as hashes: staff passwords as scrypt
 * (`scrypt$N$r$p$salt$hash`, made by `npx tsx scripts/queue-secret.ts password`), device
 * tokens as SHA-256 hex (the token itself is random and long, so a slow hash adds nothing).
 */
import { z } from 'zod';

const Name = z
  .object({
    'zh-CN': z.string().trim().min(1).max(30),
    en: z.string().trim().min(1).max(60),
  })
  .strict();

const Clock = z.string().regex(/^([01]\d|2[0-4]):[0-5]\d$/, 'HH:MM, 00:00–24:00');

const Hours = z
  .object({ from: Clock, to: Clock })
  .strict()
  .refine((h) => h.from < h.to, 'from must be before to')
  .describe('A span of the day in the hall timezone when tickets for a service are issued');

const Service = z
  .object({
    id: z.string().regex(/^[a-z0-9-]{1,24}$/),
    prefix: z.string().regex(/^[A-Z]$/, 'one capital letter'),
    name: Name,
    dailyCap: z.number().int().min(1).max(999).default(999),
    hours: z
      .array(Hours)
      .min(1)
      .default([{ from: '00:00', to: '24:00' }]),
    averageMinutes: z
      .number()
      .min(1)
      .max(240)
      .default(8)
      .describe('Estimated service time until today has its own figures'),
  })
  .strict();

const Counter = z
  .object({
    id: z.string().regex(/^[a-z0-9-]{1,24}$/),
    /** What the voice and the display call it: "3" → 请到 3 号窗口. */
    number: z.number().int().min(1).max(999),
    services: z.array(z.string()).min(1),
  })
  .strict();

const Staff = z
  .object({
    id: z.string().regex(/^[a-z0-9-]{1,32}$/),
    name: z.string().min(1).max(30),
    role: z.enum(['staff', 'manager', 'technician']).default('staff'),
    hashedPassword: z
      .string()
      .regex(/^scrypt\$\d+\$\d+\$\d+\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/)
      .optional(),
    badgeUids: z.array(z.string().regex(/^[0-9A-F]{8,20}$/, 'upper-case hex')).default([]),
    /**
     * The PIN that goes with a badge read by another machine's reader (scrypt, as passwords):
     * a badge UID alone is only a number anyone can type.
     */
    hashedPin: z
      .string()
      .regex(/^scrypt\$\d+\$\d+\$\d+\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/)
      .optional(),
  })
  .strict();

const Device = z
  .object({
    id: z.string().regex(/^[a-z0-9-]{1,32}$/),
    role: z.enum(['kiosk', 'display']),
    hashedToken: z.string().regex(/^[0-9a-f]{64}$/, 'SHA-256 hex of the token'),
  })
  .strict();

export const queueDefaults = {
  services: [
    {
      id: 'general',
      prefix: 'A',
      name: { 'zh-CN': '综合业务', en: 'General services' },
      dailyCap: 999,
      hours: [{ from: '00:00', to: '24:00' }],
      averageMinutes: 8,
    },
    {
      id: 'social',
      prefix: 'B',
      name: { 'zh-CN': '社保医保', en: 'Social insurance' },
      dailyCap: 999,
      hours: [{ from: '00:00', to: '24:00' }],
      averageMinutes: 10,
    },
  ],
  counters: [
    { id: 'c1', number: 1, services: ['general'] },
    { id: 'c2', number: 2, services: ['general', 'social'] },
    { id: 'c3', number: 3, services: ['social'] },
  ],
  ratio: { priority: 1, normal: 2 },
  elderAge: 70,
  recall: { cooldownSeconds: 20, max: 3 },
  noShowAfterRecalls: 3,
  reservationSeconds: 60,
  dailyResetHour: 4,
  display: { calls: 6, voiceRepeat: 2 },
  sessionHours: 12,
  rateLimit: { perSecond: 20, burst: 60 },
  staff: [],
  devices: [],
  metrics: {},
};

export const QueueSection = z
  .object({
    services: z.array(Service).min(1).default(queueDefaults.services),
    counters: z.array(Counter).min(1).default(queueDefaults.counters),
    ratio: z
      .object({
        priority: z.number().int().min(0).max(10),
        normal: z.number().int().min(0).max(10),
      })
      .strict()
      .refine((r) => r.priority + r.normal > 0, 'at least one side must be above 0')
      .default(queueDefaults.ratio)
      .describe('Priority : normal calls while both wait (1 : 2 = one elder, then two others)'),
    elderAge: z
      .number()
      .int()
      .min(50)
      .max(120)
      .default(70)
      .describe('Age for priority (老年人优先)'),
    recall: z
      .object({
        cooldownSeconds: z.number().int().min(0).max(600).default(20),
        max: z.number().int().min(0).max(10).default(3),
      })
      .strict()
      .default(queueDefaults.recall),
    noShowAfterRecalls: z
      .number()
      .int()
      .min(0)
      .max(10)
      .default(3)
      .describe('The next 重呼 after this many recalls marks 过号; 0: only by hand'),
    reservationSeconds: z
      .number()
      .int()
      .min(5)
      .max(600)
      .default(60)
      .describe(
        'A ticket whose print was not confirmed in this time is voided, its number retired',
      ),
    dailyResetHour: z
      .number()
      .int()
      .min(0)
      .max(23)
      .default(4)
      .describe('Local hour the queue day starts; tickets still open then are cancelled'),
    display: z
      .object({
        calls: z.number().int().min(1).max(20).default(6),
        voiceRepeat: z.number().int().min(1).max(5).default(2),
      })
      .strict()
      .default(queueDefaults.display),
    sessionHours: z.number().min(0.01).max(24).default(12).describe('Staff login lifetime'),
    rateLimit: z
      .object({
        perSecond: z.number().int().min(1).max(10_000).default(20),
        burst: z.number().int().min(1).max(100_000).default(60),
      })
      .strict()
      .default(queueDefaults.rateLimit)
      .describe('Calls per client (socket, or address + credential over HTTP)'),
    staff: z.array(Staff).default([]),
    devices: z.array(Device).default([]).describe('Kiosks and displays enrolled on this hall node'),
    metrics: z
      .object({
        hashedToken: z
          .string()
          .regex(/^[0-9a-f]{64}$/, 'SHA-256 hex of the token')
          .optional()
          .describe('The city monitoring sends this token as a Bearer; without it only loopback'),
      })
      .strict()
      .default({})
      .describe('Who may read /metrics'),
    appointments: z
      .object({
        earlyMinutes: z.number().int().min(0).max(240).default(30),
        lateMinutes: z.number().int().min(0).max(240).default(15),
        syncMinutes: z.number().int().min(1).max(240).default(5),
      })
      .strict()
      .default({ earlyMinutes: 30, lateMinutes: 15, syncMinutes: 5 })
      .describe(
        'Appointment check-in window around the slot start (minutes before, after) and how often the list is fetched',
      ),
  })
  .strict()
  .superRefine((q, ctx) => {
    const serviceIds = new Set(q.services.map((s) => s.id));
    unique(
      q.services.map((s) => s.id),
      ['services'],
      'service id',
      ctx,
    );
    unique(
      q.services.map((s) => s.prefix),
      ['services'],
      'ticket prefix',
      ctx,
    );
    unique(
      q.counters.map((c) => c.id),
      ['counters'],
      'counter id',
      ctx,
    );
    unique(
      q.counters.map((c) => c.number),
      ['counters'],
      'counter number',
      ctx,
    );
    unique(
      q.staff.map((s) => s.id),
      ['staff'],
      'staff id',
      ctx,
    );
    unique(
      q.staff.flatMap((s) => s.badgeUids),
      ['staff'],
      'badge UID',
      ctx,
    );
    q.counters.forEach((c, i) =>
      c.services.forEach((s, j) => {
        if (!serviceIds.has(s)) {
          ctx.addIssue({
            code: 'custom',
            path: ['counters', i, 'services', j],
            message: `no service has id "${s}"`,
            input: s,
          });
        }
      }),
    );
  });

function unique(values: unknown[], path: string[], what: string, ctx: z.RefinementCtx): void {
  const seen = new Set<unknown>();
  for (const v of values) {
    if (seen.has(v)) {
      ctx.addIssue({
        code: 'custom',
        path,
        message: `${what} ${String(v)} is used twice`,
        input: v,
      });
    }
    seen.add(v);
  }
}

export type QueueConfig = z.output<typeof QueueSection>;
export type ServiceConfig = QueueConfig['services'][number];
export type CounterConfig = QueueConfig['counters'][number];
export type StaffConfig = QueueConfig['staff'][number];

/** Demo accounts (passwords in docs/queue.md), added only by the embedded demo config. */
export const demoQueueAccounts = {
  staff: [
    {
      id: 'demo-staff',
      name: '演示窗口员',
      role: 'staff' as const,
      hashedPassword:
        'scrypt$16384$8$1$aGFsbC1kZW1vLXNhbHQtMQ==$c/nv0tqQrrNggysOjYe6ccxFwvju2BdYjbFEDqGDXVg=',
      badgeUids: ['04A1B2C3'],
    },
    {
      id: 'demo-manager',
      name: '演示值班长',
      role: 'manager' as const,
      hashedPassword:
        'scrypt$16384$8$1$aGFsbC1kZW1vLXNhbHQtMQ==$KcVnS8C25La7kkA2unv1yHWK3lg8lfX+zcO4I6OdAVM=',
      badgeUids: [],
    },
    {
      id: 'demo-tech',
      name: '演示技术员',
      role: 'technician' as const,
      hashedPassword:
        'scrypt$16384$8$1$aGFsbC1kZW1vLXNhbHQtMQ==$UQq7gfmHIXqkwOpIfs1Jz5Xy45YbdVbRDnivNbn8MRw=',
      badgeUids: [],
    },
  ],
  devices: [
    {
      id: 'demo-kiosk',
      role: 'kiosk' as const,
      hashedToken: '79b670218c6ae9bedaf3a962b1848c3bcca8ba111b224f3198935352c503364a',
    },
    {
      id: 'demo-display',
      role: 'display' as const,
      hashedToken: '093aa7bd1bb4699cb584821a7f6ebda86ea7b21df1bc1b8dbba746135dc37247',
    },
  ],
  /** The demo's monitoring token is demo-metrics-token-0001. */
  metrics: {
    hashedToken: '939d5cf8c4013d055dbd9f72a42fce9458a969cf59b27820cd60fa038e050888',
  },
};
