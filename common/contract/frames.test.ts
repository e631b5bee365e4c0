import { describe, expect, it } from 'vitest';
import { checkedEvent, EnvelopeFrame, parseServerFrame } from './contract.js';

const refusal = { code: 'FORBIDDEN', message: { 'zh-CN': '不可以', en: 'No' } };

describe('frames are parsed with the contract', () => {
  it('reads a result, a refusal and an event', () => {
    expect(parseServerFrame('{"t":"result","id":3,"ok":true,"result":{"a":1}}')).toEqual({
      t: 'result',
      id: 3,
      ok: true,
      result: { a: 1 },
    });
    const refused = JSON.stringify({ t: 'result', id: null, ok: false, error: refusal });
    expect(parseServerFrame(refused)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(parseServerFrame('{"t":"event","event":"queue.changed","data":{}}')).toMatchObject({
      t: 'event',
    });
  });

  it('drops what is not the contract: bad JSON, unknown keys, a refusal without words', () => {
    expect(parseServerFrame('{"t":"result",')).toBeNull();
    expect(parseServerFrame('{"t":"result","id":1,"ok":true,"result":1,"extra":2}')).toBeNull();
    expect(parseServerFrame('{"t":"result","id":1,"ok":false,"error":{"code":"NOPE"}}')).toBeNull();
    expect(parseServerFrame('{"t":"hello"}')).toBeNull();
    expect(EnvelopeFrame.safeParse({ ok: false, error: { code: 'FORBIDDEN' } }).success).toBe(
      false,
    );
  });

  it("checks an event's data against that event's own schema", () => {
    const good = {
      t: 'event' as const,
      event: 'identity.card',
      data: { device: 'idReader', present: true },
    };
    expect(checkedEvent(good)).toEqual({ event: 'identity.card', data: good.data });
    expect(checkedEvent({ ...good, data: { device: 'idReader', present: 'yes' } })).toBeNull();
    expect(checkedEvent({ ...good, event: 'identity.madeUp' })).toBeNull();
  });
});
