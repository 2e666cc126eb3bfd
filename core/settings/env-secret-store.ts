import type { SecretStore } from '../ports.ts';

// The headless host keeps secrets out of disk: they come from the environment only, as
// VIGIL_SECRET_<KEY>. The Electron app stores them with safeStorage instead (electron/).

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
        `secret "${key}" cannot be saved by the headless host, which keeps secrets off disk: set the environment variable ${secretEnvName(key)} instead`,
      );
    },
  };
}
