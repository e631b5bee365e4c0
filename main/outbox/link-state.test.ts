import { describe, expect, it } from 'vitest';
import { PlatformError } from '../platform/errors.js';
import { failedWith, reached, unknownLink } from './link-state.js';

describe('the platform link state', () => {
  const text = { 'zh-CN': '错误', en: 'error' };

  it('is offline after a retryable failure and says so on the next answer', () => {
    const link = unknownLink();
    failedWith(link, new PlatformError('retry', 'timeout', text), 5);
    expect(link).toEqual({ online: false, lastError: { code: 'timeout', at: 5 } });
    expect(reached(link)).toBe(true);
    expect(link.online).toBe(true);
    expect(reached(link)).toBe(false);
  });

  it('counts a refusal as reached: the platform answered', () => {
    const link = unknownLink();
    failedWith(link, new PlatformError('permanent', 'bad-request', text), 7);
    expect(link).toEqual({ online: true, lastError: { code: 'bad-request', at: 7 } });
    failedWith(link, new PlatformError('setup', 'pin-mismatch', text), 8);
    expect(link.online).toBe(false);
  });
});
