import { describe, expect, it } from 'vitest';
import { checkChar } from '../../common/identity/id-number.js';
import { encodeCommand, encodeFrame, FrameParser, type ParserItem } from './frame.js';
import { encodeReadData, identityFromReadData, TEXT_LEN } from './id-card-text.js';
import { knownSw3, sw3Detail, sw3Message, sw3Text } from './sw3.js';

const hex = (s: string): Buffer => Buffer.from(s.replace(/\s+/g, ''), 'hex');
const today = new Date('2026-11-28T05:00:00Z');
const replies = (items: ParserItem[]) =>
  items.flatMap((i) => (i.kind === 'reply' ? [i.reply] : []));

const card = {
  name: '张三',
  sex: '2',
  nation: '01',
  birth: '19491231',
  address: '北京市西城区复兴门外大街1号',
  idNumber: '11010519491231002X',
  issuer: '北京市公安局西城分局',
  validFrom: '20200101',
  validTo: '长期',
};

describe('GA 467 frames', () => {
  it('encodes the four commands exactly as devices.md lists them', () => {
    expect(encodeCommand('samStatus')).toEqual(hex('AA AA AA 96 69 00 03 11 FF ED'));
    expect(encodeCommand('find')).toEqual(hex('AA AA AA 96 69 00 03 20 01 22'));
    expect(encodeCommand('select')).toEqual(hex('AA AA AA 96 69 00 03 20 02 21'));
    expect(encodeCommand('read')).toEqual(hex('AA AA AA 96 69 00 03 30 01 32'));
  });

  it('parses the find reply from the manual', () => {
    const [r] = replies(
      new FrameParser().push(hex('AA AA AA 96 69 00 08 00 00 9F 00 00 00 00 97')),
    );
    expect(r).toEqual({ sw1: 0, sw2: 0, sw3: 0x9f, data: hex('00 00 00 00') });
  });

  it('reassembles a 1295-byte reply fed one byte at a time, with garbage in front', () => {
    const frame = encodeFrame(Buffer.concat([hex('00 00 90'), encodeReadData(card)]));
    expect(frame.length).toBe(1295);
    expect(frame.readUInt16BE(5)).toBe(0x0508);
    const p = new FrameParser();
    const items: ParserItem[] = [...p.push(hex('13 AA 00 AA AA 96'))];
    for (const b of frame) items.push(...p.push(Buffer.from([b])));
    const got = replies(items);
    expect(got).toHaveLength(1);
    expect(got[0]!.sw3).toBe(0x90);
    expect(items.some((i) => i.kind === 'dropped')).toBe(true);
    expect(p.pending).toBe(0);
  });

  it('splits two merged frames and drops one with a bad checksum', () => {
    const good = encodeFrame([0, 0, 0x90]);
    const bad = Buffer.from(encodeFrame([0, 0, 0x9f, 1, 2, 3, 4]));
    bad.writeUInt8(bad.at(-1)! ^ 0xff, bad.length - 1);
    const items = new FrameParser().push(Buffer.concat([good, bad, good]));
    expect(replies(items)).toHaveLength(2);
    expect(items.some((i) => i.kind === 'dropped' && i.reason === 'checksum')).toBe(true);
  });

  it('refuses an impossible length and resynchronises on the next preamble', () => {
    const items = new FrameParser().push(
      Buffer.concat([hex('AA AA AA 96 69 FF FF 00'), encodeFrame([0, 0, 0x80])]),
    );
    expect(replies(items).map((r) => r.sw3)).toEqual([0x80]);
    expect(items.some((i) => i.kind === 'dropped' && i.reason === 'length')).toBe(true);
  });

  it('holds a truncated frame without inventing a reply', () => {
    const frame = encodeFrame(Buffer.concat([hex('00 00 90'), encodeReadData(card)]));
    const p = new FrameParser();
    expect(replies(p.push(frame.subarray(0, 700)))).toEqual([]);
    expect(p.pending).toBe(700);
  });

  it('gives every SW3 words for the resident and the code for the technician, unknown codes included', () => {
    for (const code of [...knownSw3(), 0x77]) {
      const resident = sw3Message(code);
      expect(resident['zh-CN']).not.toMatch(/SW3|0x/);
      expect(resident.en).not.toMatch(/SW3|0x/);
      expect(sw3Text(code)['zh-CN']).toContain(sw3Detail(code));
      expect(sw3Text(code).en).toContain(sw3Detail(code));
    }
    expect(sw3Message(0x41)['zh-CN']).toContain('读卡失败');
    expect(sw3Message(0x77)['zh-CN']).toContain('读卡失败');
    expect(sw3Detail(0x41)).toBe('SW3=41');
  });
});

