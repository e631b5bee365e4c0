import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { X509Certificate } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCerts, type CertSet } from '../../platform/simulator/certs.js';
import { startSimulator, type Simulator } from '../../platform/simulator/server.js';
import {
  createPlatformClient,
  spkiPin,
  tlsFromFiles,
  type PlatformClientOptions,
} from './client.js';
import { PlatformError } from './errors.js';

let dir: string;
let certs: CertSet;
let sim: Simulator;
let pin: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'platform-client-'));
  certs = makeCerts(dir);
  pin = spkiPin(new X509Certificate(certs.server.cert).raw);
  sim = await startSimulator({
    tls: { ...certs.server, ca: certs.ca },
    keys: { 'hall-1': 'test-secret-0123456789' },
  });
});
afterAll(async () => {
  await sim.close();
  rmSync(dir, { recursive: true, force: true });
});

function options(overrides: Partial<PlatformClientOptions> = {}): PlatformClientOptions {
  return {
    url: sim.url,
    tls: { cert: certs.client.cert, key: certs.client.key, ca: certs.ca },
    pins: [pin, 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA='],
    keyId: 'hall-1',
    secret: 'test-secret-0123456789',
    timeoutMs: 2000,
    ...overrides,
  };
}

const submission = {
  hallId: 'demo-hall',
  receiptNumber: 'R-0001',
  serviceId: 'residence-certificate',
  applicant: { idNumber: '11010519491231002X', name: '张三' },
  form: { address: '北京市东城区某街1号', years: 3 },
  submittedAt: new Date().toISOString(),
};

async function failure(promise: Promise<unknown>): Promise<PlatformError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(PlatformError);
    return error as PlatformError;
  }
  throw new Error('expected a failure');
}

describe('platform client', () => {
  it('talks mutual TLS with a pinned key and a signature, and replays by key', async () => {
    const client = createPlatformClient(options());
    expect((await client.health()).status).toBe('ok');
    const first = await client.submitCase(submission, 'key-aaaaaaaaaaaaaaaa');
    const again = await client.submitCase(submission, 'key-aaaaaaaaaaaaaaaa');
    expect(first.replayed).toBe(false);
    expect(again).toMatchObject({ caseNumber: first.caseNumber, replayed: true });
    expect(sim.creations.get('key-aaaaaaaaaaaaaaaa')).toBe(1);
    expect((await client.caseStatus(first.caseNumber)).receiptNumber).toBe('R-0001');
    expect(await client.casesByIdNumber('11010519491231002X')).toHaveLength(1);
    expect((await client.catalog()).services.length).toBeGreaterThan(0);
    await client.close();
  });

  it('accepts the backup pin and refuses a key matching neither pin', async () => {
    const backupOnly = createPlatformClient(options({ pins: ['AAAA', pin] }));
    expect((await backupOnly.health()).status).toBe('ok');
    await backupOnly.close();
    const wrong = createPlatformClient(options({ pins: ['AAAA', 'BBBB'] }));
    const error = await failure(wrong.health());
    expect(error.code).toBe('pin-mismatch');
    expect(error.kind).toBe('setup');
    await wrong.close();
  });

  it('says a client certificate is missing, not "socket closed"', async () => {
    expect(() => createPlatformClient(options({ tls: { ca: certs.ca } }))).toThrow(
      /client certificate/,
    );
    expect(() => tlsFromFiles({ clientCert: join(dir, 'nope.pem') })).toThrow(
      /client certificate file not found/,
    );
  });

  it('names a refused signature as a setup problem', async () => {
    const client = createPlatformClient(options({ secret: 'wrong-secret-0123456789' }));
    const error = await failure(client.health());
    expect(error.code).toBe('signature-refused');
    await client.close();
  });

  it('treats a reply that breaks the contract as an error', async () => {
    sim.faults.brokenReplyRatio = 1;
    const client = createPlatformClient(options());
    const error = await failure(
      client.submitCase({ ...submission, receiptNumber: 'R-0002' }, 'key-bbbbbbbbbbbbbbbb'),
    );
    sim.faults.brokenReplyRatio = 0;
    expect(error.code).toBe('contract-broken');
    expect(error.kind).toBe('retry');
    // The same key afterwards gets the stored case, once.
    const ack = await client.submitCase(
      { ...submission, receiptNumber: 'R-0002' },
      'key-bbbbbbbbbbbbbbbb',
    );
    expect(ack.replayed).toBe(true);
    expect(sim.creations.get('key-bbbbbbbbbbbbbbbb')).toBe(1);
    await client.close();
  });

  it('reads Retry-After on a 429 and parks nothing on a 4xx it cannot fix', async () => {
    sim.faults.rateLimitRatio = 1;
    sim.faults.retryAfterSeconds = 7;
    const client = createPlatformClient(options());
    const limited = await failure(client.catalog());
    sim.faults.rateLimitRatio = 0;
    expect(limited).toMatchObject({ kind: 'retry', retryAfterMs: 7000, status: 429 });
    sim.faults.poisonServices = ['residence-certificate'];
    const refused = await failure(
      client.submitCase({ ...submission, receiptNumber: 'R-3' }, 'key-cccccccccccccccc'),
    );
    sim.faults.poisonServices = [];
    expect(refused).toMatchObject({ kind: 'permanent', status: 422, code: 'service-closed' });
    await client.close();
  });

  it('names a client certificate from another CA, and a server it cannot trust', async () => {
    const other = makeCerts(join(dir, 'other'));
    const refused = createPlatformClient(
      options({ tls: { cert: other.client.cert, key: other.client.key, ca: certs.ca } }),
    );
    const closed = await failure(refused.health());
    // TLS 1.3: the refusal arrives after the handshake, usually as a bare close.
    expect(['client-cert-refused', 'connection-closed']).toContain(closed.code);
    expect(closed.text.en).toMatch(/client certificate/);
    await refused.close();
    const untrusted = createPlatformClient(
      options({ tls: { cert: certs.client.cert, key: certs.client.key, ca: other.ca } }),
    );
    expect((await failure(untrusted.health())).code).toBe('server-cert-untrusted');
    await untrusted.close();
  });
});
