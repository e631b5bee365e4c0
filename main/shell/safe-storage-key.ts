/**
 * The data key for the Electron app, wrapped by the operating system's keystore through
 * safeStorage. Linux's `basic_text` backend "encrypts" with a fixed password, which is no
 * protection at all, so it is refused rather than used.
 */
import { safeStorage } from 'electron';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { KeyError, type KeySource } from '../privacy/key-source.js';

export function safeStorageKeySource(file: string): KeySource {
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
        const key = randomBytes(32);
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
