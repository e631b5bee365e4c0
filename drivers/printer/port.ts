/**
 * The printer as a DevicePort: its status in words (zh-CN + en) for every screen, so the
 * kiosk's 取号 tile greys itself with the reason before a resident taps. Real adapters wrap a
 * polling Printer; simulated and none are the foundation's stand-ins.
 */
import type { DeviceStatus } from '../../common/contract/contract.js';
import type { PrinterOptions, RealPrinterOptions } from './options.js';
import { Listeners } from '../listeners.js';
import type { DevicePort } from '../ports.js';
import {
  createAbsentDevice,
  createSimulatedDevice,
  type SimulatedDevice,
} from '../simulated/simulated-device.js';
import { stateText, type PrinterState } from './escpos/status.js';
import { createPrinter, type Printer, type PrinterSnapshot } from './printer.js';
import type { PrinterLink } from './transports/link.js';
import { createSerialLink } from './transports/serial.js';
import { createTcpLink } from './transports/tcp.js';
import { createUsbLink } from './transports/usb.js';

export interface PrinterPort extends DevicePort {
  readonly config: PrinterOptions;
  /** The real printer; undefined for simulated and none. */
  readonly printer?: Printer;
  /** The demo printer, whose state the demo panel and tests set. */
  readonly simulated?: SimulatedDevice;
  /** Marks the port busy while a job prints (the tile is greyed for others meanwhile). */
  setBusy(busy: boolean): void;
}

export function createLink(config: RealPrinterOptions): PrinterLink {
  const timeoutMs = Math.max(1000, config.replyTimeoutMs * 3);
  switch (config.adapter) {
    case 'serial':
      return createSerialLink({ path: config.path, baudRate: config.baudRate, timeoutMs });
    case 'tcp':
      return createTcpLink({ host: config.host, port: config.port });
    case 'usb':
      return createUsbLink({ path: config.path, timeoutMs });
  }
}

export function deviceState(state: PrinterState): DeviceStatus['state'] {
  return state === 'online' || state === 'paperNearEnd' ? 'ready' : 'fault';
}

export function createPrinterPort(config: PrinterOptions): PrinterPort {
  if (config.adapter === 'none') {
    return { ...createAbsentDevice('printer'), config, setBusy: () => undefined };
  }
  if (config.adapter === 'simulated') {
    const simulated = createSimulatedDevice('printer');
    let before: DeviceStatus['state'] = 'ready';
    return {
      ...simulated,
      config,
      simulated,
      setBusy(busy) {
        if (busy) before = simulated.status().state;
        simulated.set(busy ? 'busy' : before);
      },
    };
  }
  const printer = createPrinter(createLink(config), {
    pollMs: config.pollSeconds * 1000,
    replyTimeoutMs: config.replyTimeoutMs,
    confirmDelayMs: config.confirmDelayMs,
    autoStatus: config.autoStatus,
    // A read on a USB printer device file that never answers blocks a libuv thread; reopening
    // on silence would strand one more thread each time, so the USB link only reopens on errors.
    reopenAfterFailures: config.adapter === 'usb' ? 0 : 2,
  });
  const listeners = new Listeners<DeviceStatus>();
  let busy = false;
  const view = (s: PrinterSnapshot): DeviceStatus => ({
    kind: 'printer',
    adapter: config.adapter,
    state: busy && deviceState(s.state) === 'ready' ? 'busy' : deviceState(s.state),
    simulated: false,
    message: stateText[s.state],
  });
  let current = view(printer.status());
  const emit = () => {
    const next = view(printer.status());
    if (next.state === current.state && next.message.en === current.message.en) return;
    current = next;
    listeners.emit(current);
  };
  printer.onChange(emit);
  printer.start();
  return {
    kind: 'printer',
    config,
    printer,
    status: () => current,
    onChange: (listener) => listeners.add(listener),
    setBusy(b) {
      busy = b;
      emit();
    },
    async close() {
      listeners.clear();
      await printer.close();
    },
  };
}
