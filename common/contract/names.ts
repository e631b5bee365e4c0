/**
 * The contract's names without its schemas: what the Electron preload needs to build its
 * bridge. Kept apart so the preload bundle carries no zod; contract.ts checks at compile time
 * that these lists are exactly its calls and events.
 */
export const methodNames = [
  'system.info',
  'system.ping',
  'kiosk.settings',
  'kiosk.endSession',
  'devices.status',
  'technician.config',
  'technician.store',
  'technician.certificates',
  'technician.audit',

  // ── identity ──
  'identity.read',
  'identity.cancel',
  'identity.demoCard',

  // ── printing ──
  'printer.status',
  'printer.testPrint',
  'printer.preview',
  'printer.reprint',
  'printer.jobs',

  // ── queue ──
  'queue.authenticate',
  'queue.login',
  'queue.logout',
  'queue.lockouts',
  'queue.unlock',
  'queue.services',
  'queue.issue',
  'queue.reserve',
  'queue.confirmPrint',
  'queue.snapshot',
  'queue.counter',
  'queue.call',
  'queue.recall',
  'queue.start',
  'queue.finish',
  'queue.noShow',
  'queue.transfer',
  'queue.pause',
  'queue.resume',
  'queue.setPriority',
  'queue.cancel',
  'queue.figures',
  'queue.figuresCsv',
  'queue.enrollDevice',
  'queue.revokeDevice',
  'queue.readBadge',
  'queue.checkTicket',
  'queue.appointments',
  'queue.checkIn',
  'hallLink.status',

  // ── cases, outbox ──
  'outbox.status',
  'outbox.deadLetters',
  'outbox.retry',
  'outbox.discard',
  'catalog.list',
  'cases.submit',
  'cases.mine',
  'cases.receipt',
  'ratings.submit',
  'cases.printReceipt',
] as const;

export const eventNameList = [
  'devices.changed',
  'system.notice',

  // ── identity ──
  'identity.card',

  // ── printing ──

  // ── queue ──
  'queue.changed',
  'session.ended',
  'hallLink.changed',

  // ── cases, outbox ──
  'outbox.changed',
  'outbox.alert',
  'cases.changed',
] as const;

export type MethodName = (typeof methodNames)[number];
export type EventNameOf = (typeof eventNameList)[number];

export function isEventNameOf(name: unknown): name is EventNameOf {
  return (eventNameList as readonly unknown[]).includes(name);
}

/** Electron IPC channel names (the preload and main agree on these, nothing else). */
export const ipcChannels = { call: 'hall-kiosk:call', event: 'hall-kiosk:event' } as const;
