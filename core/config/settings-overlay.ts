import { z } from 'zod';
import { authSchema, sourceSettingsSchema, type SourceAuth, type SourceConfig, type VigilConfig } from '../../shared/config-schema.ts';
import { settingsPatchSchema, type SourceCredential } from '../../shared/ipc-contract.ts';
import type { KeyValueStore } from '../ports.ts';
import { keepsCredentials, settingsAuthSchema, sourceSecretKey, withoutCredentials } from '../settings/source-credentials.ts';

// What Vigil stores as "settings saved from the app": the settings patch (only the fields the UI
// shows) plus, per source, the auth that a credential typed in Settings created (a secret ref,
// never the secret). Headers, CA files, timeouts and credentials from the config file are never
// copied into it: they are merged back from the file at each load, by source id, and only while
// the source keeps its origin.

export const storedSourceSchema = sourceSettingsSchema.extend({ auth: authSchema.optional() });
export const storedOverlaySchema = settingsPatchSchema.extend({ sources: z.array(storedSourceSchema).max(16).optional() });
export type StoredOverlay = z.output<typeof storedOverlaySchema>;
export type StoredSource = z.output<typeof storedSourceSchema>;

/** Fields earlier versions copied from the config file into the stored settings, literal headers included. */
const LEGACY_SOURCE_FIELDS: ReadonlySet<string> = new Set(['headers', 'ca_file', 'timeout', 'max_response_bytes']);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Drop what the stored settings must not hold: the legacy copies of file fields, and any auth the
 * settings UI did not make (an older version copied the file's auth; a settings patch could once
 * set any). Everything else is left as it is for the schema to judge.
 */
export function scrubStoredOverlay(raw: unknown): unknown {
  if (!isRecord(raw) || !Array.isArray(raw.sources)) return raw;
  const sources = raw.sources.map((source: unknown) => {
    if (!isRecord(source)) return source;
    const kept = Object.fromEntries(Object.entries(source).filter(([key]) => !LEGACY_SOURCE_FIELDS.has(key)));
    if (Object.hasOwn(kept, 'auth') && !settingsAuthSchema(String(kept.id)).safeParse(kept.auth).success) delete kept.auth;
    return kept;
  });
  return { ...raw, sources };
}

/**
 * A source saved from the app, completed with what the config file says about the source of the
 * same id (headers, CA, timeout, size cap, auth). The file's credentials come along only while every
 * URL keeps an origin the file gave; auth set in Settings wins over the file's.
 */
export function withFileSettings(source: StoredSource, fromFile: SourceConfig | undefined): Record<string, unknown> {
  if (!fromFile) return source;
  const hidden = { headers: fromFile.headers, ca_file: fromFile.ca_file, timeout: fromFile.timeout, max_response_bytes: fromFile.max_response_bytes, auth: fromFile.auth };
  const kept = keepsCredentials(fromFile.urls, source.urls) ? hidden : withoutCredentials(hidden);
  // The source's Prometheus is only ever set in the file, URL and credentials together, so it comes along as written.
  return { ...kept, ...source, auth: source.auth ?? kept.auth, ...(fromFile.prometheus ? { prometheus: fromFile.prometheus } : {}) };
}

/** The settings as stored, cleaned of what they must not hold (rewritten on disk when cleaning changed them). */
export function readStoredOverlay(store: KeyValueStore, key: string): unknown {
  const raw = store.get(key);
  if (raw === undefined || raw === null) return undefined;
  const scrubbed = scrubStoredOverlay(raw);
  if (JSON.stringify(scrubbed) !== JSON.stringify(raw)) store.set(key, scrubbed);
  return scrubbed;
}

type SettingsPatchOutput = z.output<typeof settingsPatchSchema>;

/**
 * The stored settings after a patch from the UI. The UI never sees credentials, so a source keeps
 * the auth set in Settings while its origin is unchanged, and a policy keeps the re-alarm interval
 * the UI does not show. The file's headers, CA and credentials are not copied: each load takes them
 * from the file (withFileSettings).
 */
export function keepHiddenSettings(patch: SettingsPatchOutput, current: VigilConfig | null, previous: StoredOverlay | null): StoredOverlay {
  const next: StoredOverlay = { ...patch };
  if (patch.sources) {
    next.sources = patch.sources.map((source) => {
      const saved = previous?.sources?.find((s) => s.id === source.id);
      return saved?.auth && keepsCredentials(saved.urls, source.urls) ? { ...source, auth: saved.auth } : source;
    });
  }
  if (patch.policy && current) {
    next.policy = Object.fromEntries(
      Object.entries(patch.policy).map(([severity, policy]) => [
        severity,
        { ...policy, realarm_every: policy.realarm_every ?? (Object.hasOwn(current.policy, severity) ? current.policy[severity]?.realarm_every : undefined) },
      ]),
    );
  }
  return next;
}

/** The fields of a source the settings hold. */
function settingsFields(source: SourceConfig): StoredSource {
  return {
    id: source.id,
    urls: source.urls,
    filter: source.filter,
    ...(source.name === undefined ? {} : { name: source.name }),
    ...(source.receiver === undefined ? {} : { receiver: source.receiver }),
  };
}

/**
 * The stored sources once a credential typed in Settings is set on one: the secret goes to the
 * secret store under a key the core chooses (returned here), and the source's auth refers to it.
 */
export function withSourceCredential(
  previous: StoredOverlay | null,
  current: VigilConfig,
  sourceId: string,
  credential: SourceCredential,
): { sources: StoredSource[]; secretKey: string; secretValue: string } {
  const sources = previous?.sources ?? current.sources.map(settingsFields);
  if (!sources.some((source) => source.id === sourceId)) throw new Error(`no saved source "${sourceId}": save the source first, then set its credential`);
  const secret =
    'bearer' in credential
      ? { key: sourceSecretKey(sourceId, 'bearer'), value: credential.bearer }
      : { key: sourceSecretKey(sourceId, 'password'), value: credential.basic.password };
  const auth: SourceAuth = 'bearer' in credential ? { bearer: { secret: secret.key } } : { basic: { username: credential.basic.username, password: { secret: secret.key } } };
  return {
    sources: sources.map((source) => (source.id === sourceId ? { ...source, auth } : source)),
    secretKey: secret.key,
    secretValue: secret.value,
  };
}
