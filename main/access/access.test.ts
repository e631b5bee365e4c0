import { describe, expect, it } from 'vitest';
import { accessLevels, type CallSpec, type Access } from '../../common/contract/access.js';
import { calls, methods } from '../../common/contract/contract.js';
import { accessOf, allows } from './access.js';
import { type Caller } from '../../common/contract/call.js';

const callers: Record<string, Caller> = {
  local: { kind: 'local', role: 'hall-node' },
  kiosk: { kind: 'device', id: 'k', role: 'kiosk' },
  display: { kind: 'device', id: 'd', role: 'display' },
  staff: { kind: 'staff', staffId: 's', role: 'staff', counterId: 'c1', token: 't' },
  manager: { kind: 'staff', staffId: 'm', role: 'manager', counterId: 'c2', token: 't' },
  technician: { kind: 'staff', staffId: 'x', role: 'technician', counterId: null, token: 't' },
  nobody: { kind: 'anonymous', why: 'none' },
};

// Rows: a level, then who passes it (in the order of `callers`).
const table: [Access, string[]][] = [
  ['anyone', ['local', 'kiosk', 'display', 'staff', 'manager', 'technician', 'nobody']],
  ['local', ['local']],
  ['kiosk', ['local', 'kiosk']],
  ['display', ['local', 'kiosk', 'display', 'staff', 'manager', 'technician']],
  ['service', ['local', 'staff', 'manager', 'technician']],
  ['staff', ['staff', 'manager', 'technician']],
  ['manager', ['manager']],
  ['oversight', ['local', 'manager', 'technician']],
  ['technician', ['local', 'technician']],
];

describe('the access table', () => {
  it.each(table)('%s', (level, passing) => {
    const got = Object.entries(callers)
      .filter(([, c]) => allows(level, c))
      .map(([name]) => name);
    expect(got).toEqual(passing);
  });

  it('every call declares its level in the contract, and the dispatcher reads that one', () => {
    for (const method of methods) {
      expect(accessLevels, method).toContain(calls[method].access);
      expect(accessOf(method)).toBe(calls[method].access);
    }
    expect(accessOf('system.info')).toBe('anyone');
    expect(accessOf('queue.call')).toBe('staff');
    expect(accessOf('identity.read')).toBe('local');
    expect(accessOf('technician.config')).toBe('technician');
  });

  it('a call without an access level does not compile (default deny)', () => {
    const request = calls['system.info'].request;
    const response = calls['system.info'].response;
    // @ts-expect-error -- `access` is missing: tsc (npm run check) fails if this ever compiles.
    const spec: CallSpec = { request, response };
    // @ts-expect-error -- not a level: nothing but the listed levels is accepted.
    const wrong: CallSpec = { request, response, access: 'everyone' };
    expect([spec, wrong].map((s) => s.access)).toEqual([undefined, 'everyone']);
  });
});

// Who may make each call, as it stood when the levels moved into the contract: a level that
// changes (or a call that is added) is a decision to make here on purpose, not by accident.
const levels: Record<string, Access> = {
  'system.info': 'anyone',
  'system.ping': 'anyone',
  'kiosk.settings': 'anyone',
  'kiosk.endSession': 'kiosk',
  'devices.status': 'display',
  'technician.config': 'technician',
  'technician.store': 'technician',
  'technician.certificates': 'technician',
  'technician.audit': 'technician',
  'identity.read': 'local',
  'identity.cancel': 'local',
  'identity.demoCard': 'local',
  'printer.status': 'display',
  'printer.testPrint': 'technician',
  'printer.preview': 'technician',
  'printer.reprint': 'service',
  'printer.jobs': 'service',
  'queue.authenticate': 'anyone',
  'queue.login': 'anyone',
  'queue.logout': 'staff',
  'queue.lockouts': 'manager',
  'queue.unlock': 'manager',
  'queue.services': 'kiosk',
  'queue.issue': 'kiosk',
  'queue.reserve': 'kiosk',
  'queue.confirmPrint': 'kiosk',
  'queue.snapshot': 'display',
  'queue.counter': 'staff',
  'queue.call': 'staff',
  'queue.recall': 'staff',
  'queue.start': 'staff',
  'queue.finish': 'staff',
  'queue.noShow': 'staff',
  'queue.transfer': 'staff',
  'queue.pause': 'staff',
  'queue.resume': 'staff',
  'queue.setPriority': 'staff',
  'queue.cancel': 'manager',
  'queue.figures': 'manager',
  'queue.figuresCsv': 'manager',
  'queue.enrollDevice': 'technician',
  'queue.revokeDevice': 'technician',
  'queue.readBadge': 'local',
  'queue.checkTicket': 'service',
  'queue.appointments': 'kiosk',
  'queue.checkIn': 'kiosk',
  'hallLink.status': 'anyone',
  'outbox.status': 'display',
  'outbox.deadLetters': 'oversight',
  'outbox.retry': 'manager',
  'outbox.discard': 'manager',
  'catalog.list': 'anyone',
  'cases.submit': 'kiosk',
  'cases.mine': 'kiosk',
  'cases.receipt': 'kiosk',
  'ratings.submit': 'kiosk',
  'cases.printReceipt': 'kiosk',
};

describe('the levels in the contract', () => {
  it('are the ones decided for each call', () => {
    expect(Object.fromEntries(methods.map((m) => [m, calls[m].access]))).toEqual(levels);
  });
});
