// The hall link's small parts: the durable pending confirmations, the known hall sessions,
// which events are relayed, and a hall node that accepts the connection but never answers.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { credentialFor, KnownCallers } from './callers.js';
import { wsUrlOf } from '../../common/rpc/socket-link.js';
import { relayed } from './event-link.js';
import { hallNodeClient } from './hall-node-client.js';
import { PendingConfirms } from './pending-confirms.js';
import { MAX_WATCHES, sessionWatches } from './session-watch.js';
import { SessionNotices } from '../access/session-notices.js';
import { paths } from '../paths.js';
import { openStore, type Store } from '../store/store.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'hall-link-unit-'));
  dirs.push(dir);
  return dir;
};
const stores: Store[] = [];
afterEach(() => stores.splice(0).forEach((s) => s.close()));
const storeIn = (dir: string) => {
  const store = openStore(dir, paths.migrationsDir);
  stores.push(store);
  return store;
};
const note = (ticketId: number, printed: boolean) => ({
  ticketId,
  number: `A00${ticketId}`,
  printed,
  at: '2026-11-28T08:00:00.000Z',
});

describe('pending confirmations', () => {
  it('one note per ticket: the real outcome replaces the "maybe printed" note, and goes last', () => {
    const pending = new PendingConfirms(storeIn(tempDir()).db);
    pending.add({
      ...note(1, false),
      mayHavePrinted: true,
      reason: 'kiosk stopped while printing',
    });
    pending.add(note(2, false));
    pending.add(note(1, true));
    expect(pending.list).toEqual([note(2, false), note(1, true)]);
    expect(pending.size).toBe(2);
  });

  it('survive a restart (kept in the database) and are removed once sent', () => {
    const dir = tempDir();
    const first = storeIn(dir);
    const pending = new PendingConfirms(first.db);
    pending.add(note(1, true));
    pending.add({ ...note(2, false), reason: 'paper out' });
    first.close();
    stores.splice(stores.indexOf(first), 1);
    const again = new PendingConfirms(storeIn(dir).db);
    expect(again.list).toEqual([note(1, true), { ...note(2, false), reason: 'paper out' }]);
    again.remove(1);
    expect(again.list).toEqual([{ ...note(2, false), reason: 'paper out' }]);
  });

  it("an older version's note file is moved into the database once, then removed", () => {
    const dir = tempDir();
    const file = join(dir, 'hall-link', 'pending-confirms.json');
    mkdirSync(join(dir, 'hall-link'));
    const old = [
      { ...note(7, false), mayHavePrinted: true, reason: 'kiosk stopped while printing' },
      note(8, true),
    ];
    writeFileSync(file, JSON.stringify({ version: 1, pending: old }));
    const { db } = storeIn(dir);
    expect(new PendingConfirms(db, file).list).toEqual(old);
    expect(existsSync(file)).toBe(false);
    expect(new PendingConfirms(db, file).list).toEqual(old);
  });

  it('a damaged note file stops the start with its path, and nothing is lost', () => {
    const dir = tempDir();
    const file = join(dir, 'pending-confirms.json');
    const { db } = storeIn(dir);
    new PendingConfirms(db).add(note(1, true));
    writeFileSync(
      file,
      JSON.stringify({ version: 1, pending: [note(2, true), { ticketId: 'x' }] }),
    );
    expect(() => new PendingConfirms(db, file)).toThrow(file);
    expect(existsSync(file)).toBe(true);
    expect(new PendingConfirms(db).list).toEqual([note(1, true)]);
    writeFileSync(file, '{"version": 1, "pend');
    expect(() => new PendingConfirms(db, file)).toThrow(file);
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
    // A session's end concerns one connection: the member's own session watch tells it.
    expect(relayed('session.ended')).toBe(false);
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
      const call = hallNodeClient({ url, timeoutMs: 300 });
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

describe('session watches', () => {
  it(`hold at most ${MAX_WATCHES} sessions: the oldest watch goes first`, async () => {
    // A hall node that refuses connections: each watch settles at once and keeps retrying.
    const notices = new SessionNotices();
    const forgotten: string[] = [];
    const watches = sessionWatches({
      url: 'http://127.0.0.1:1',
      notices,
      forget: (token) => forgotten.push(token),
    });
    try {
      for (let i = 0; i < MAX_WATCHES + 3; i++) await watches.watch(`token-${i}`);
      expect(watches.size).toBe(MAX_WATCHES);
      // Watching a session again changes nothing; the ones let go were not told they ended.
      await watches.watch(`token-${MAX_WATCHES + 2}`);
      expect(watches.size).toBe(MAX_WATCHES);
      expect(forgotten).toEqual([]);
    } finally {
      watches.close();
    }
    expect(watches.size).toBe(0);
  });
});
