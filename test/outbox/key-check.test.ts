/**
 * The data key against the folder it seals, through a real core: a folder from before the
 * key check value (cases sealed, no check row) refuses a wrong key by trying one of its own
 * sealed cases, starts with its own key, and from then on carries the check value. A failed
 * start leaves the folder free for the next one.
 */
import { startDemoPlatform } from '../../main/demo/platform.js';
import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, expect, it } from 'vitest';
import { startCore } from '../../main/core/core.js';
import { holdCard } from '../support/card.js';

const dataDir = mkdtempSync(join(tmpdir(), 'hall-key-check-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
const quiet = new Writable({ write: (_c, _e, done) => done() });
const start = () =>
  startCore({ dataDir, runtime: 'node', logDestination: quiet, demoPlatform: startDemoPlatform });
const WINDOW = { transport: 'ipc' as const, peer: 'app://kiosk/index.html' };
const keyFile = join(dataDir, 'data.key');

const checkRows = () => {
  const db = new Database(join(dataDir, 'hall.db'));
  try {
    return db.prepare("SELECT count(*) AS n FROM meta WHERE key = 'privacy.keyCheck'").get() as {
      n: number;
    };
  } finally {
    db.close();
  }
};

it('a folder from before the check value: a wrong key is refused by its own sealed case', async () => {
  const core = await start();
  await holdCard(core, 'elder');
  await core.dispatcher.dispatch('catalog.list', {}, WINDOW); // the demo platform's services
  const submitted = await core.dispatcher.dispatch(
    'cases.submit',
    {
      serviceId: 'residence-certificate',
      applicant: { idNumber: '11010519491231002X', name: '张三' },
      answers: { address: '北京市东城区1号', years: 3 },
      consent: true,
    },
    WINDOW,
  );
  expect(submitted, JSON.stringify(submitted)).toMatchObject({ ok: true, result: { ok: true } });
  await core.close();
  // As an older version left it: the case, and no check value.
  const db = new Database(join(dataDir, 'hall.db'));
  db.prepare("DELETE FROM meta WHERE key = 'privacy.keyCheck'").run();
  db.close();
  expect(checkRows().n).toBe(0);

  const right = readFileSync(keyFile);
  writeFileSync(keyFile, randomBytes(32).toString('base64') + '\n', { mode: 0o600 });
  await expect(start()).rejects.toThrow(
    /^the data key \(key file .*data\.key \(0600\)\) is not the key this data folder was sealed with/,
  );
  expect(checkRows().n).toBe(0); // nothing was sealed with the wrong key

  writeFileSync(keyFile, right, { mode: 0o600 });
  const again = await start(); // the failed start let go of the folder
  await again.close();
  expect(checkRows().n).toBe(1);
});