describe('the read reply text', () => {
  it('decodes every field, long-term validity included, and keeps no photo', () => {
    const r = identityFromReadData(encodeReadData(card), today);
    expect(r).toEqual({
      ok: true,
      identity: {
        idNumber: '11010519491231002X',
        name: '张三',
        sex: 'female',
        nation: '汉',
        birthDate: '1949-12-31',
        address: '北京市西城区复兴门外大街1号',
        issuer: '北京市公安局西城分局',
        validFrom: '2020-01-01',
        validTo: 'long-term',
        source: 'id-card',
        readAt: today.toISOString(),
      },
    });
    expect(JSON.stringify(r)).not.toMatch(/photo/i);
  });

  it('upper-cases a lower-case x from the card (the same check character)', () => {
    const r = identityFromReadData(
      encodeReadData({ ...card, idNumber: '11010519491231002x' }),
      today,
    );
    expect(r.ok && r.identity.idNumber).toBe('11010519491231002X');
  });

  it('keeps a minority name with · and a rare character outside the BMP', () => {
    const id = '650102198801010' + '03';
    const idNumber = id + checkChar(id);
    const minority = identityFromReadData(
      encodeReadData({
        ...card,
        name: '阿依古丽·买买提',
        nation: '05',
        birth: '19880101',
        idNumber,
      }),
      today,
    );
    expect(minority.ok && minority.identity.name).toBe('阿依古丽·买买提');
    expect(minority.ok && minority.identity.nation).toBe('维吾尔');
    const rare = identityFromReadData(encodeReadData({ ...card, name: '王𠮷' }), today);
    expect(rare.ok && rare.identity.name).toBe('王𠮷');
  });

  it.each([
    ['unknown nation code', { nation: '77' }, '民族代码'],
    ['empty name', { name: '' }, '姓名为空'],
    ['impossible birth date', { birth: '19490231' }, '出生日期无效'],
    ['birth date not matching the number', { birth: '19491230' }, '不一致'],
    ['invalid checksum', { idNumber: '110105194912310021' }, '校验位不正确'],
    ['short ID number', { idNumber: '11010519491231002' }, '18 位'],
    ['15-digit number', { idNumber: '110105491231002' }, '15 位'],
    ['expired', { validFrom: '20100101', validTo: '20200101' }, '已过期'],
    ['bad validity', { validTo: '20201301' }, '有效期无效'],
    ['control bytes', { address: 'a\u0001b' }, '非法字符'],
  ])('refuses %s with a clear message and no identity', (_, change, zh) => {
    const r = identityFromReadData(encodeReadData({ ...card, ...change }), today);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.fault.message['zh-CN']).toContain(zh);
    expect(r).not.toHaveProperty('identity');
  });

  it('refuses oversized block lengths and truncated data', () => {
    const data = encodeReadData(card);
    const wrongLen = Buffer.from(data);
    wrongLen.writeUInt16BE(TEXT_LEN + 2, 0);
    expect(identityFromReadData(wrongLen, today)).toMatchObject({
      ok: false,
      fault: { code: 'invalid-card' },
    });
    expect(identityFromReadData(data.subarray(0, 300), today)).toMatchObject({
      ok: false,
      fault: { message: { 'zh-CN': expect.stringContaining('截断') } },
    });
    expect(identityFromReadData(Buffer.alloc(2), today).ok).toBe(false);
    const bigPhoto = Buffer.from(data);
    bigPhoto.writeUInt16BE(0x0401, 2);
    expect(identityFromReadData(bigPhoto, today).ok).toBe(false);
  });
});
