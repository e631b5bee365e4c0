/**
 * A client certificate from a CertSet's CA with the validity dates a test needs (one that
 * expired last year, one that runs out next week), made by `openssl ca`, which alone among
 * the openssl commands here takes explicit dates.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CertSet } from '../../platform/simulator/certs.js';

/** openssl's UTCTime form, YYMMDDHHMMSSZ. */
const utc = (d: Date) => d.toISOString().replace(/[-:T]/g, '').slice(2, 14) + 'Z';

export function datedClientCert(certs: CertSet, name: string, from: Date, to: Date): string {
  const dir = certs.dir;
  const ssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  writeFileSync(join(dir, `${name}.index`), '');
  writeFileSync(join(dir, `${name}.serial`), '1000\n');
  writeFileSync(
    join(dir, `${name}.cnf`),
    [
      '[ca]',
      'default_ca = dated',
      '[dated]',
      `database = ${name}.index`,
      `serial = ${name}.serial`,
      'new_certs_dir = .',
      'default_md = sha256',
      'policy = any',
      'unique_subject = no',
      '[any]',
      'commonName = supplied',
      '',
    ].join('\n'),
  );
  ssl('req', '-new', '-key', 'client.key', '-subj', `/CN=${name}`, '-out', `${name}.csr`);
  const out = join(dir, `${name}.pem`);
  ssl(
    'ca',
    '-batch',
    '-config',
    `${name}.cnf`,
    '-cert',
    'ca.pem',
    '-keyfile',
    'ca.key',
    '-in',
    `${name}.csr`,
    '-out',
    out,
    '-notext',
    '-startdate',
    utc(from),
    '-enddate',
    utc(to),
  );
  return out;
}
