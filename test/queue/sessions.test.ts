/**
 * Staff sessions on a production hall node, as an attacker on the hall LAN tries them: a
 * displaced console, guesses in parallel over many sockets, a badge UID typed over the LAN,
 * an unknown counter, a socket whose session ended, and a manager downgraded in the config.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoQueueAccounts } from '../../kiosk-config/queue.js';
import { hashPassword } from '../../main/access/auth.js';
import { connectWs } from '../support/ws-client.js';
import { hallConfig, login, post, startHall, tokens, type Json, type TestHall } from './hall.js';

let hall: TestHall;
beforeAll(async () => {
  const [staff, ...others] = demoQueueAccounts.staff;
  const target = {
    id: 'target-manager',
    name: '被猜的值班长',
    role: 'manager' as const,
    hashedPassword: await hashPassword('target-pass-1'),
    badgeUids: [],
  };
  const withPin = { ...staff!, hashedPin: await hashPassword('2468') };
  hall = await startHall(hallConfig('production', { staff: [withPin, ...others, target] }));
});
afterAll(() => hall.stop());

const counterState = (id: string) => hall.core.queue.engine.counter(id);
const waitingCount = () => hall.core.queue.engine.waiting.size;

async function issue(n = 1): Promise<void> {
  for (let i = 0; i < n; i++) {
    const r = await post(hall, 'queue.issue', { serviceId: 'general' }, tokens.kiosk);
    expect(r.status).toBe(200);
  }
}

describe('a displaced session acts on nothing', () => {
  it('staff signed in after another at the same counter: the first one can neither pause nor call', async () => {
    const a = await login(hall, 'c2', 'demo-staff');
    const socket = await connectWs(hall.ws);
    expect((await socket.call('queue.authenticate', { token: a })).ok).toBe(true);
    const told = socket.nextEvent((m) => m.event === 'session.ended');
    const b = await login(hall, 'c2', 'demo-manager');
    const notice = (await told).data as Json;
    expect(notice).toMatchObject({ reason: 'displaced', counterNumber: 2 });
    expect(notice.by).toMatchObject({ id: 'demo-manager' });
    await issue();
    const waiting = waitingCount();
    const pause = await post(hall, 'queue.pause', { reason: '午休' }, a);
    expect(pause.status).toBe(403);
    expect(counterState('c2').pausedReason).toBeNull();
    const call = await post(hall, 'queue.call', {}, a);
    expect(call.status).toBe(403);
    expect(counterState('c2').current).toBeNull();
    expect(waitingCount()).toBe(waiting);
    // The one who holds the counter now still works.
    expect((await post(hall, 'queue.call', {}, b)).status).toBe(200);
    await post(hall, 'queue.logout', {}, b);
    socket.close();
  });
});

/** Many guesses at once, each on its own call id, over one socket. */
function guesses(url: string, n: number, password: (i: number) => string) {
  return new Promise<Json[]>((resolve, reject) => {
    const socket = new WebSocket(url);
    const replies: Json[] = [];
    socket.on('error', reject);
    socket.on('open', () => {
      for (let i = 0; i < n; i++) {
        const params = { counterId: 'c1', staffId: 'target-manager', password: password(i) };
        socket.send(JSON.stringify({ t: 'call', id: i + 1, method: 'queue.login', params }));
      }
    });
    socket.on('message', (raw) => {
      const m = JSON.parse(raw.toString()) as Json;
      if (m.t !== 'result') return;
      replies.push(m);
      if (replies.length === n) {
        socket.close();
        resolve(replies);
      }
    });
  });
}

