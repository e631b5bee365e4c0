import { describe, expect, it, vi } from 'vitest';
import { createDispatcher } from './dispatch.js';
import { type Handlers } from '../../common/contract/call.js';
import { ContractError } from '../../common/contract/errors.js';

const ctx = { transport: 'ws' as const, peer: 'test' };

function handlers(overrides: Partial<Record<keyof Handlers, unknown>>): Handlers {
  return overrides as unknown as Handlers;
}

describe('dispatch', () => {
  it('turns a thrown error into INTERNAL, logs it, and shows no stack or detail', async () => {
    const log = { error: vi.fn() };
    const d = createDispatcher(
      handlers({
        'system.ping': () => {
          throw new Error('disk on fire at /var/lib');
        },
      }),
      log,
    );
    const reply = await d.dispatch('system.ping', { nonce: 'a' }, ctx);
    expect(reply).toEqual({ ok: false, error: expect.objectContaining({ code: 'INTERNAL' }) });
    expect(JSON.stringify(reply)).not.toContain('disk on fire');
    expect(log.error).toHaveBeenCalledOnce();
  });

  it('passes a ContractError through with its code and message', async () => {
    const refusal = new ContractError('UNAVAILABLE', {
      'zh-CN': '打印机缺纸',
      en: 'Printer out of paper',
    });
    const d = createDispatcher(
      handlers({
        'system.ping': () => {
          throw refusal;
        },
      }),
      { error: vi.fn() },
    );
    expect(await d.dispatch('system.ping', { nonce: 'a' }, ctx)).toEqual({
      ok: false,
      error: refusal.body,
    });
  });

  it('refuses a handler result that breaks the contract', async () => {
    const log = { error: vi.fn() };
    const d = createDispatcher(handlers({ 'system.ping': () => ({ nonce: 42 }) }), log);
    expect(await d.dispatch('system.ping', { nonce: 'a' }, ctx)).toMatchObject({
      ok: false,
      error: { code: 'INTERNAL' },
    });
    expect(log.error.mock.calls[0]?.[1]).toBe('handler broke the contract');
  });

  it('refuses non-string and prototype method names without calling anything', async () => {
    const d = createDispatcher(handlers({}), { error: vi.fn() });
    for (const name of [undefined, 42, '__proto__', 'constructor', 'toString']) {
      expect(await d.dispatch(name, {}, ctx)).toMatchObject({
        ok: false,
        error: { code: 'UNKNOWN_METHOD' },
      });
    }
  });

  it('treats missing params as an empty object, and refuses null members', async () => {
    const d = createDispatcher(
      handlers({ 'system.ping': ({ nonce }: { nonce: string }) => ({ nonce, serverTime: 't' }) }),
      { error: vi.fn() },
    );
    expect(await d.dispatch('system.ping', undefined, ctx)).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST', issues: [{ path: 'params.nonce', message: 'is required' }] },
    });
    expect(await d.dispatch('system.ping', { nonce: null }, ctx)).toMatchObject({
      ok: false,
      error: { issues: [{ found: 'null' }] },
    });
  });
});
