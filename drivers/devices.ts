/**
 * Build the device ports the config asks for. One function per device kind, so each driver
 * adds its real adapters in its own place.
 */
import type { KioskConfig } from '../kiosk-config/schema.js';
import type { DevicePort } from './ports.js';
import { createAbsentDevice, createSimulatedDevice } from './simulated/simulated-device.js';
import { createPrinterPort } from './printer/port.js';

type DeviceConfigs = KioskConfig['devices'];

export function createDevices(devices: DeviceConfigs): DevicePort[] {
  return [
    idReaderPort(devices.idReader),
    cardReaderPort(devices.cardReader),
    printerPort(devices.printer),
  ];
}

// ── identity (issue 3) ──

function idReaderPort(config: DeviceConfigs['idReader']): DevicePort {
  return config.adapter === 'simulated'
    ? createSimulatedDevice('idReader')
    : createAbsentDevice('idReader');
}

function cardReaderPort(config: DeviceConfigs['cardReader']): DevicePort {
  return config.adapter === 'simulated'
    ? createSimulatedDevice('cardReader')
    : createAbsentDevice('cardReader');
}

// ── printing (issue 4) ──

function printerPort(config: DeviceConfigs['printer']): DevicePort {
  return createPrinterPort(config);
}
