import { describe, expect, it } from 'vitest';
import type { Method } from '../../common/contract/contract.js';
import { accessOf, allows, type Access, type Caller } from './access.js';
import { registerAccess } from './access.js';
import { queueAccess } from '../queue/handlers.js';

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

  it('a call in no table needs kiosk level, so calls added later keep working from kiosks', () => {
    registerAccess(queueAccess);
    // A name no table lists.
    expect(accessOf('kiosk.someday' as Method)).toBe('kiosk');
    expect(accessOf('system.info')).toBe('anyone');
    expect(accessOf('queue.call')).toBe('staff');
    expect(accessOf('technician.config')).toBe('technician');
  });
});
