import { describe, expect, it } from 'vitest';
import type { KeyValueStore } from '../core/ports.ts';
import { createSafeStorageSecretStore, SecretStorageUnavailableError } from './safe-storage-secrets.ts';
import { createFakeKeychain } from '../test-fixtures/electron/fake-keychain.ts';

function memoryStore(): KeyValueStore & { data: Map<string, unknown> } {
  const data = new Map<string, unknown>();
  return { data, get: (k) => data.get(k), set: (k, v) => void data.set(k, v) };
}

describe('createSafeStorageSecretStore', () => {
  it('stores only base64 ciphertext and reads the secret back', async () => {
    const store = memoryStore();
    const secrets = createSafeStorageSecretStore({ safeStorage: createFakeKeychain().safeStorage, store, platform: 'darwin' });
    const secret = 'hunter2-am-password';
    await secrets.set('prod-am', secret);
    const written = JSON.stringify([...store.data]);
    expect(written).not.toContain(secret);
    expect(written).not.toContain(Buffer.from(secret).toString('base64'));
    expect(store.data.get('secret:prod-am')).toMatch(/^[A-Za-z0-9+/]+=*$/);
    await expect(secrets.get('prod-am')).resolves.toBe(secret);
    await expect(secrets.get('unknown')).resolves.toBeNull();
  });

  it('refuses to store, and writes nothing, when the OS offers no encryption', async () => {
    const store = memoryStore();
    const secrets = createSafeStorageSecretStore({ safeStorage: createFakeKeychain({ available: false }).safeStorage, store, platform: 'win32' });
    await expect(secrets.set('prod-am', 'pw')).rejects.toThrow(SecretStorageUnavailableError);
    await expect(secrets.set('prod-am', 'pw')).rejects.toThrow(/OS keychain is not available.*environment variable/);
    expect(store.data.size).toBe(0);
  });

  it("refuses Linux's basic_text backend, whose key is hard-coded", async () => {
    const store = memoryStore();
    const secrets = createSafeStorageSecretStore({ safeStorage: createFakeKeychain({ backend: 'basic_text' }).safeStorage, store, platform: 'linux' });
    await expect(secrets.set('token', 'abc')).rejects.toThrow(/basic_text fallback is not real encryption/);
    expect(store.data.size).toBe(0);
    const withKeyring = createSafeStorageSecretStore({ safeStorage: createFakeKeychain({ backend: 'gnome_libsecret' }).safeStorage, store, platform: 'linux' });
    await withKeyring.set('token', 'abc');
    await expect(withKeyring.get('token')).resolves.toBe('abc');
  });

  it('re-encrypts under the new key when the keychain asks for it', async () => {
    const store = memoryStore();
    const keychain = createFakeKeychain();
    const secrets = createSafeStorageSecretStore({ safeStorage: keychain.safeStorage, store, platform: 'darwin' });
    await secrets.set('token', 'abc');
    const before = store.data.get('secret:token');
    keychain.rotate();
    await expect(secrets.get('token')).resolves.toBe('abc');
    expect(store.data.get('secret:token')).not.toBe(before);
    keychain.finishRotation();
    await expect(secrets.get('token')).resolves.toBe('abc');
  });

  it('reports unreadable or corrupt ciphertext clearly instead of returning garbage', async () => {
    const store = memoryStore();
    const keychain = createFakeKeychain();
    const secrets = createSafeStorageSecretStore({ safeStorage: keychain.safeStorage, store, platform: 'darwin' });
    await secrets.set('token', 'abc');
    keychain.reset();
    await expect(secrets.get('token')).rejects.toThrow(/stored secret "token" could not be decrypted/);
    store.set('secret:bad', 'not base64!');
    await expect(secrets.get('bad')).rejects.toThrow(/corrupt/);
  });

  it('validates names and values', async () => {
    const secrets = createSafeStorageSecretStore({ safeStorage: createFakeKeychain().safeStorage, store: memoryStore(), platform: 'darwin' });
    await expect(secrets.set('', 'x')).rejects.toThrow('invalid secret name');
    await expect(secrets.set('a\nb', 'x')).rejects.toThrow('invalid secret name');
    await expect(secrets.set('ok', '')).rejects.toThrow('non-empty string');
  });
});
