/** Build the device ports the config asks for. */
import type { KioskConfig } from '../kiosk-config/schema.js';
import type { DevicePort } from './ports.js';
import { createAbsentDevice, createSimulatedDevice } from './simulated/simulated-device.js';

export function createDevices(devices: KioskConfig['devices']): DevicePort[] {
  return (['idReader', 'cardReader', 'printer'] as const).map((kind) =>
    devices[kind].adapter === 'simulated' ? createSimulatedDevice(kind) : createAbsentDevice(kind),
  );
}
