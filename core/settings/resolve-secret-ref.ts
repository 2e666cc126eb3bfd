import { SECRET_ENV_PREFIX, type SecretRef } from '../../shared/config-schema.ts';
import type { SecretStore } from '../ports.ts';
import { secretEnvName } from './env-secret-store.ts';

// A config file names where a secret lives ({env: NAME} or {secret: key}); this turns the name
// into the value at the moment a request needs it, and says exactly what to set when it is missing.

export async function resolveSecretRef(ref: SecretRef, secrets: SecretStore, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  if ('env' in ref) {
    // The config schema already refuses other names; this keeps a ref built elsewhere to the same rule.
    if (!ref.env.startsWith(SECRET_ENV_PREFIX)) throw new Error(`secret refused: environment variable ${ref.env} does not start with ${SECRET_ENV_PREFIX}`);
    const value = env[ref.env];
    if (value === undefined || value === '') throw new Error(`secret missing: environment variable ${ref.env} is not set`);
    return value;
  }
  const value = await secrets.get(ref.secret);
  if (value === null || value === '') {
    throw new Error(
      `secret missing: no stored secret "${ref.secret}" (save it in Settings, or for the headless host set ${secretEnvName(ref.secret)})`,
    );
  }
  return value;
}
