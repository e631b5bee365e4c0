import { describe, expect, it } from 'vitest';
import { demoCatalog } from '../../platform/simulator/catalog.js';
import { checkAnswers, checkFormSchema, type FormSchema } from './form-schema.js';
import { checkName, checkText, validIdNumber } from './text-rules.js';

const residence = (() => {
  const c = checkFormSchema(
    demoCatalog.services.find((s) => s.id === 'residence-certificate')!.form,
  );
  if (!c.ok) throw new Error(c.reason);
  return c.schema as FormSchema;
})();

describe('text rules', () => {
  it.each([
    ['bidi control', 'abc\u202Edef', /direction/],
    ['zero-width', '张\u200B三', /invisible/],
    ['markup', '<script>alert(1)</script>', /< or >/],
    ['control', 'a\u0007b', /control/],
  ])('refuses %s', (_what, text, message) => {
    expect(checkText('note', text, 100)?.message.en).toMatch(message);
  });
  it('refuses oversized text by characters, not bytes', () => {
    expect(checkText('note', '汉'.repeat(10), 10)).toBeNull();
    expect(checkText('note', '汉'.repeat(11), 10)?.message.en).toMatch(/at most 10/);
  });
  it('refuses emoji in names and accepts real ones', () => {
    expect(checkName('name', '张三😀')?.message['zh-CN']).toMatch(/表情符号/);
    expect(checkName('name', '买买提·艾力')).toBeNull();
    expect(checkName('name', 'Li Lei')).toBeNull();
  });
  it('checks the ID number as written: check digit, and no lower-case x', () => {
    expect(validIdNumber('11010519491231002X')).toBe(true);
    expect(validIdNumber('110105194912310021')).toBe(false);
    expect(validIdNumber('11010519491231002x')).toBe(false);
  });
});

describe('catalog form schema', () => {
  it('accepts the demo forms and refuses an invalid schema, saying where', () => {
    for (const s of demoCatalog.services) expect(checkFormSchema(s.form).ok).toBe(true);
    const bad = checkFormSchema({
      type: 'object',
      additionalProperties: false,
      required: ['ghost'],
      properties: { a: { type: 'string', title: 'A' } },
    });
    expect(bad).toMatchObject({ ok: false, where: 'required' });
    expect(
      checkFormSchema({
        type: 'object',
        additionalProperties: false,
        properties: { a: { type: 'string', title: 'A', pattern: '(' } },
      }),
    ).toMatchObject({ ok: false, where: 'properties.a.pattern' });
    expect(checkFormSchema({ type: 'array' }).ok).toBe(false);
    expect(
      checkFormSchema({
        type: 'object',
        additionalProperties: false,
        properties: { a: { type: 'date', title: 'A' } },
      }).ok,
    ).toBe(false);
  });

  it('checks answers field by field, keeping the good ones', () => {
    expect(checkAnswers(residence, { address: '北京市东城区某街1号', years: '3' })).toEqual({
      ok: true,
      form: { address: '北京市东城区某街1号', years: 3 },
    });
    const bad = checkAnswers(residence, { address: '<b>x</b>', years: 3.5, extra: 'x' });
    expect(bad.ok).toBe(false);
    if (!bad.ok)
      expect(bad.issues.map((i) => i.path).sort()).toEqual(['address', 'extra', 'years']);
    const missing = checkAnswers(residence, {});
    if (!missing.ok) expect(missing.issues[0]!.message['zh-CN']).toMatch(/请填写/);
  });
});
