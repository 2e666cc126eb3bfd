import type { RequestArgs, SettingsPatch, SettingsView } from '../../shared/ipc-contract.ts';
import { formatDuration } from '../../shared/duration.ts';

// Conversions between the SettingsView the core returns and the text fields of the settings
// form. Validation is the core's job (settingsPatchSchema): the form sends what was typed and
// shows the core's error, so there is one source of truth for what a valid setting is.

export interface SourceDraft {
  id: string;
  name: string;
  /** One URL per line (an HA pair has two). */
  urlsText: string;
  receiver: string;
  /** One matcher per line. */
  filterText: string;
  /** Credentials are never sent to the renderer; the core keeps them for an unchanged id and origin. */
  hasAuth: boolean;
  authKind: 'bearer' | 'basic' | null;
  /** The id this draft had when it was loaded (null for a source not saved yet): a credential can be set only on a saved source. */
  savedId: string | null;
}

export interface PolicyDraft {
  severity: string;
  alarm: boolean;
  /** As typed, e.g. "2m" or "1h30m". */
  ackWithin: string;
  loud: boolean;
}

export function sourceDraftsFrom(view: SettingsView): SourceDraft[] {
  return view.sources.map((source) => ({
    id: source.id,
    name: source.name ?? '',
    urlsText: source.urls.join('\n'),
    receiver: source.receiver ?? '',
    filterText: source.filter.join('\n'),
    hasAuth: source.hasAuth,
    authKind: source.authKind,
    savedId: source.id,
  }));
}

export function emptySourceDraft(): SourceDraft {
  return { id: '', name: '', urlsText: '', receiver: '', filterText: '', hasAuth: false, authKind: null, savedId: null };
}

function lines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
}

export function sourcesPatch(drafts: readonly SourceDraft[]): NonNullable<SettingsPatch['sources']> {
  return drafts.map((draft) => {
    const source: NonNullable<SettingsPatch['sources']>[number] = { id: draft.id.trim(), urls: lines(draft.urlsText), filter: lines(draft.filterText) };
    if (draft.name.trim()) source.name = draft.name.trim();
    if (draft.receiver.trim()) source.receiver = draft.receiver.trim();
    return source;
  });
}

export function policyDraftsFrom(view: SettingsView): PolicyDraft[] {
  return Object.entries(view.policy).map(([severity, policy]) => ({
    severity,
    alarm: policy.alarm,
    ackWithin: policy.ack_within_ms > 0 ? formatDuration(policy.ack_within_ms) : '0s',
    loud: policy.loud,
  }));
}

export function policyPatch(drafts: readonly PolicyDraft[]): NonNullable<SettingsPatch['policy']> {
  const policy: NonNullable<SettingsPatch['policy']> = {};
  for (const draft of drafts) {
    policy[draft.severity] = { alarm: draft.alarm, ack_within: draft.ackWithin.trim(), loud: draft.loud };
  }
  return policy;
}

export function identityPatch(id: string, name: string): NonNullable<SettingsPatch['me']> {
  const me: NonNullable<SettingsPatch['me']> = { id: id.trim() };
  if (name.trim()) me.name = name.trim();
  return me;
}

/** What the credential form holds; the secret is typed, sent once and never shown again. */
export interface CredentialDraft {
  kind: 'bearer' | 'basic';
  username: string;
  secret: string;
}

/** The setSourceCredential request for a saved, unchanged source, or why there is none. The secret is sent exactly as typed. */
export function credentialRequest(draft: SourceDraft, credential: CredentialDraft): { request: RequestArgs<'setSourceCredential'> } | { problem: string } {
  if (draft.savedId === null || draft.savedId !== draft.id.trim()) return { problem: 'Save the source first, then set its credential.' };
  if (credential.secret === '') return { problem: credential.kind === 'bearer' ? 'Type the token.' : 'Type the password.' };
  if (credential.kind === 'bearer') return { request: { sourceId: draft.savedId, credential: { bearer: credential.secret } } };
  if (credential.username.trim() === '') return { problem: 'Type the username.' };
  return { request: { sourceId: draft.savedId, credential: { basic: { username: credential.username.trim(), password: credential.secret } } } };
}
