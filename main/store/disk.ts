/**
 * The disk under the data folder, watched like a device. A write that finds it full is
 * refused (DISK_FULL) and nothing else stops: the host keeps serving what needs no write,
 * 取号 greys out with the reason, and the watch looks for free space again until it is back.
 * A full disk is not damage: the database is as it was before the refused write.
 */
import { statfsSync } from 'node:fs';
import type { DeviceStatus } from '../../common/contract/contract.js';
import type { DevicePort } from '../../drivers/ports.js';
import { StoreError } from './store-error.js';

/** SQLite's SQLITE_FULL, or the file system's ENOSPC / EDQUOT. */
export function isDiskFull(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT';
}

/** The refusal at start: the folder's disk is full, which is not damage. */
export function diskFullAtStart(dataDir: string): StoreError {
  return new StoreError(
    `the disk holding ${dataDir} is full: free space on it (old logs, copies), then start again; the database is not damaged and was left as it was`,
  );
}

/** Space a write of a ticket or a case comfortably fits in, with the WAL's growth. */
const ENOUGH_BYTES = 1024 * 1024;

export interface DiskWatch extends DevicePort {
  /** A write was refused for want of space: mark the disk full and watch for space. */
  full(): void;
  readonly isFull: boolean;
}

export interface DiskWatchOptions {
  dataDir: string;
  onFull(): void;
  onSpace(): void;
  intervalMs?: number;
  freeBytes?: (dir: string) => number;
}

export function watchDisk(options: DiskWatchOptions): DiskWatch {
  const free = options.freeBytes ?? freeBytesOf;
  const listeners = new Set<(s: DeviceStatus) => void>();
  let since: Date | null = null;
  let timer: NodeJS.Timeout | null = null;
  const status = (): DeviceStatus => ({
    kind: 'storage',
    adapter: 'data-folder',
    state: since ? 'fault' : 'ready',
    simulated: false,
    message: since ? fullText(since) : readyText,
  });
  const changed = () => listeners.forEach((l) => l(status()));
  const look = () => {
    if (free(options.dataDir) < ENOUGH_BYTES) return;
    since = null;
    if (timer) clearInterval(timer);
    timer = null;
    options.onSpace();
    changed();
  };
  return {
    kind: 'storage',
    status,
    get isFull() {
      return since !== null;
    },
    full() {
      if (since) return;
      since = new Date();
      options.onFull();
      changed();
      timer = setInterval(look, options.intervalMs ?? 2000);
      timer.unref();
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      if (timer) clearInterval(timer);
      listeners.clear();
    },
  };
}

function freeBytesOf(dir: string): number {
  try {
    const s = statfsSync(dir);
    return s.bavail * s.bsize;
  } catch {
    return 0;
  }
}

const readyText = { 'zh-CN': '本机数据盘正常', en: 'Data disk has space' };

function fullText(since: Date) {
  const at = since.toISOString().slice(11, 16);
  return {
    'zh-CN': `本机数据盘已满（${at} UTC 起）：暂停取号和申报，请技术人员清理磁盘空间，空间恢复后自动继续`,
    en: `The data disk is full (since ${at} UTC): tickets and applications wait; a technician must free space, and service resumes by itself`,
  };
}
