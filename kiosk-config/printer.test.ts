import { describe, expect, it } from 'vitest';
import { KioskConfig } from './schema.js';

const base = { hall: { id: 'test-hall', name: { 'zh-CN': '测试', en: 'Test' } } };
const parse = (printer: unknown, printing?: unknown) =>
  KioskConfig.safeParse({ ...base, devices: { printer }, ...(printing ? { printing } : {}) });

describe('printer config', () => {
  it('tcp with defaults: port 9100, 80 mm, GBK font, 1 s reply timeout', () => {
    const r = parse({ adapter: 'tcp', host: '10.0.0.5' });
    expect(r.success && r.data.devices.printer).toMatchObject({
      adapter: 'tcp',
      host: '10.0.0.5',
      port: 9100,
      paper: '80mm',
      fontCoverage: 'gbk',
      replyTimeoutMs: 1000,
    });
  });
  it('usb defaults to /dev/usb/lp0; serial needs a path', () => {
    const usb = parse({ adapter: 'usb' });
    expect(usb.success && usb.data.devices.printer).toMatchObject({ path: '/dev/usb/lp0' });
    const serial = parse({ adapter: 'serial' });
    expect(serial.success).toBe(false);
    expect(serial.error?.issues[0]?.path).toEqual(['devices', 'printer', 'path']);
  });
  it('a tcp setting on a simulated printer is refused (strict)', () => {
    expect(parse({ adapter: 'simulated', host: 'x' }).success).toBe(false);
  });
  it('ticket template: masked name by default, none allowed, anything else refused', () => {
    const r = parse({ adapter: 'none' });
    expect(r.success && r.data.printing.ticket.showName).toBe('masked');
    expect(parse({ adapter: 'none' }, { ticket: { showName: 'none' } }).success).toBe(true);
    expect(parse({ adapter: 'none' }, { ticket: { showName: 'full' } }).success).toBe(false);
  });
});
