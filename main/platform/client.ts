/**
 * The platform client (undici): mutual TLS with a pinned server key, signed requests, timeouts,
 * Retry-After, and every reply parsed against the contract.
 */
import { X509Certificate, createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { checkServerIdentity, type PeerCertificate } from 'node:tls';
import { Agent } from 'undici';
import type { z } from 'zod';
import { fromNetworkError, PlatformError } from './errors.js';
import {
  AppointmentList,
  CaseAck,
  CaseList,
  CaseStatus,
  Catalog,
  Health,
  Problem,
  RatingAck,
  type CaseSubmission,
  type RatingSubmission,
} from '../../common/platform/schemas.js';
import { SIGNATURE_HEADERS, createSigner } from '../../common/platform/signing.js';
import { send } from './send.js';
import { randomPool } from '../privacy/random-pool.js';

export interface PlatformClientOptions {
  url: string;
  /** PEM text (already read); see tlsFromFiles for the config's file paths. */
  tls: { cert?: string; key?: string; ca?: string };
  /** base64 SHA-256 of the server's SubjectPublicKeyInfo: the current pin and a backup. */
  pins: string[];
  keyId: string;
  secret: string;
  timeoutMs: number;
  connections?: number;
  now?: () => number;
}

/**
 * A request body already encoded as JSON. The outbox stores the exact text it sends, so a
 * delivery sends those bytes instead of parsing and re-encoding them on every try.
 */
export class EncodedJson {
  constructor(readonly text: string) {}
}

export interface PlatformClient {
  health(): Promise<z.infer<typeof Health>>;
  submitCase(body: CaseSubmission | EncodedJson, idempotencyKey: string): Promise<CaseAck>;
  submitRating(body: RatingSubmission | EncodedJson, idempotencyKey: string): Promise<RatingAck>;
  caseStatus(caseNumber: string): Promise<CaseStatus>;
  casesByIdNumber(idNumber: string): Promise<CaseStatus[]>;
  catalog(): Promise<Catalog>;
  /** The hall's appointments for one day (hall date, YYYY-MM-DD). */
  appointments(hallId: string, date: string): Promise<AppointmentList>;
  close(): Promise<void>;
}

/** Read the certificate files, saying which one is missing instead of failing at connect. */
export function tlsFromFiles(files: { clientCert?: string; clientKey?: string; ca?: string }) {
  const read = (label: string, file?: string) => {
    if (!file) return undefined;
    if (!existsSync(file)) {
      throw new PlatformError('setup', 'file-missing', {
        'zh-CN': `${label}文件不存在：${file}`,
        en: `${label === '客户端证书' ? 'client certificate' : label === '客户端私钥' ? 'client key' : 'CA'} file not found: ${file}`,
      });
    }
    return readFileSync(file, 'utf8');
  };
  return {
    cert: read('客户端证书', files.clientCert),
    key: read('客户端私钥', files.clientKey),
    ca: read('CA 证书', files.ca),
  };
}

export function spkiPin(certDer: Buffer): string {
  const spki = new X509Certificate(certDer).publicKey.export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(spki).digest('base64');
}

export function createPlatformClient(options: PlatformClientOptions): PlatformClient {
  const base = new URL(options.url);
  const basePath = base.pathname.replace(/\/$/, '');
  const now = options.now ?? Date.now;
  const nonces = randomPool(12);
  const sign = createSigner(options.secret);
  if (base.protocol === 'https:' && !options.tls.cert) {
    throw new PlatformError('setup', 'client-cert-missing', {
      'zh-CN':
        '未配置客户端证书：平台使用双向 TLS，请设置 platform.clientCert 与 platform.clientKey',
      en: 'no client certificate configured: the platform uses mutual TLS; set platform.clientCert and platform.clientKey',
    });
  }
  const agent = new Agent({
    connections: options.connections ?? 8,
    headersTimeout: options.timeoutMs,
    bodyTimeout: options.timeoutMs,
    connect: {
      timeout: options.timeoutMs,
      cert: options.tls.cert,
      key: options.tls.key,
      ca: options.tls.ca,
      // Checked on every new connection, before a byte of the request is written.
      checkServerIdentity: (host: string, cert: PeerCertificate) => {
        const wrongName = checkServerIdentity(host, cert);
        if (wrongName) return wrongName;
        if (options.pins.length === 0) return undefined;
        const pin = spkiPin(cert.raw);
        if (options.pins.includes(pin)) return undefined;
        return Object.assign(new Error(`server key pin ${pin} is not configured`), {
          code: 'ERR_PLATFORM_PIN',
        });
      },
    },
  });

  async function call<T extends z.ZodType>(
    method: 'GET' | 'POST',
    path: string,
    schema: T,
    body?: unknown,
    idempotencyKey?: string,
  ): Promise<z.output<T>> {
    const fullPath = basePath + path;
    const text =
      body === undefined ? '' : body instanceof EncodedJson ? body.text : JSON.stringify(body);
    const timestamp = String(now());
    const nonce = nonces().toString('hex');
    const headers: Record<string, string> = {
      [SIGNATURE_HEADERS.keyId]: options.keyId,
      [SIGNATURE_HEADERS.timestamp]: timestamp,
      [SIGNATURE_HEADERS.nonce]: nonce,
      [SIGNATURE_HEADERS.signature]: sign({
        method,
        path: fullPath,
        timestamp,
        nonce,
        body: text,
        idempotencyKey,
      }),
      accept: 'application/json',
    };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (idempotencyKey) headers['idempotency-key'] = idempotencyKey;
    let status: number;
    let replyText: string;
    let retryAfter: string | string[] | undefined;
    try {
      const reply = await send(agent, {
        origin: base.origin,
        path: fullPath,
        method,
        headers,
        body: body === undefined ? undefined : text,
      });
      status = reply.status;
      retryAfter = reply.retryAfter;
      replyText = reply.text;
    } catch (error) {
      throw fromNetworkError(error);
    }
    const json = parseJson(replyText);
    if (status >= 200 && status < 300) {
      const parsed = schema.safeParse(json);
      if (!parsed.success) throw contractBroken(path, parsed.error.issues[0]?.path ?? []);
      return parsed.data;
    }
    throw statusError(status, json, retryAfterMs(retryAfter, now()));
  }

  return {
    health: () => call('GET', '/health', Health),
    submitCase: (body, key) => call('POST', '/cases', CaseAck, body, key),
    submitRating: (body, key) => call('POST', '/ratings', RatingAck, body, key),
    caseStatus: (caseNumber) => call('GET', `/cases/${encodeURIComponent(caseNumber)}`, CaseStatus),
    casesByIdNumber: async (idNumber) =>
      (await call('POST', '/cases/by-applicant/search', CaseList, { idNumber })).cases,
    catalog: () => call('GET', '/catalog', Catalog),
    appointments: (hallId, date) =>
      call(
        'GET',
        `/halls/${encodeURIComponent(hallId)}/appointments?date=${encodeURIComponent(date)}`,
        AppointmentList,
      ),
    close: () => agent.close(),
  };
}

function parseJson(text: string): unknown {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}

function contractBroken(path: string, where: PropertyKey[]): PlatformError {
  const at = where.map(String).join('.') || '(root)';
  return new PlatformError('retry', 'contract-broken', {
    'zh-CN': `平台对 ${path} 的答复不符合接口约定（${at}），已作为错误处理，稍后重试`,
    en: `the platform's reply to ${path} breaks the contract (at ${at}); treated as an error, will retry`,
  });
}

function statusError(status: number, json: unknown, retryAfter?: number): PlatformError {
  const problem = Problem.safeParse(json);
  const detail = problem.success
    ? `${problem.data.code}: ${problem.data.message}`
    : `HTTP ${status}`;
  if (status === 429 || status === 408 || status >= 500) {
    return new PlatformError(
      'retry',
      status === 429 ? 'rate-limited' : 'platform-unavailable',
      {
        'zh-CN': `平台暂时无法处理（${detail}），稍后重试`,
        en: `platform busy or down (${detail}); will retry`,
      },
      retryAfter,
      status,
    );
  }
  if (status === 401 || status === 403) {
    return new PlatformError(
      'setup',
      'signature-refused',
      {
        'zh-CN': `平台拒绝了请求签名（${detail}）：请核对 platform.keyId、签名密钥与本机时钟`,
        en: `the platform refused our signature (${detail}): check platform.keyId, the signing secret and this machine's clock`,
      },
      undefined,
      status,
    );
  }
  return new PlatformError(
    'permanent',
    problem.success ? problem.data.code : `http-${status}`,
    { 'zh-CN': `平台拒收（${detail}）`, en: `the platform refused it (${detail})` },
    undefined,
    status,
  );
}

/** Retry-After in seconds or as an HTTP date; capped at an hour so a typo cannot stall us. */
export function retryAfterMs(
  value: string | string[] | undefined,
  nowMs: number,
): number | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  if (!v) return undefined;
  const ms = /^\d+$/.test(v.trim()) ? Number(v) * 1000 : Date.parse(v) - nowMs;
  return Number.isFinite(ms) ? Math.min(Math.max(ms, 0), 3_600_000) : undefined;
}
