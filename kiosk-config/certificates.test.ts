/**
 * `kiosk-config validate` and `doctor platform` against real certificates made by openssl:
 * a missing file, a CA file that is not PEM, an expired client certificate and a key that
 * is not the certificate's are refused with the path and what is wrong; one that runs out
 * within 30 days passes with a warning.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCerts, type CertSet } from '../platform/simulator/certs.js';
import { datedClientCert } from '../test/support/dated-cert.js';
import { runConfigCli } from '../test/support/cli.js';

const DAY = 86_400_000;
let dir: string;
let certs: CertSet;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'kiosk-config-certs-'));
  certs = makeCerts(join(dir, 'certs'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A production config whose platform files are the given ones (the good set otherwise). */
function config(name: string, files: Partial<CertSet['files']> = {}): string {
  const f = { ...certs.files, ...files };
  const file = join(dir, `${name}.json`);
  writeFileSync(
    file,
    JSON.stringify({
      mode: 'production',
      hall: { id: 'test-hall', name: { 'zh-CN': '测试大厅', en: 'Test hall' } },
      platform: {
        url: 'https://platform.example.test',
        clientCert: f.clientCert,
        clientKey: f.clientKey,
        caFile: f.ca,
        pins: ['A'.repeat(43) + '=', 'B'.repeat(43) + '='],
        signing: { keyId: 'hall', secret: 'a-signing-secret-0123456789' },
      },
    }),
  );
  return file;
}

const cli = (...argv: string[]) => runConfigCli(argv);

describe('kiosk-config validate', () => {
  it('passes good files with no warning', async () => {
    const r = await cli('validate', config('good'));
    expect(r).toMatchObject({ code: 0, err: '' });
    expect(r.out).not.toContain('warning');
  });

  it('refuses a missing client certificate, naming the key and the path', async () => {
    const missing = join(dir, 'nowhere', 'client.pem');
    const r = await cli('validate', config('missing', { clientCert: missing }));
    expect(r.code).toBe(2);
    expect(r.err).toContain(`platform.clientCert: ${missing}: no such file`);
  });

  it('refuses a CA file that is not PEM', async () => {
    const der = join(dir, 'ca.der');
    writeFileSync(der, Buffer.from([0x30, 0x82, 0x01, 0x0a, 0x02, 0x82]));
    const r = await cli('validate', config('der-ca', { ca: der }));
    expect(r.code).toBe(2);
    expect(r.err).toContain(`platform.caFile: ${der} is not a PEM certificate`);
  });

  it('refuses an expired client certificate, with the day it ran out', async () => {
    const old = datedClientCert(certs, 'expired', new Date('2025-01-01'), new Date('2025-02-01'));
    const r = await cli('validate', config('expired', { clientCert: old }));
    expect(r.code).toBe(2);
    expect(r.err).toContain(`platform.clientCert: ${old} expired on 2025-02-01`);
  });

  it("refuses a key that is not the certificate's", async () => {
    const stranger = join(certs.dir, 'stranger.key');
    const r = await cli('validate', config('mismatch', { clientKey: stranger }));
    expect(r.code).toBe(2);
    expect(r.err).toContain(
      `platform.clientKey: ${stranger} is not the private key of ${certs.files.clientCert}`,
    );
  });

  it('passes a certificate that runs out within 30 days, with a warning; doctor says so too', async () => {
    const now = Date.now();
    const soon = datedClientCert(certs, 'soon', new Date(now - DAY), new Date(now + 10 * DAY));
    const file = config('soon', { clientCert: soon });
    const r = await cli('validate', file);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(
      new RegExp(`warning: platform.clientCert: ${soon} expires on .*, in [89] days`),
    );
    const doctor = await cli('doctor', 'platform', file);
    expect(doctor.code).toBe(0);
    expect(doctor.out).toMatch(/clientCert .*CN=soon .*expiring/);
    expect(doctor.out).toMatch(/caFile .*CN=Hall Test CA .*ok/);
  });

  it('doctor platform exits 1 on what the host would refuse', async () => {
    const old = datedClientCert(certs, 'expired2', new Date('2025-01-01'), new Date('2025-02-01'));
    const doctor = await cli('doctor', 'platform', config('expired2', { clientCert: old }));
    expect(doctor.code).toBe(1);
    expect(doctor.out).toMatch(/clientCert .* expired/);
    expect(doctor.err).toContain('expired on 2025-02-01');
  });
});
