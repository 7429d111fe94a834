/**
 * SecretStore for the Electron build: values are encrypted by the OS keychain through Electron's safeStorage
 * (DPAPI on Windows, libsecret/kwallet on Linux) and only the ciphertext is written to `secrets.enc.json`.
 * safeStorage lives in the main process, so the cipher is injected: the core process passes a function that
 * round-trips to the main process. No electron import here.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { SecretStore } from '../core/settings';

export type Cipher = {
  /** Returns base64 of the encrypted bytes. */
  encrypt(plain: string): Promise<string>;
  /** Takes base64 of the encrypted bytes. */
  decrypt(encryptedBase64: string): Promise<string>;
};

export function createSafeStorageSecretStore(dataDir: string, cipher: Cipher): SecretStore {
  const file = join(dataDir, 'secrets.enc.json');
  const load = (): Record<string, string> => {
    if (!existsSync(file)) return {};
    try {
      return z.record(z.string(), z.string()).parse(JSON.parse(readFileSync(file, 'utf8')));
    } catch {
      // A damaged file only costs a new login; it must not stop the app.
      return {};
    }
  };
  const save = (data: Record<string, string>) => {
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(data), { mode: 0o600 });
    renameSync(tmp, file);
  };
  return {
    async get(key) {
      const encrypted = load()[key];
      if (encrypted === undefined) return null;
      try {
        return await cipher.decrypt(encrypted);
      } catch {
        // The OS keychain changed (new user profile, reinstalled OS): the secret is unreadable, log in again.
        return null;
      }
    },
    async set(key, value) {
      const encrypted = await cipher.encrypt(value);
      save({ ...load(), [key]: encrypted });
    },
    async delete(key) {
      const data = load();
      if (!(key in data)) return;
      delete data[key];
      save(data);
    },
  };
}
