import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { SafeStorageLike } from '../../electron/safe-storage-secrets.ts';

// A stand-in for the OS keychain behind Electron's safeStorage: real AES-256-GCM under a key the
// store never sees, so a test can check that only ciphertext reaches the disk. It can rotate its
// key (safeStorage then asks for a re-encryption) or be reset (old ciphertext becomes unreadable).

export interface FakeKeychain {
  safeStorage: SafeStorageLike;
  /** The keychain moved to a new key but can still read the old one once. */
  rotate(): void;
  finishRotation(): void;
  /** The keychain was reset: old ciphertext is unreadable. */
  reset(): void;
}

export function createFakeKeychain(options: { available?: boolean; backend?: string } = {}): FakeKeychain {
  let key = randomBytes(32);
  let oldKey: Buffer | null = null;
  let rotated = false;
  const encrypt = (plain: string, k: Buffer): Buffer => {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', k, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]);
  };
  const decrypt = (data: Buffer, k: Buffer): string => {
    const decipher = createDecipheriv('aes-256-gcm', k, data.subarray(0, 12));
    decipher.setAuthTag(data.subarray(12, 28));
    return Buffer.concat([decipher.update(data.subarray(28)), decipher.final()]).toString('utf8');
  };
  const safeStorage: SafeStorageLike = {
    isAsyncEncryptionAvailable: async () => options.available ?? true,
    encryptStringAsync: async (plain) => encrypt(plain, key),
    decryptStringAsync: async (data) => {
      if (rotated && oldKey) return { result: decrypt(data, oldKey), shouldReEncrypt: true };
      return { result: decrypt(data, key), shouldReEncrypt: false };
    },
    ...(options.backend ? { getSelectedStorageBackend: () => options.backend as string } : {}),
  };
  return {
    safeStorage,
    rotate: () => {
      oldKey = key;
      key = randomBytes(32);
      rotated = true;
    },
    finishRotation: () => void (rotated = false),
    reset: () => void (key = randomBytes(32)),
  };
}
