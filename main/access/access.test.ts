import { describe, expect, it } from 'vitest';
import { accessLevels, type CallSpec } from '../../common/contract/access.js';
import { calls, methods } from '../../common/contract/contract.js';
import { accessOf, allows } from './access.js';
import { type Access } from '../../common/contract/access.js';
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
