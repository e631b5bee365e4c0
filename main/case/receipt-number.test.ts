import { describe, expect, it } from 'vitest';
import { localParts } from '../../common/local-time.js';
import { buildReceipt, receiptLines } from './receipt.js';
import { receiptNumberFor } from './submit.js';

describe('the receipt a resident takes home', () => {
  it('its number carries the hall date, not the UTC date, just after local midnight', () => {
    // 2026-12-02T17:30Z is 01:30 on 12-03 in Shanghai: the slip says 12-03, so must the number.
    const ms = Date.parse('2026-12-02T17:30:00Z');
    const hallDate = localParts(ms, 'Asia/Shanghai').date;
    expect(receiptNumberFor(hallDate, 42)).toBe('R261203000042');
    expect(receiptNumberFor(localParts(ms, 'UTC').date, 42)).toBe('R261202000042');
  });

  it('lists the service materials as 已收材料, and neither the ID nor the time limit among them', () => {
    const receipt = buildReceipt({
      hallName: { 'zh-CN': '示范街道便民服务中心', en: 'Demo hall' },
      receiptNumber: 'R261203000042',
      platformCaseNumber: null,
      serviceName: { 'zh-CN': '居住证申领', en: 'Residence permit' },
      applicant: { idNumber: '11010519491231002X', name: '李小红' },
      submittedAt: '2026-12-02T17:30:00.000Z',
      timeLimitDays: 5,
      materials: [
        { 'zh-CN': '身份证原件', en: 'ID card' },
        { 'zh-CN': '租房合同', en: 'Tenancy contract' },
      ],
    });
    const lines = receiptLines(receipt);
    expect(lines.filter((l) => l.startsWith('已收材料'))).toEqual([
      '已收材料 1. 身份证原件',
      '已收材料 2. 租房合同',
    ]);
    expect(lines.join('\n')).not.toContain('11010519491231002X');
    expect(lines).toContain('承诺时限 5 个工作日');
  });
});
