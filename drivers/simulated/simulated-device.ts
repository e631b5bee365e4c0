/**
 * A simulated device for demo mode: always present, its state settable so the demo panel and
 * tests can show what a fault looks like on every screen.
 */
import type { DeviceStatus } from '../../common/contract/contract.js';
import { Listeners } from '../listeners.js';
import { deviceLabels, type DeviceKind, type DevicePort } from '../ports.js';

export interface SimulatedDevice extends DevicePort {
  set(state: DeviceStatus['state'], message?: DeviceStatus['message']): void;
}

export function createSimulatedDevice(kind: DeviceKind): SimulatedDevice {
  const listeners = new Listeners<DeviceStatus>();
  const label = deviceLabels[kind];
  let current: DeviceStatus = {
    kind,
    adapter: 'simulated',
    state: 'ready',
    simulated: true,
    message: { 'zh-CN': `${label['zh-CN']}（模拟）就绪`, en: `${label.en} (simulated) ready` },
  };
  return {
    kind,
    status: () => current,
    onChange: (listener) => listeners.add(listener),
    set(state, message) {
      current = { ...current, state, message: message ?? current.message };
      listeners.emit(current);
    },
    close: async () => listeners.clear(),
  };
}

/** A device the config says is not fitted. */
export function createAbsentDevice(kind: DeviceKind): DevicePort {
  const label = deviceLabels[kind];
  const status: DeviceStatus = {
    kind,
    adapter: 'none',
    state: 'absent',
    simulated: false,
    message: { 'zh-CN': `未配置${label['zh-CN']}`, en: `No ${label.en.toLowerCase()} fitted` },
  };
  return { kind, status: () => status, onChange: () => () => {}, close: async () => {} };
}
