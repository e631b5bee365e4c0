/** The queue's words: tickets, counters and the events that move them. No I/O. */
import type { Text } from '../../common/contract/contract.js';

/**
 * reserved: numbered, printing; waiting: printed, in the queue; called: shown and spoken;
 * serving: the resident is at the counter; done / noShow / cancelled end it; voided: the
 * print failed and the number was freed. A transfer ends one visit and puts the ticket back
 * to waiting (same number, same arrival time), so "transferred" is an event, not an end state.
 */
export type TicketState =
  'reserved' | 'waiting' | 'called' | 'serving' | 'done' | 'noShow' | 'cancelled' | 'voided';

export type PriorityReason = 'elder' | 'green' | 'disability';

export interface Ticket {
  id: number;
  number: string;
  serviceId: string;
  /** Set by a transfer to one counter: only that counter calls it. */
  counterId: string | null;
  state: TicketState;
  /** When it became waiting (print confirmed); kept through transfers. Epoch ms. */
  arrivedAt: number;
  reservedAt: number;
  priority: PriorityReason[];
  appointmentAt: number | null;
  calledAt: number | null;
  lastCallAt: number | null;
  calledBy: string | null;
  recalls: number;
  transfers: number;
}

export interface CounterState {
  id: string;
  number: number;
  services: string[];
  staffId: string | null;
  pausedReason: string | null;
  current: number | null;
  /** Calls made in the current priority:normal cycle. */
  cycle: { priority: number; normal: number };
}

interface At {
  at: number;
}
export type QueueEvent = At &
  (
    | {
        type: 'reserved';
        ticketId: number;
        number: string;
        serviceId: string;
        priority: PriorityReason[];
        appointmentAt: number | null;
        deviceId: string;
      }
    | { type: 'confirmed'; ticketId: number }
    | {
        type: 'voided';
        ticketId: number;
        reason: string;
        /** The slip may exist (part-printed): the number is retired for the day, not reused. */
        retired?: true;
      }
    | { type: 'called'; ticketId: number; counterId: string; staffId: string }
    | { type: 'recalled'; ticketId: number; counterId: string }
    | { type: 'started'; ticketId: number; counterId: string }
    | { type: 'finished'; ticketId: number; counterId: string }
    | { type: 'noShow'; ticketId: number; counterId: string; auto: boolean }
    | {
        type: 'transferred';
        ticketId: number;
        counterId: string;
        toServiceId: string;
        toCounterId: string | null;
      }
    | { type: 'cancelled'; ticketId: number; reason: 'dayEnded' | 'staff' }
    | { type: 'prioritySet'; ticketId: number; flag: 'green' | 'disability' }
    | { type: 'signedIn'; counterId: string; staffId: string }
    | { type: 'signedOut'; counterId: string; staffId: string }
    | { type: 'paused'; counterId: string; reason: string }
    | { type: 'resumed'; counterId: string }
  );
export type QueueEventType = QueueEvent['type'];

/** A rule said no: a stable code a UI can branch on and a sentence a person reads. */
export class QueueRefusal extends Error {
  constructor(
    readonly code: string,
    readonly text: Text,
    readonly action?: Text,
  ) {
    super(`${code}: ${text.en}`);
    this.name = 'QueueRefusal';
  }
}
