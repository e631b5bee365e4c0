/**
 * Who may read `/metrics`. The figures are counts only, but they still tell an outsider how
 * busy the hall is and which counters are staffed, so they are not for anyone on the LAN.
 * With `queue.metrics.hashedToken` set, the city's monitoring sends `Authorization: Bearer
 * <token>` (Prometheus: `authorization: { credentials: … }`); without it only this machine
 * (loopback) may read them.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Text } from '../../common/contract/contract.js';

export type MetricsVerdict = { ok: true } | { ok: false; status: 401; message: Text };

const isLoopback = (ip: string): boolean =>
  ip === '::1' || ip.startsWith('127.') || ip.startsWith('::ffff:127.');

export function metricsAccess(
  hashedToken: string | undefined,
  ip: string,
  authorization: string | undefined,
): MetricsVerdict {
  if (!hashedToken) {
    if (isLoopback(ip)) return { ok: true };
    return refuse({
      'zh-CN': '本机未配置监控令牌，仅限本机读取：请在配置中设置 queue.metrics.hashedToken',
      en: 'No monitoring token is set, so only this machine may read: set queue.metrics.hashedToken in the config',
    });
  }
  const token = /^Bearer (\S{16,512})$/.exec(authorization ?? '')?.[1];
  if (!token) {
    return refuse({
      'zh-CN': '缺少监控令牌：请求头需带 Authorization: Bearer <令牌>',
      en: 'The monitoring token is missing: send Authorization: Bearer <token>',
    });
  }
  const given = createHash('sha256').update(token).digest();
  if (!timingSafeEqual(given, Buffer.from(hashedToken, 'hex'))) {
    return refuse({
      'zh-CN': '监控令牌不正确：请核对监控系统中的令牌',
      en: 'The monitoring token is wrong: check the token in the monitoring system',
    });
  }
  return { ok: true };
}

function refuse(message: Text): MetricsVerdict {
  return { ok: false, status: 401, message };
}
