/**
 * The platform's mutual-TLS files, checked before a host relies on them: each file exists and
 * is PEM, the client certificate is valid today and its key is the one that belongs to it,
 * and the CA file holds certificates. A certificate that runs out within 30 days is a
 * warning, so a technician renews it before the outbox stops delivering.
 */
import { X509Certificate, createPrivateKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { ConfigIssue } from './load.js';
import type { KioskConfig } from './schema.js';

export const RENEW_WITHIN_DAYS = 30;
const DAY = 86_400_000;

export type CertState = 'ok' | 'expiring' | 'expired' | 'not-yet-valid';

export interface CertReport {
  /** The config key that names the file. */
  field: 'clientCert' | 'caFile';
  file: string;
  subject: string;
  validTo: string;
  daysLeft: number;
  state: CertState;
}

export interface CertCheck {
  issues: ConfigIssue[];
  warnings: string[];
  reports: CertReport[];
}

type Platform = KioskConfig['platform'];

/** Nothing to check until a platform URL says these files are used. */
export function checkCertificates(platform: Platform, now = new Date()): CertCheck {
  const check: CertCheck = { issues: [], warnings: [], reports: [] };
  if (!platform.url) return check;
  const refuse = (field: string, message: string) =>
    check.issues.push({ path: `platform.${field}`, message });
  const cert = platform.clientCert && readCert('clientCert', platform.clientCert, refuse);
  if (cert) dated(check, 'clientCert', platform.clientCert!, cert, now);
  const key = platform.clientKey && readKey(platform.clientKey, refuse);
  if (cert && key && !cert.checkPrivateKey(key)) {
    refuse(
      'clientKey',
      `${platform.clientKey} is not the private key of ${platform.clientCert}: install the key issued with that certificate`,
    );
  }
  const ca = platform.caFile && readCert('caFile', platform.caFile, refuse);
  if (ca) dated(check, 'caFile', platform.caFile!, ca, now);
  return check;
}

type Refuse = (field: string, message: string) => void;

function readText(field: string, file: string, refuse: Refuse): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    refuse(field, code === 'ENOENT' ? `${file}: no such file` : `${file} cannot be read (${code})`);
    return null;
  }
}

function readCert(field: string, file: string, refuse: Refuse): X509Certificate | null {
  const text = readText(field, file, refuse);
  if (text === null) return null;
  try {
    if (!text.includes('-----BEGIN CERTIFICATE-----')) throw new Error('no PEM block');
    return new X509Certificate(text);
  } catch {
    refuse(field, `${file} is not a PEM certificate (-----BEGIN CERTIFICATE-----)`);
    return null;
  }
}

function readKey(file: string, refuse: Refuse): KeyObject | null {
  const text = readText('clientKey', file, refuse);
  if (text === null) return null;
  try {
    return createPrivateKey(text);
  } catch {
    refuse('clientKey', `${file} is not a PEM private key (-----BEGIN PRIVATE KEY-----)`);
    return null;
  }
}

function dated(
  check: CertCheck,
  field: CertReport['field'],
  file: string,
  cert: X509Certificate,
  now: Date,
): void {
  const from = new Date(cert.validFrom);
  const to = new Date(cert.validTo);
  const daysLeft = Math.floor((to.getTime() - now.getTime()) / DAY);
  const state: CertState =
    now < from
      ? 'not-yet-valid'
      : now > to
        ? 'expired'
        : daysLeft < RENEW_WITHIN_DAYS
          ? 'expiring'
          : 'ok';
  check.reports.push({
    field,
    file,
    subject: cert.subject,
    validTo: to.toISOString(),
    daysLeft,
    state,
  });
  const day = (d: Date) => d.toISOString().slice(0, 10);
  if (state === 'expired') {
    check.issues.push({
      path: `platform.${field}`,
      message: `${file} expired on ${day(to)}: install the renewed certificate`,
    });
  } else if (state === 'not-yet-valid') {
    check.issues.push({
      path: `platform.${field}`,
      message: `${file} is valid only from ${day(from)}: check this machine's clock, or the certificate`,
    });
  } else if (state === 'expiring') {
    check.warnings.push(
      `platform.${field}: ${file} expires on ${day(to)}, in ${daysLeft} days: renew it before then`,
    );
  }
}
