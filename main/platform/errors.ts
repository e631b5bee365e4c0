/** What went wrong talking to the platform, in words a technician can act on. */
import type { Text } from '../../common/contract/contract.js';

/**
 * retry: try again later with the same key (network, 5xx, 429, a reply we could not read).
 * permanent: the platform refused this request (4xx): retrying cannot help; park it.
 * setup: our own configuration is wrong (missing certificate, pin mismatch): retry later, alert.
 */
export type PlatformErrorKind = 'retry' | 'permanent' | 'setup';

export class PlatformError extends Error {
  constructor(
    readonly kind: PlatformErrorKind,
    readonly code: string,
    readonly text: Text,
    readonly retryAfterMs?: number,
    readonly status?: number,
  ) {
    super(`${code}: ${text.en}`);
    this.name = 'PlatformError';
  }
}

export function isRetryable(error: unknown): boolean {
  return !(error instanceof PlatformError) || error.kind !== 'permanent';
}

/** Map a low-level TLS/socket failure to something a person can fix. */
export function fromNetworkError(error: unknown): PlatformError {
  const err = error as {
    code?: string;
    message?: string;
    cause?: { code?: string; message?: string };
  };
  const code = err.cause?.code ?? err.code ?? 'UNKNOWN';
  const message = `${err.message ?? ''} ${err.cause?.message ?? ''}`;
  if (code === 'ERR_PLATFORM_PIN') {
    return new PlatformError('setup', 'pin-mismatch', {
      'zh-CN': '平台证书公钥与配置的固定值不符（可能遭到中间人攻击）：请技术人员核对 platform.pins',
      en: "the platform's public key matches neither configured pin (possible interception): check platform.pins",
    });
  }
  if (
    /certificate required|CERTIFICATE_REQUIRED|peer did not return a certificate/i.test(
      message + code,
    )
  ) {
    return new PlatformError('setup', 'client-cert-missing', {
      'zh-CN': '平台要求客户端证书，但本机未提供：请配置 platform.clientCert 与 platform.clientKey',
      en: 'the platform requires a client certificate and none was sent: set platform.clientCert and platform.clientKey',
    });
  }
  if (
    /unknown ca|bad certificate|certificate unknown|UNKNOWN_CA|BAD_CERTIFICATE/i.test(
      message + code,
    )
  ) {
    return new PlatformError('setup', 'client-cert-refused', {
      'zh-CN': '平台拒绝了本机的客户端证书：请确认证书由平台 CA 签发且未过期',
      en: 'the platform refused our client certificate: check it is issued by the platform CA and not expired',
    });
  }
  if (
    /self[- ]signed|unable to verify|UNABLE_TO_VERIFY|CERT_HAS_EXPIRED|ERR_TLS_CERT_ALTNAME/i.test(
      message + code,
    )
  ) {
    return new PlatformError('setup', 'server-cert-untrusted', {
      'zh-CN': '平台服务器证书不受信任：请核对 platform.caFile 与平台地址',
      en: "the platform's server certificate is not trusted: check platform.caFile and platform.url",
    });
  }
  if (/Timeout|TIMEOUT/.test(code + message)) {
    return new PlatformError('retry', 'timeout', {
      'zh-CN': '平台响应超时，稍后重试',
      en: 'the platform did not answer in time; will retry',
    });
  }
  if (code === 'UND_ERR_SOCKET' && /other side closed/i.test(message)) {
    // Under TLS 1.3 the platform checks our certificate after the handshake, and its alert
    // often arrives as a bare close: name that cause rather than just "socket closed".
    return new PlatformError('retry', 'connection-closed', {
      'zh-CN':
        '平台关闭了连接；若持续出现，多为平台拒绝了本机的客户端证书：请确认证书由平台 CA 签发且未过期',
      en: 'the platform closed the connection; if this persists it most likely refuses our client certificate: check it is issued by the platform CA and not expired',
    });
  }
  return new PlatformError('retry', 'network', {
    'zh-CN': `无法连接平台（${code}），稍后重试`,
    en: `cannot reach the platform (${code}); will retry`,
  });
}
