import type { KeyValueStore, SecretStore } from '../core/ports.ts';

// Secrets (Alertmanager passwords, bearer tokens) encrypted with the OS keychain through Electron's
// safeStorage; only the base64 ciphertext reaches the electron-store file. When the OS offers no
// real encryption (no keychain, or Linux's "basic_text" fallback, which uses a hard-coded key) we
// refuse to store rather than write something that is plain text in all but name. Secrets can then
// still come from environment variables (secret refs `{ env: NAME }` in the config).

/** The slice of Electron's safeStorage used here (its async API; the sync one is deprecated). */
export interface SafeStorageLike {
  isAsyncEncryptionAvailable(): Promise<boolean>;
  encryptStringAsync(plainText: string): Promise<Buffer>;
  decryptStringAsync(encrypted: Buffer): Promise<{ result: string; shouldReEncrypt: boolean }>;
  /** Linux only; absent elsewhere. */
  getSelectedStorageBackend?(): string;
}

const KEY_PREFIX = 'secret:';
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

export class SecretStorageUnavailableError extends Error {
  override name = 'SecretStorageUnavailableError';
}

function checkName(key: string): void {
  if (typeof key !== 'string' || key.length === 0 || key.length > 256 || CONTROL.test(key)) {
    throw new Error(`invalid secret name ${JSON.stringify(key)} (1-256 characters, no control characters)`);
  }
}

export function createSafeStorageSecretStore(input: { safeStorage: SafeStorageLike; store: KeyValueStore; platform: NodeJS.Platform }): SecretStore {
  const { safeStorage, store } = input;

  const requireEncryption = async (action: string, key: string): Promise<void> => {
    if (!(await safeStorage.isAsyncEncryptionAvailable())) {
      throw new SecretStorageUnavailableError(`cannot ${action} secret "${key}": the OS keychain is not available to Vigil (safeStorage); use an environment variable secret ref ({ env: NAME }) instead`);
    }
    if (input.platform === 'linux' && safeStorage.getSelectedStorageBackend?.() === 'basic_text') {
      throw new SecretStorageUnavailableError(`cannot ${action} secret "${key}": no keyring (gnome-libsecret/kwallet) was found, and the basic_text fallback is not real encryption; use an environment variable secret ref ({ env: NAME }) instead`);
    }
  };

  const write = async (key: string, value: string): Promise<void> => {
    const cipher = await safeStorage.encryptStringAsync(value);
    store.set(KEY_PREFIX + key, cipher.toString('base64'));
  };

  return {
    async get(key) {
      checkName(key);
      const stored = store.get(KEY_PREFIX + key);
      if (stored === undefined || stored === null) return null;
      if (typeof stored !== 'string' || !BASE64.test(stored)) throw new Error(`stored secret "${key}" is corrupt (not base64 ciphertext); set it again`);
      await requireEncryption('read', key);
      let decrypted: { result: string; shouldReEncrypt: boolean };
      try {
        decrypted = await safeStorage.decryptStringAsync(Buffer.from(stored, 'base64'));
      } catch (error) {
        throw new Error(`stored secret "${key}" could not be decrypted (keychain changed or reset?); set it again: ${(error as Error).message}`, { cause: error });
      }
      // The keychain rotated its key: store the value again under the new one.
      if (decrypted.shouldReEncrypt) await write(key, decrypted.result);
      return decrypted.result;
    },
    async set(key, value) {
      checkName(key);
      if (typeof value !== 'string' || value.length === 0) throw new Error(`secret "${key}" must be a non-empty string`);
      await requireEncryption('store', key);
      await write(key, value);
    },
  };
}
