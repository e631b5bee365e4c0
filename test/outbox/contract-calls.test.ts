/**
 * The case calls through a real core in demo mode (the simulator on loopback): catalog,
 * submit with bad input refused field by field, the receipt gaining its platform case number,
 * the resident's cases live, a rating, the outbox status, and no personal data on the bus.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { holdCard } from '../support/card.js';
import { startTestCore, type TestCore } from '../support/core.js';
import type { EventName } from '../../common/contract/contract.js';

let t: TestCore;
const busSeen: unknown[] = [];
const ID = '11010519491231002X';
const CTX = { transport: 'ws' as const, peer: '127.0.0.1' };

beforeAll(async () => {
  t = await startTestCore();
  await holdCard(t.core, 'elder');
  t.core.bus.subscribe((_event: EventName, data: unknown) => busSeen.push(data));
});
afterAll(async () => t.dispose());

const call = async (method: string, params: unknown) => {
  const reply = await t.core.dispatcher.dispatch(method, params, CTX);
  if (!reply.ok) throw new Error(JSON.stringify(reply.error));
  return reply.result as Record<string, unknown>;
};

it('serves the catalog with each service form as fields for the kiosk', async () => {
  const catalog = await call('catalog.list', {});
  expect(catalog).toMatchObject({ available: true, stale: false });
  const services = catalog.services as { id: string; form: { name: string; input: string }[] }[];
  const allowance = services.find((s) => s.id === 'elderly-allowance')!;
  expect(allowance.form.find((f) => f.name === 'phone')?.input).toBe('keypad');
  expect(allowance.form.find((f) => f.name === 'note')?.input).toBe('text');
});

it('refuses bad input field by field and stores nothing', async () => {
  const base = {
    serviceId: 'residence-certificate',
    applicant: { idNumber: ID, name: '张三' },
    consent: true,
  };
  const bad = await call('cases.submit', {
    ...base,
    applicant: { idNumber: ID, name: '张三😀' },
    answers: { address: '<script>x</script>', years: 3 },
  });
  expect(bad.ok).toBe(false);
  expect((bad.problems as { path: string }[]).map((p) => p.path).sort()).toEqual([
    'address',
    'applicant.name',
  ]);
  // Half a surrogate pair, as JSON can carry it: in an answer and in the name.
  const lone = await call('cases.submit', {
    ...base,
    applicant: { idNumber: ID, name: '张\ud800三' },
    answers: { address: '北京市\udc00东城区1号', years: 3 },
  });
  expect(lone.ok).toBe(false);
  expect((lone.problems as { path: string }[]).map((p) => p.path).sort()).toEqual([
    'address',
    'applicant.name',
  ]);
  const bidi = await call('cases.submit', {
    ...base,
    answers: { address: '北京市\u202E东城区1号', years: 3 },
  });
  expect(bidi).toMatchObject({ ok: false, problems: [{ path: 'address' }] });
  const noConsent = await call('cases.submit', {
    ...base,
    consent: false,
    answers: { address: '北京市东城区1号', years: 3 },
  });
  expect(noConsent).toMatchObject({ ok: false, problems: [{ path: 'consent' }] });
  const status = await call('outbox.status', {});
  expect(status).toMatchObject({ pending: 0, delivered: 0, platform: 'simulator' });
});

it('submits a case, prints a masked receipt, and learns the platform case number', async () => {
  const done = await call('cases.submit', {
    serviceId: 'residence-certificate',
    applicant: { idNumber: ID, name: '张三' },
    answers: { address: '北京市东城区某街1号', years: '3' },
    consent: true,
  });
  expect(done).toMatchObject({ ok: true, printed: true });
  const receiptNumber = done.receiptNumber as string;
  let receipt: Record<string, unknown> = {};
  for (let i = 0; i < 100 && !receipt.platformCaseNumber; i++) {
    receipt = await call('cases.receipt', { receiptNumber });
    await new Promise((r) => setTimeout(r, 50));
  }
  expect(receipt).toMatchObject({
    state: 'delivered',
    platformCaseNumber: expect.stringMatching(/^SC/),
  });
  // The receipt went through the print service: its spool row holds what the paper says.
  const printed = (
    t.core.store.db.prepare("SELECT document FROM print_job WHERE kind = 'receipt'").all() as {
      document: string;
    }[]
  )
    .map((row) => row.document)
    .join('');
  expect(printed).toContain('受理回执');
  expect(printed).toContain('1101**********002X');
  expect(printed).toContain('张*');
  expect(printed).not.toContain(ID);

  const mine = await call('cases.mine', { idNumber: ID });
  expect(mine.live).toBe(true);
  expect(mine.cases).toEqual([
    expect.objectContaining({ receiptNumber, state: 'delivered', platformStatus: 'received' }),
  ]);
  const audit = t.core.store.db
    .prepare('SELECT actor, purpose, action, result FROM audit_log')
    .all();
  expect(audit).toContainEqual({
    actor: 'local:hall-node',
    purpose: 'resident-self-query',
    action: 'list-cases',
    result: 'ok:1',
  });
});

it('sends a rating through the outbox and keeps personal data off the bus', async () => {
  expect(
    await call('ratings.submit', { subject: { kind: 'ticket', ref: 'A012' }, level: 1 }),
  ).toEqual({ ok: true });
  for (let i = 0; i < 100; i++) {
    if ((await call('outbox.status', {})).pending === 0) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  expect(await call('outbox.status', {})).toMatchObject({ pending: 0, delivered: 2, parked: 0 });
  await new Promise((r) => setTimeout(r, 300));
  expect(busSeen.length).toBeGreaterThan(0);
  const text = JSON.stringify(busSeen);
  expect(text).not.toContain(ID);
  expect(text).not.toContain('张三');
  expect(existsSync(join(t.core.dataDir, 'data.key'))).toBe(true);
  expect(t.logText()).not.toContain(ID);
});
