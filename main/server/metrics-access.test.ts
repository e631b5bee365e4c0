import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { metricsAccess } from './metrics-access.js';

const token = 'city-monitoring-token-0001';
const hashed = createHash('sha256').update(token).digest('hex');

describe('who may read /metrics', () => {
  it.each([
    ['no token set, loopback v4', undefined, '127.0.0.1', undefined, true],
    ['no token set, loopback v6', undefined, '::1', undefined, true],
    ['no token set, loopback mapped', undefined, '::ffff:127.0.0.1', undefined, true],
    ['no token set, a LAN address', undefined, '192.168.1.20', undefined, false],
    ['no token set, a LAN address with a bearer', undefined, '10.0.0.5', `Bearer ${token}`, false],
    ['token set, right bearer from the LAN', hashed, '10.0.0.5', `Bearer ${token}`, true],
    ['token set, no header, even on loopback', hashed, '127.0.0.1', undefined, false],
    ['token set, wrong bearer', hashed, '10.0.0.5', 'Bearer city-monitoring-token-0002', false],
    ['token set, basic auth', hashed, '10.0.0.5', `Basic ${token}`, false],
  ])('%s', (_name, hashedToken, ip, header, ok) => {
    const verdict = metricsAccess(hashedToken, ip, header);
    expect(verdict.ok).toBe(ok);
    if (!verdict.ok) {
      expect(verdict.status).toBe(401);
      expect(verdict.message.en).toMatch(/token/);
      expect(verdict.message['zh-CN']).toMatch(/令牌/);
    }
  });

  it('says what to fix: the config key when none is set, the header when it is missing', () => {
    const none = metricsAccess(undefined, '10.0.0.5', undefined);
    expect(!none.ok && none.message.en).toMatch(/queue\.metrics\.hashedToken/);
    const missing = metricsAccess(hashed, '10.0.0.5', undefined);
    expect(!missing.ok && missing.message.en).toMatch(/Authorization: Bearer/);
  });
});
