/**
 * The data key for the Electron app, wrapped by the operating system's keystore through
 * safeStorage. Linux's `basic_text` backend "encrypts" with a fixed password, which is no
 * protection at all, so it is refused rather than used.
 */
import { safeStorage } from 'electron';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { KeyError, type KeySource } from '../privacy/key-source.js';

/**
 * `adoptFrom`: a plain key file already in the data folder (the headless host's, e.g. a
 * checkout's demo data). Its key is wrapped rather than replaced, so the cases it sealed stay
 * readable; the plain file is left for the host that may still use it.
 */
export function safeStorageKeySource(file: string, adoptFrom?: string): KeySource {
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
      if (!existsSync(file)) {
        const key = adoptFrom && existsSync(adoptFrom) ? plainKey(adoptFrom) : randomBytes(32);
        writeFileSync(file, safeStorage.encryptString(key.toString('base64')), {
          mode: 0o600,
          flag: 'wx',
        });
        return key;
      }
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
    },
  };
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
