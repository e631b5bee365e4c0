/**
 * The hall link's part of the contract (member machines): a kiosk, counter or
 * display that joins the hall node says whether its link to the hall node is up, so its pages
 * can say so and resync their whole view when it comes back.
 */
import type { CallSpec } from './access.js';
import { z } from 'zod';

const Iso = z.iso.datetime({ offset: true });

/**
 * none: this machine is the hall node (no link). connecting: not yet answered. up: the hall
 * node accepted our token and its events reach us. down: unreachable (reconnecting by itself).
 * refused: the hall node answered but refused our device token (re-enrol the device).
 * wrong-hall: the hall node serves another hall (its hall.id is not ours): nothing is sent
 * to it and none of its events is shown (fix hallNode.url or hall.id).
 */
export const HallLinkState = z.enum(['none', 'connecting', 'up', 'down', 'refused', 'wrong-hall']);
export type HallLinkState = z.infer<typeof HallLinkState>;

export const HallLinkStatus = z
  .object({
    state: HallLinkState,
    /** When the link last changed state. */
    since: Iso,
    /** Ticket confirmations waiting for the hall node (see docs/queue.md, Member machines). */
    pendingConfirms: z.number().int().min(0),
  })
  .strict();
export type HallLinkStatus = z.infer<typeof HallLinkStatus>;

export const hallLinkCalls = {
  'hallLink.status': { access: 'anyone', request: z.object({}).strict(), response: HallLinkStatus },
} as const satisfies Record<string, CallSpec>;

export const hallLinkEvents = {
  /** The link to the hall node went up or down; on "up" pages fetch their whole view again. */
  'hallLink.changed': HallLinkStatus,
} as const;
