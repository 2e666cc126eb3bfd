// The settings and secrets adapters the runtimes wire into the core.
export { createConfStore } from './conf-store.ts';
export type { ConfStoreOptions } from './conf-store.ts';
export { createEnvSecretStore, secretEnvName } from './env-secret-store.ts';
export { resolveSecretRef } from './resolve-secret-ref.ts';
