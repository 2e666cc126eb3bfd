import type { SettingsPatch, SettingsView } from '../../shared/ipc-contract.ts';
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
  /** Credentials are never sent to the renderer; the core keeps them for an unchanged id. */
  hasAuth: boolean;
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
  }));
}

export function emptySourceDraft(): SourceDraft {
  return { id: '', name: '', urlsText: '', receiver: '', filterText: '', hasAuth: false };
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
