/**
 * Build the device ports the config asks for. One function per device kind, so each driver
 * adds its real adapters in its own place.
 */
import type { KioskConfig } from '../../kiosk-config/schema.js';
import type { DevicePort } from '../../drivers/ports.js';
import {
  createAbsentDevice,
  createSimulatedDevice,
} from '../../drivers/simulated/simulated-device.js';
import { createPrinterPort } from '../../drivers/printer/port.js';
// identity
import { SamReader } from '../../drivers/id-card/sam-reader.js';
import { createSimulatedIdReader } from '../../drivers/id-card/simulated-id-reader.js';
import { PcscCardReader } from '../../drivers/pcsc/pcsc-reader.js';

type DeviceConfigs = KioskConfig['devices'];

export function createDevices(devices: DeviceConfigs): DevicePort[] {
  return [
    idReaderPort(devices.idReader),
    cardReaderPort(devices.cardReader),
    printerPort(devices.printer),
  ];
}

// ── identity ──

function idReaderPort(config: DeviceConfigs['idReader']): DevicePort {
  switch (config.adapter) {
    case 'simulated':
      return createSimulatedIdReader();
    case 'sam-serial':
      return new SamReader({ path: config.path, baudRate: config.baudRate, pollMs: config.pollMs });
    case 'none':
      return createAbsentDevice('idReader');
  }
}

function cardReaderPort(config: DeviceConfigs['cardReader']): DevicePort {
  switch (config.adapter) {
    case 'simulated':
      return createSimulatedDevice('cardReader');
    case 'pcsc':
      return new PcscCardReader({ reader: config.reader, ssseRecordMap: config.ssseRecordMap });
    case 'none':
      return createAbsentDevice('cardReader');
  }
}

// ── printing ──

function printerPort(config: DeviceConfigs['printer']): DevicePort {
  return createPrinterPort(config);
}
