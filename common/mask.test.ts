import { describe, expect, it } from 'vitest';
import { maskIdNumber, maskIdentity, maskName, maskPhone, maskTail } from './mask.js';

describe('the one mask policy', () => {
  it.each([
    ['张', '*'],
    ['张三', '张*'],
    ['张小三', '张**'],
    ['欧阳娜娜', '欧阳**'],
    ['欧阳娜', '欧阳*'],
    ['司马相如', '司马**'],
    // Four characters without a compound surname keep one.
    ['王小明明', '王***'],
    ['阿依古丽·买买提', '阿***·***'],
    ['刘䶮', '刘*'],
    ['王𠮷', '王*'],
    ['ZHANG San', 'Z**** S**'],
    ['  张三 ', '张*'],
    ['', ''],
  ])('name %j → %j', (name, masked) => expect(maskName(name)).toBe(masked));

  it('ID numbers keep the first and last four, phones the prefix and the last four', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('1101**********002X');
    expect(maskIdNumber('1234')).toBe('****');
    expect(maskPhone('13812341234')).toBe('138****1234');
    expect(maskTail('04A22B6A')).toBe('****2B6A');
  });

  it('an identity for the technician keeps nothing that identifies the person', () => {
    const masked = maskIdentity({
      idNumber: '11010519491231002X',
      name: '欧阳娜娜',
      birthDate: '1949-12-31',
      address: '北京市东城区某街道1号',
    });
    expect(masked).toEqual({
      idNumber: '1101**********002X',
      name: '欧阳**',
      birthDate: '1949-**-**',
      address: '北京市***',
    });
  });
});
