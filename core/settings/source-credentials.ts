import { z } from 'zod';
import { isCredentialHeaderName, type SourceAuth, type SourceConfig } from '../../shared/config-schema.ts';

// Credentials belong to the Alertmanager they were configured for. Whatever changes a source's
// URLs from the settings (the UI, a compromised renderer, anyone with the host token) must not
// take the source's token along to a new host: credentials survive only while every URL keeps an
// origin (scheme, host, port) the source already had.

function originOf(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

/** True when every URL in `after` has an origin that one of `before` had (a path change or a dropped HA member keeps them). */
export function keepsCredentials(before: readonly string[], after: readonly string[]): boolean {
  const known = new Set(before.map(originOf).filter((origin): origin is string => origin !== null));
  return after.every((url) => {
    const origin = originOf(url);
    return origin !== null && known.has(origin);
  });
}

/** The source without anything secret: no auth, and only the headers that are plain, non-credential values. */
export function withoutCredentials<S extends Pick<SourceConfig, 'headers'> & { auth?: SourceAuth | undefined }>(source: S): S {
  const headers = Object.fromEntries(Object.entries(source.headers).filter(([name, value]) => typeof value === 'string' && !isCredentialHeaderName(name)));
  const { auth: _dropped, ...rest } = source;
  return { ...rest, headers } as S;
}

export type CredentialPart = 'bearer' | 'password';

/**
 * The secret-store key for a credential typed in Settings. The core chooses it from the source id,
 * never the caller, so a request cannot point a source at a secret stored for another one.
 */
export function sourceSecretKey(sourceId: string, part: CredentialPart): string {
  return `source.${sourceId}.${part}`;
}

/** The auth the settings UI makes for a source: a secret under the core's own key for that source. */
export function settingsAuthSchema(sourceId: string) {
  const ref = (part: CredentialPart) => z.object({ secret: z.literal(sourceSecretKey(sourceId, part)) }).strict();
  return z.union([
    z.object({ bearer: ref('bearer') }).strict(),
    z.object({ basic: z.object({ username: z.string().min(1), password: ref('password') }).strict() }).strict(),
  ]);
}
