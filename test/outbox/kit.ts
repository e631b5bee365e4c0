/**
 * Test kit for the outbox: certificates, the simulator, a store in a temp folder, and the
 * real client, sealer, outbox and case service wired as the core wires them.
 */
import { caseOutboxKinds } from '../../main/case/outbox-kinds.js';
import { X509Certificate } from 'node:crypto';
import { checkChar } from '../../common/identity/id-number.js';
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCaseService, type CaseService } from '../../main/case/cases.js';
import { checkFormSchema, type FormSchema } from '../../main/case/form-schema.js';
import { realClock, type Clock } from '../../main/outbox/clock.js';
import { platformDeliver } from '../../main/case/deliver.js';
import { createOutbox, type Outbox, type OutboxOptions } from '../../main/outbox/outbox.js';
import { paths } from '../../main/paths.js';
import { createPlatformClient, spkiPin, type PlatformClient } from '../../main/platform/client.js';
import { createAudit } from '../../main/privacy/audit.js';
import { fileKeySource } from '../../main/privacy/key-source.js';
import { createSealer, type Sealer } from '../../main/privacy/sealer.js';
import { openStore, type Store } from '../../main/store/store.js';
import { demoCatalog } from '../../platform/simulator/catalog.js';
import type { CertSet } from '../../platform/simulator/certs.js';
import { startSimulator, type Faults, type Simulator } from '../../platform/simulator/server.js';

export const SECRET = 'kit-signing-secret-0123456789';

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export async function startKitSimulator(
  certs: CertSet,
  faults: Partial<Faults> = {},
  clock: Clock = realClock,
): Promise<Simulator> {
  return startSimulator({
    tls: { ...certs.server, ca: certs.ca },
    keys: { 'kit-1': SECRET },
    faults,
    clock: clock.now,
  });
}

export function kitClient(
  certs: CertSet,
  url: string,
  clock: Clock = realClock,
  timeoutMs = 2000,
): PlatformClient {
  return createPlatformClient({
    url,
    tls: { cert: certs.client.cert, key: certs.client.key, ca: certs.ca },
    pins: [spkiPin(new X509Certificate(certs.server.cert).raw)],
    keyId: 'kit-1',
    secret: SECRET,
    timeoutMs,
    now: clock.now,
  });
}

export interface Kit {
  store: Store;
  sealer: Sealer;
  outbox: Outbox;
  cases: CaseService;
  client: PlatformClient;
  close(): Promise<void>;
}

export function openKit(
  dataDir: string,
  certs: CertSet,
  url: string,
  opts: Partial<OutboxOptions> & { clock?: Clock; timeoutMs?: number } = {},
): Kit {
  mkdirSync(dataDir, { recursive: true });
  const clock = opts.clock ?? realClock;
  const store = openStore(dataDir, paths.migrationsDir);
  const sealer = createSealer(fileKeySource(join(dataDir, 'data.key')).load());
  const client = kitClient(certs, url, clock, opts.timeoutMs);
  const outbox = createOutbox({
    db: store.db,
    sealer,
    kinds: caseOutboxKinds(store.db, sealer),
    deliver: platformDeliver(client),
    clock,
    backoff: { baseMs: 200, capMs: 5_000 },
    concurrency: 4,
    ...opts,
  });
  const cases = createCaseService({
    db: store.db,
    sealer,
    outbox,
    audit: createAudit(store.db, clock.now),
    hallId: 'kit-hall',
    timeZone: 'Asia/Shanghai',
    now: clock.now,
  });
  return {
    store,
    sealer,
    outbox,
    cases,
    client,
    async close() {
      await outbox.stop();
      await client.close();
      store.close();
    },
  };
}

/**
 * A child host's side of the kill tests: its parent passes the data folder, the certificates'
 * folder and the simulator's URL (plus its own fields) as JSON in argv[2].
 */
export function childSetup<T extends object = object>(): {
  args: { dataDir: string; certsDir: string; url: string } & T;
  certs: CertSet;
} {
  const args = JSON.parse(process.argv[2]!) as {
    dataDir: string;
    certsDir: string;
    url: string;
  } & T;
  const read = (f: string) => readFileSync(join(args.certsDir, f), 'utf8');
  const certs = {
    ca: read('ca.pem'),
    server: { cert: read('server.pem'), key: '' },
    client: { cert: read('client.pem'), key: read('client.key') },
  } as CertSet;
  return { args, certs };
}

export function formOf(serviceId: string): FormSchema {
  const service = demoCatalog.services.find((s) => s.id === serviceId)!;
  const checked = checkFormSchema(service.form);
  if (!checked.ok) throw new Error(`demo form ${serviceId} invalid: ${checked.reason}`);
  return checked.schema;
}

/** A valid ID number (GB 11643 check digit) for resident n. */
export function idNumberFor(n: number): string {
  // A real calendar day for each n (the check refuses day 00), and n's last three digits.
  const month = String(1 + (Math.floor(n / 28) % 12)).padStart(2, '0');
  const day = String(1 + (n % 28)).padStart(2, '0');
  const body = `1101051990${month}${day}${String(n).padStart(3, '0').slice(-3)}`;
  return body + checkChar(body);
}

export function residenceCase(n: number, seq: number) {
  return {
    applicant: { idNumber: idNumberFor(n), name: '张三' },
    serviceId: 'residence-certificate',
    form: formOf('residence-certificate'),
    answers: { address: `北京市东城区某街${seq}号`, years: seq % 50 },
    consent: true,
  };
}
