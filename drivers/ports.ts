/**
 * Device ports: the small interface every device kind offers the core. Each kind has real
 * adapters (added with their drivers) and a simulated one for demo mode and tests.
 */
import type { DeviceStatus } from '../common/contract/contract.js';

export type DeviceKind = DeviceStatus['kind'];

export interface DevicePort {
  readonly kind: DeviceKind;
  status(): DeviceStatus;
  /** Called on every status change; returns the unsubscribe. */
  onChange(listener: (status: DeviceStatus) => void): () => void;
  close(): Promise<void>;
}

export const deviceLabels: Record<DeviceKind, { 'zh-CN': string; en: string }> = {
  idReader: { 'zh-CN': '身份证阅读器', en: 'ID card reader' },
  cardReader: { 'zh-CN': '社保卡/工牌读卡器', en: 'Social-security / badge reader' },
  printer: { 'zh-CN': '凭条打印机', en: 'Ticket printer' },
  hid: { 'zh-CN': '呼叫器/评价器', en: 'Caller keypad / rating pad' },
  storage: { 'zh-CN': '本机数据盘', en: 'Data disk' },
};
