import type { SecretStore } from '../ports.ts';

// The headless host keeps secrets off disk: they come from the environment only, as
// VIGIL_SECRET_<KEY>, so saving one (Settings' "set token") is refused with what to do instead.
// The Electron app stores them with safeStorage (electron/safe-storage-secrets.ts).

export function secretEnvName(key: string): string {
  return `VIGIL_SECRET_${key.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;
}

export function createEnvSecretStore(env: NodeJS.ProcessEnv = process.env): SecretStore {
  return {
    async get(key) {
      const value = env[secretEnvName(key)];
      return value === undefined || value === '' ? null : value;
    },
    async set(key) {
      throw new Error(
        `the headless host keeps secrets in environment variables only and cannot save secret "${key}": ` +
          `set the environment variable ${secretEnvName(key)} and refer to it in the config file as { env: ${secretEnvName(key)} } (or { secret: ${key} }), then restart`,
      );
    },
  };
}
