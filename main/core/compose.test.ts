import { describe, expect, it } from 'vitest';
import { methods } from '../../common/contract/contract.js';
import type { Handlers } from '../../common/contract/call.js';
import { composeHandlers } from './compose.js';

const answer = () => ({}) as never;
const all = Object.fromEntries(methods.map((m) => [m, answer])) as unknown as Handlers;
const { 'system.ping': ping, ...rest } = all;

describe('composing the handlers', () => {
  it('takes every method from the one part that answers it', () => {
    const composed = composeHandlers([
      ['system', { 'system.ping': ping }],
      ['the rest', rest],
    ]);
    expect(Object.keys(composed).sort()).toEqual([...methods].sort());
    expect(composed['system.ping']).toBe(ping);
  });

  it('refuses a method two parts answer, naming both', () => {
    expect(() =>
      composeHandlers([
        ['queue', { 'queue.confirmPrint': answer }],
        ['appointments', { 'queue.confirmPrint': answer }],
        ['the rest', rest],
      ]),
    ).toThrow('queue.confirmPrint is answered by both queue and appointments');
  });

  it('refuses a contract method no part answers', () => {
    expect(() => composeHandlers([['the rest', rest]])).toThrow('no part answers system.ping');
  });
});
