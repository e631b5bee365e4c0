/**
 * The data key for the Electron app, wrapped by the operating system's keystore through
 * safeStorage. Linux's `basic_text` backend "encrypts" with a fixed password, which is no
 * protection at all, so it is refused rather than used.
 */
import { safeStorage } from 'electron';
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  existsSync,
  fstatSync,
  fsyncSync,
  openSync,
  readFileSync,
  renameSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { dirname } from 'node:path';
import { KeyError, type KeySource } from '../privacy/key-source.js';

/** Where the key source says what it did with a plain key file (pino's shape; never the key). */
export interface KeyLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

const silent: KeyLog = { info: () => {}, warn: () => {} };

/**
 * `adoptFrom`: a plain key file already in the data folder (the headless host's, e.g. a
 * checkout's demo data). Its key is wrapped rather than replaced, so the cases it sealed stay
 * readable. Once the wrapped copy is on disk and reads back as the same key, the plain file is
 * overwritten and removed: a key in the clear next to the data would undo the wrapping. If any
 * step fails the plain file stays, and the log says why.
 */
export function safeStorageKeySource(
  file: string,
  adoptFrom?: string,
  log: KeyLog = silent,
): KeySource {
  return {
    describe: () => `safeStorage-wrapped key ${file}`,
    load() {
      if (!safeStorage.isEncryptionAvailable()) {
        throw new KeyError(
          'the OS keystore is not available to safeStorage: start the desktop keyring, or run the headless host with a key file',
        );
      }
      // getSelectedStorageBackend answers on Linux only; elsewhere the OS keystore is always used.
      const backend =
        process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : undefined;
      if (backend === 'basic_text' || backend === 'unknown') {
        throw new KeyError(
          `safeStorage would use the plaintext "${backend}" backend: install and unlock gnome-keyring or kwallet (or pass --password-store) before storing residents' data`,
        );
      }
      const plain = adoptFrom && existsSync(adoptFrom) ? adoptFrom : null;
      if (!existsSync(file)) {
        const key = plain ? plainKey(plain) : randomBytes(32);
        writeWrapped(file, key);
        if (plain) retirePlain(file, plain, key, log);
        return key;
      }
      const key = unwrap(file);
      // A plain copy of this same key still here (an earlier erase failed): try again.
      if (plain && sameKey(plain, key)) eraseFile(plain, log);
      else if (plain)
        log.warn({ file: plain }, 'a plain key file that is not this key: left alone');
      const aside = adoptFrom && `${adoptFrom}.erasing`;
      if (aside && existsSync(aside) && sameKey(aside, key)) scrub(aside, log);
      return key;
    },
  };
}

function unwrap(file: string): Buffer {
  let plain: string;
  try {
    plain = safeStorage.decryptString(readFileSync(file));
  } catch (error) {
    throw new KeyError(
      `the wrapped key ${file} cannot be unwrapped (${(error as Error).message}): was the OS keyring reset?`,
    );
  }
  const key = Buffer.from(plain, 'base64');
  if (key.length !== 32) throw new KeyError(`the wrapped key ${file} is not a 32-byte key`);
  return key;
}

/** Written with O_EXCL, flushed, and its directory entry flushed: on disk before the plain file goes. */
function writeWrapped(file: string, key: Buffer): void {
  const fd = openSync(file, 'wx', 0o600);
  try {
    writeSync(fd, safeStorage.encryptString(key.toString('base64')));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  fsyncDir(dirname(file));
}

/** The plain file goes only once the wrapped copy has been read back as the same key. */
function retirePlain(file: string, plain: string, key: Buffer, log: KeyLog): void {
  let readBack: Buffer | null = null;
  let why = '';
  try {
    readBack = unwrap(file);
  } catch (error) {
    why = (error as Error).message;
  }
  if (!readBack?.equals(key)) {
    // A wrapped copy that does not give the key back must not be trusted on the next start:
    // remove it, so the next start adopts the plain file again.
    try {
      unlinkSync(file);
    } catch {
      // Then the next start says the wrapped key cannot be unwrapped: visible, not silent.
    }
    log.warn(
      { file: plain, reason: why || 'the wrapped key read back differently' },
      'kept the plain key file: the wrapped copy did not read back',
    );
    return;
  }
  eraseFile(plain, log);
}

/**
 * Moved aside first (which proves the folder lets us remove it), then overwritten with
 * zeros, flushed, unlinked, and the folder flushed. A failed move leaves the file as it was.
 */
function eraseFile(plain: string, log: KeyLog): void {
  const aside = `${plain}.erasing`;
  try {
    renameSync(plain, aside);
  } catch (error) {
    log.warn(
      { file: plain, code: (error as NodeJS.ErrnoException).code ?? 'unknown' },
      'kept the plain key file: it could not be moved aside for erasing',
    );
    return;
  }
  scrub(aside, log);
}

/** Zeros over the key, flushed, then the file and its directory entry gone. */
function scrub(aside: string, log: KeyLog): void {
  try {
    const fd = openSync(aside, 'r+');
    try {
      writeSync(fd, Buffer.alloc(fstatSync(fd).size), 0, undefined, 0);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    unlinkSync(aside);
    fsyncDir(dirname(aside));
    log.info({ file: aside }, 'plain key file erased: the key is kept wrapped by the OS keystore');
  } catch (error) {
    log.warn(
      { file: aside, code: (error as NodeJS.ErrnoException).code ?? 'unknown' },
      'the plain key file could not be fully erased: remove it by hand',
    );
  }
}

function fsyncDir(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function sameKey(file: string, key: Buffer): boolean {
  try {
    return plainKey(file).equals(key);
  } catch {
    return false;
  }
}

function plainKey(file: string): Buffer {
  const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  if (key.length !== 32) {
    throw new KeyError(
      `key file ${file} does not hold a 32-byte base64 key: restore it from the backup`,
    );
  }
  return key;
}
