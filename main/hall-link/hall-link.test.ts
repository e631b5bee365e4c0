// The hall link's small parts: the durable pending-confirm note, the known hall sessions,
// which events are relayed, and a hall node that accepts the connection but never answers.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { credentialFor, KnownCallers } from './callers.js';
import { relayed, wsUrlOf } from './event-link.js';
import { hallClient } from './hall-client.js';
import { PendingConfirms, withConfirm } from './pending-confirms.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const tempFile = () => {
  const dir = mkdtempSync(join(tmpdir(), 'hall-link-unit-'));
  dirs.push(dir);
  return join(dir, 'hall-link', 'pending-confirms.json');
};
const note = (ticketId: number, printed: boolean) => ({
  ticketId,
  number: `A00${ticketId}`,
  printed,
  at: '2026-11-28T08:00:00.000Z',
});

describe('pending confirmations', () => {
  it('one note per ticket: the real outcome replaces the "maybe printed" note', () => {
    const list = withConfirm([note(1, false)], note(1, true));
    expect(list).toEqual([note(1, true)]);
  });

  it('survive a restart (read back from disk) and are removed once sent', () => {
    const file = tempFile();
    const first = new PendingConfirms(file);
    first.add(note(1, true));
    first.add(note(2, false));
    const again = new PendingConfirms(file);
    expect(again.list).toEqual([note(1, true), note(2, false)]);
    again.remove(1);
    expect(new PendingConfirms(file).list).toEqual([note(2, false)]);
  });

  it('a damaged note stops the start with its path, rather than losing the others', () => {
    const file = tempFile();
    new PendingConfirms(file).add(note(1, true));
    writeFileSync(file, JSON.stringify({ version: 1, pending: [{ ticketId: 'x' }] }));
    expect(() => new PendingConfirms(file)).toThrow(file);
  });
});

describe('hall sessions known to a member', () => {
  const staff = {
    kind: 'staff' as const,
    staffId: 's1',
    role: 'staff' as const,
    counterId: 'c1',
    token: 'tok-staff-000000000000',
  };

  it('a known token stands for its staff until it expires or is forgotten', () => {
    let now = 1000;
    const known = new KnownCallers(() => now);
    known.remember(staff.token, staff, 2000);
    expect(known.lookup(staff.token)).toEqual(staff);
    now = 2000;
    expect(known.lookup(staff.token)).toBeNull();
    known.remember(staff.token, staff, 5000);
    known.forget(staff.token);
    expect(known.lookup(staff.token)).toBeNull();
  });

  it('forwarded calls carry the staff token, else the device token', () => {
    expect(credentialFor(staff, 'device-token')).toBe(staff.token);
    expect(credentialFor({ kind: 'local', role: 'kiosk' }, 'device-token')).toBe('device-token');
    expect(credentialFor(undefined, null)).toBeNull();
  });
});

describe('the event link', () => {
  it('relays only the queue: the hall node’s own devices and cases stay its own', () => {
    expect(relayed('queue.changed')).toBe(true);
    expect(relayed('devices.changed')).toBe(false);
    expect(relayed('outbox.changed')).toBe(false);
    expect(relayed('queue.madeUp')).toBe(false);
    expect(wsUrlOf('https://hall.local:8443/')).toBe('wss://hall.local:8443/ws');
  });
});

describe('a hall node that never answers', () => {
  it('a forwarded call fails with UNAVAILABLE after the timeout, never hangs', async () => {
    const server = createServer(() => {
      // accepts the request and says nothing
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const address = server.address();
    const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    try {
      const call = hallClient({ url, timeoutMs: 300 });
      const started = Date.now();
      await expect(call('queue.services', {}, null)).rejects.toMatchObject({
        body: { code: 'UNAVAILABLE', message: { 'zh-CN': `无法连接大厅主机（${url}）` } },
      });
      expect(Date.now() - started).toBeLessThan(2000);
    } finally {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  });
});