describe('guessing a password in parallel', () => {
  const right = () =>
    post(hall, 'queue.login', {
      counterId: 'c1',
      staffId: 'target-manager',
      password: 'target-pass-1',
    });

  it('25 sockets × 20 guesses: the account locks after 5, and the right password then fails', async () => {
    const started = Date.now();
    const checksBefore = hall.core.queue.access.logins.passwordChecks;
    const all = await Promise.all(
      Array.from({ length: 25 }, () => guesses(hall.ws, 20, (i) => `wrong-${i}`)),
    );
    const replies = all.flat();
    const checked = hall.core.queue.access.logins.passwordChecks - checksBefore;
    console.log(
      `parallel brute force: ${replies.length} guesses over 25 sockets in ${Date.now() - started} ms, ` +
        `${checked} reached the password check, ${replies.filter((r) => r.ok).length} signed in`,
    );
    expect(replies.every((r) => !r.ok)).toBe(true);
    expect(checked).toBeLessThanOrEqual(5);
    const r = await right();
    expect(r.status).toBe(403);
    expect(r.body.error.issues).toEqual([{ path: 'login', message: 'LOCKED' }]);
  });

  it('the manager sees the locked account and unlocks it; every lock is in the audit', async () => {
    const staffToken = await login(hall, 'c3', 'demo-staff');
    expect((await post(hall, 'queue.lockouts', {}, staffToken)).status).toBe(403);
    await post(hall, 'queue.logout', {}, staffToken);
    const manager = await login(hall, 'c3', 'demo-manager');
    const list = await post(hall, 'queue.lockouts', {}, manager);
    expect(list.status).toBe(200);
    const accounts = list.body.result.accounts as Json[];
    expect(accounts.map((a) => a.staffId)).toEqual(['target-manager']);
    expect(Date.parse(accounts[0].until)).toBeGreaterThan(Date.now());
    const unlocked = await post(hall, 'queue.unlock', { staffId: 'target-manager' }, manager);
    expect(unlocked.status).toBe(200);
    const r = await right();
    expect(r.status).toBe(200);
    const audit = hall.core.store.db
      .prepare("SELECT actor, action, result FROM audit_log WHERE action LIKE 'login.%'")
      .all() as Json[];
    expect(audit).toContainEqual(
      expect.objectContaining({ action: 'login.locked', result: 'target-manager' }),
    );
    expect(audit).toContainEqual(
      expect.objectContaining({ action: 'login.unlocked', actor: 'demo-manager' }),
    );
    await post(hall, 'queue.logout', {}, r.body.result.token);
    await post(hall, 'queue.logout', {}, manager);
  });
});

describe('a badge UID typed over the LAN', () => {
  it('signs nobody in without the PIN; with the staff PIN it does', async () => {
    const typed = await post(hall, 'queue.login', { counterId: 'c3', badgeUid: '04A1B2C3' });
    expect(typed.status).toBe(403);
    const wrongPin = { counterId: 'c3', badgeUid: '04A1B2C3', pin: '1357' };
    expect((await post(hall, 'queue.login', wrongPin)).status).toBe(403);
    expect(counterState('c3').staffId).toBeNull();
    const pin = await post(hall, 'queue.login', { ...wrongPin, pin: '2468' });
    expect(pin.status).toBe(200);
    expect(counterState('c3').staffId).toBe('demo-staff');
    await post(hall, 'queue.logout', {}, pin.body.result.token);
  });

  it('technician.config shows no badge UID', async () => {
    const r = await hall.core.dispatcher.dispatch(
      'technician.config',
      {},
      {
        transport: 'ipc',
        peer: 'ipc',
        credential: null,
      },
    );
    expect(JSON.stringify(r)).not.toContain('04A1B2C3');
  });
});

describe('an unknown counter', () => {
  it('is a clear 4xx naming the counters, not a 500', async () => {
    const r = await post(hall, 'queue.login', {
      counterId: 'c99',
      staffId: 'demo-staff',
      password: 'demo-staff-1',
    });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('BAD_REQUEST');
    expect(r.body.error.message.en).toContain('c99');
    expect(r.body.error.action.en).toContain('c1');
  });
});

describe('a socket whose session ended', () => {
  it('hears no queue events after its logout', async () => {
    const token = await login(hall, 'c3', 'demo-staff');
    const socket = await connectWs(hall.ws);
    expect((await socket.call('queue.authenticate', { token })).ok).toBe(true);
    await issue();
    await socket.nextEvent((m) => m.event === 'queue.changed');
    const ended = socket.nextEvent((m) => m.event === 'session.ended');
    expect((await post(hall, 'queue.logout', {}, token)).status).toBe(200);
    expect(((await ended).data as Json).reason).toBe('loggedOut');
    let heard = false;
    void socket.nextEvent((m) => m.event === 'queue.changed').then(() => (heard = true));
    await issue();
    await new Promise((r) => setTimeout(r, 300));
    expect(heard).toBe(false);
    const counter = await socket.call('queue.counter', {});
    expect(counter.ok).toBe(false);
    socket.close();
  });

  it('a manager downgraded in the config is downgraded on the next call', async () => {
    const token = await login(hall, 'c1', 'demo-manager');
    expect((await post(hall, 'queue.figures', {}, token)).status).toBe(200);
    const file = join(hall.dataDir, 'config.json');
    const before = readFileSync(file, 'utf8');
    const config = JSON.parse(before) as Json;
    config.queue.staff.find((s: Json) => s.id === 'demo-manager').role = 'staff';
    writeFileSync(file, JSON.stringify(config));
    await hall.restart();
    try {
      expect((await post(hall, 'queue.figures', {}, token)).status).toBe(403);
    } finally {
      writeFileSync(file, before);
      await hall.restart();
    }
  });
});
