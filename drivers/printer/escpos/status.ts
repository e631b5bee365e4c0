/**
 * Status codec (devices.md §4): DLE EOT n replies and automatic status back → one printer
 * state. Pure: bytes in, values out. A reply whose fixed bits are wrong is garbage, not a state.
 */
import type { Text } from '../../../common/text.js';

export type PrinterState =
  'online' | 'paperNearEnd' | 'offline' | 'coverOpen' | 'paperOut' | 'cutterError' | 'unreachable';

/** What the four DLE EOT replies say, bit by bit. */
export interface StatusBits {
  offline: boolean;
  coverOpen: boolean;
  paperEndStop: boolean;
  error: boolean;
  cutterError: boolean;
  unrecoverable: boolean;
  paperNearEnd: boolean;
  paperOut: boolean;
}

export const noFault: StatusBits = {
  offline: false,
  coverOpen: false,
  paperEndStop: false,
  error: false,
  cutterError: false,
  unrecoverable: false,
  paperNearEnd: false,
  paperOut: false,
};

/** A DLE EOT reply has bits 1 and 4 set, bits 0 and 7 clear (base 0x12). */
export function isStatusReply(byte: number): boolean {
  return (byte & 0x93) === 0x12;
}

/** The first byte of an automatic status back: bits 0, 1, 7 clear, bit 4 set. */
export function isAutoStatusStart(byte: number): boolean {
  return (byte & 0x93) === 0x10;
}

/** Reads one DLE EOT n reply into the bits it carries; undefined for garbage. */
export function decodeStatusReply(n: 1 | 2 | 3 | 4, byte: number): Partial<StatusBits> | undefined {
  if (!isStatusReply(byte)) return undefined;
  const bit = (i: number) => (byte & (1 << i)) !== 0;
  switch (n) {
    case 1:
      return { offline: bit(3) };
    case 2:
      return { coverOpen: bit(2), paperEndStop: bit(5), error: bit(6) };
    case 3:
      return { cutterError: bit(3), unrecoverable: bit(5) };
    case 4:
      return { paperNearEnd: (byte & 0x0c) !== 0, paperOut: (byte & 0x60) !== 0 };
  }
}

/** Reads a 4-byte automatic status back; undefined if the frame is not one. */
export function decodeAutoStatus(frame: ArrayLike<number>): StatusBits | undefined {
  if (frame.length !== 4 || !isAutoStatusStart(frame[0]!)) return undefined;
  const [b1, b2, b3] = [frame[0]!, frame[1]!, frame[2]!];
  return {
    ...noFault,
    offline: (b1 & 0x08) !== 0,
    coverOpen: (b1 & 0x20) !== 0,
    cutterError: (b2 & 0x08) !== 0,
    unrecoverable: (b2 & 0x20) !== 0,
    paperNearEnd: (b3 & 0x03) !== 0,
    paperOut: (b3 & 0x0c) !== 0,
  };
}

/** The most pressing state the bits show: the one a person must fix first. */
export function stateOf(bits: StatusBits): PrinterState {
  if (bits.coverOpen) return 'coverOpen';
  if (bits.paperOut || bits.paperEndStop) return 'paperOut';
  if (bits.cutterError || bits.unrecoverable) return 'cutterError';
  if (bits.offline || bits.error) return 'offline';
  if (bits.paperNearEnd) return 'paperNearEnd';
  return 'online';
}

/** States in which a ticket may be printed. */
export function canPrint(state: PrinterState): boolean {
  return state === 'online' || state === 'paperNearEnd';
}

export const stateText: Record<PrinterState, Text> = {
  online: { 'zh-CN': '打印机就绪', en: 'Printer ready' },
  paperNearEnd: {
    'zh-CN': '打印纸即将用完，请通知工作人员',
    en: 'Paper is running low; please tell staff',
  },
  offline: {
    'zh-CN': '打印机离线，暂不能取号，请到服务台',
    en: 'Printer offline; tickets are unavailable, please go to the service desk',
  },
  coverOpen: {
    'zh-CN': '打印机盖未关好，暂不能取号，请通知工作人员',
    en: 'Printer cover is open; tickets are unavailable, please tell staff',
  },
  paperOut: {
    'zh-CN': '打印纸已用完，暂不能取号，请到服务台',
    en: 'Out of paper; tickets are unavailable, please go to the service desk',
  },
  cutterError: {
    'zh-CN': '打印机切纸故障，暂不能取号，请通知工作人员',
    en: 'Printer cutter fault; tickets are unavailable, please tell staff',
  },
  unreachable: {
    'zh-CN': '无法连接打印机，暂不能取号，请到服务台',
    en: 'Cannot reach the printer; tickets are unavailable, please go to the service desk',
  },
};

/** Each set bit in words, for the technician. */
export function bitsInWords(bits: StatusBits): string[] {
  const words: Record<keyof StatusBits, string> = {
    offline: 'offline (n=1 bit 3)',
    coverOpen: 'cover open (n=2 bit 2)',
    paperEndStop: 'stopped at paper end (n=2 bit 5)',
    error: 'error (n=2 bit 6)',
    cutterError: 'autocutter error (n=3 bit 3)',
    unrecoverable: 'unrecoverable error (n=3 bit 5)',
    paperNearEnd: 'paper near end (n=4 bits 2–3)',
    paperOut: 'paper end (n=4 bits 5–6)',
  };
  return (Object.keys(words) as (keyof StatusBits)[]).filter((k) => bits[k]).map((k) => words[k]);
}
