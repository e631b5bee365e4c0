/**
 * Where the data key comes from. The headless host keeps it in a 0600 file in the data
 * directory; the Electron app wraps it with safeStorage (main/shell/safe-storage-key.ts).
 * Either way the database never holds the key.
 */
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  existsSync,
  openSync,
  readFileSync,
  statSync,
  writeSync,
  fsyncSync,
} from 'node:fs';

export interface KeySource {
  /** For the technician page: where the key lives, never the key. */
  describe(): string;
  /** The 32-byte master key, created on first use. */
  load(): Buffer;
}

export class KeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KeyError';
  }
}

export function fileKeySource(file: string): KeySource {
  return {
    describe: () => `key file ${file} (0600)`,
    load() {
      if (!existsSync(file)) {
        // The desktop app adopted this folder's key into its OS keystore and erased the file:
        // a fresh key here would make every sealed case unreadable.
        if (existsSync(`${file}.safestorage`)) {
          throw new KeyError(
            `this data folder's key is kept by the desktop app's OS keystore (${file}.safestorage): start the app on it, not the headless host`,
          );
        }
        writeNewKey(file);
      }
      const stat = statSync(file);
      if ((stat.mode & 0o077) !== 0) {
        throw new KeyError(
          `key file ${file} is readable by others (mode ${(stat.mode & 0o777).toString(8)}): run chmod 600 on it`,
        );
      }
      const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
      if (key.length !== 32) {
        throw new KeyError(
          `key file ${file} does not hold a 32-byte base64 key: restore it from the backup`,
        );
      }
      return key;
    },
  };
}

function writeNewKey(file: string): void {
  // O_EXCL: two processes starting at once cannot each write a different key.
  const fd = openSync(file, 'wx', 0o600);
  try {
    writeSync(fd, randomBytes(32).toString('base64') + '\n');
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
