import { useState } from 'react';
import type { SettingsView } from '../../shared/ipc-contract.ts';
import { type CredentialDraft, credentialRequest, emptySourceDraft, type SourceDraft, sourceDraftsFrom, sourcesPatch } from '../lib/settings-form.ts';
import type { CredentialSave, SettingsSave } from '../state/settings-query.ts';
import { FormStatus } from './form-status.tsx';
import { SafeText } from './safe-text.tsx';

function describeAuth(draft: SourceDraft): string {
  if (draft.authKind === 'bearer') return 'Bearer token set (never shown here).';
  if (draft.authKind === 'basic') return 'Basic auth password set (never shown here).';
  if (draft.hasAuth) return 'Has credential headers from the configuration file (never shown here).';
  return 'No credentials.';
}

/**
 * Set or replace the source's token or password. Write-only: the core stores the secret (the OS
 * keychain in the app) and answers only that one is set; the field is emptied whatever the outcome.
 */
function CredentialFields({ draft, save }: { draft: SourceDraft; save: CredentialSave }) {
  const [credential, setCredential] = useState<CredentialDraft>({ kind: draft.authKind ?? 'bearer', username: '', secret: '' });
  const [problem, setProblem] = useState<string | null>(null);
  const mine = save.variables?.sourceId === draft.savedId;
  const submit = () => {
    const built = credentialRequest(draft, credential);
    if ('problem' in built) {
      setProblem(built.problem);
      return;
    }
    setProblem(null);
    save.mutate(built.request);
    setCredential({ ...credential, secret: '' });
  };
  return (
    <div className="settings-credential" data-testid="source-credential">
      <label>
        credential{' '}
        <select data-testid="credential-kind" value={credential.kind} onChange={(event) => setCredential({ ...credential, kind: event.target.value === 'basic' ? 'basic' : 'bearer' })}>
          <option value="bearer">Bearer token</option>
          <option value="basic">Basic auth</option>
        </select>
      </label>
      {credential.kind === 'basic' ? (
        <label>
          username <input data-testid="credential-username" autoComplete="off" value={credential.username} onChange={(event) => setCredential({ ...credential, username: event.target.value })} />
        </label>
      ) : null}
      <label>
        {credential.kind === 'bearer' ? 'token' : 'password'}{' '}
        <input
          data-testid="credential-secret"
          type="password"
          autoComplete="new-password"
          value={credential.secret}
          onChange={(event) => setCredential({ ...credential, secret: event.target.value })}
          onKeyDown={(event) => {
            // Enter here sets the credential, not the sources form around it.
            if (event.key === 'Enter') {
              event.preventDefault();
              submit();
            }
          }}
        />
      </label>{' '}
      <button type="button" className="button" data-testid="credential-set" disabled={save.isPending} onClick={submit}>
        {credential.kind === 'bearer' ? 'Set token' : 'Set password'}
      </button>
      {problem ? (
        <p className="error" data-testid="settings-error" role="alert">
          <SafeText value={problem} limit={200} />
        </p>
      ) : null}
      {mine ? <FormStatus error={save.error} saved={save.isSuccess} /> : null}
    </div>
  );
}

function SourceFields({ draft, onChange, onRemove, credentialSave }: { draft: SourceDraft; onChange: (next: SourceDraft) => void; onRemove: () => void; credentialSave: CredentialSave }) {
  return (
    <fieldset className="settings-source" data-testid="settings-source" data-source-id={draft.id}>
      <legend>{draft.id || 'new source'}</legend>
      <label>
        id <input data-testid="source-id" value={draft.id} onChange={(event) => onChange({ ...draft, id: event.target.value })} />
      </label>
      <label>
        name <input data-testid="source-name" value={draft.name} onChange={(event) => onChange({ ...draft, name: event.target.value })} />
      </label>
      <label>
        URLs (one per line; several for an HA pair)
        <textarea data-testid="source-urls" rows={2} value={draft.urlsText} onChange={(event) => onChange({ ...draft, urlsText: event.target.value })} />
      </label>
      <label>
        receiver regex{' '}
        <input data-testid="source-receiver" value={draft.receiver} onChange={(event) => onChange({ ...draft, receiver: event.target.value })} />
      </label>
      <label>
        filters (one matcher per line, e.g. team=&quot;platform&quot;)
        <textarea data-testid="source-filter" rows={2} value={draft.filterText} onChange={(event) => onChange({ ...draft, filterText: event.target.value })} />
      </label>
      <p className="muted" data-testid="source-has-auth" data-has-auth={draft.hasAuth}>
        {describeAuth(draft)}
      </p>
      <CredentialFields draft={draft} save={credentialSave} />
      <button type="button" className="button button--danger" onClick={onRemove}>
        Remove source
      </button>
    </fieldset>
  );
}

export function SourceSettings({ settings, save, credentialSave }: { settings: SettingsView; save: SettingsSave; credentialSave: CredentialSave }) {
  const [drafts, setDrafts] = useState(() => sourceDraftsFrom(settings));
  return (
    <form
      className="settings-form"
      data-testid="settings-sources"
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate({ sources: sourcesPatch(drafts) });
      }}
    >
      <h3 className="section-title">Alertmanager sources</h3>
      {drafts.map((draft, index) => (
        <SourceFields
          key={index}
          draft={draft}
          onChange={(next) => setDrafts(drafts.map((d, i) => (i === index ? next : d)))}
          onRemove={() => setDrafts(drafts.filter((_, i) => i !== index))}
          credentialSave={credentialSave}
        />
      ))}
      <button type="button" className="button" data-testid="settings-add-source" onClick={() => setDrafts([...drafts, emptySourceDraft()])}>
        Add source
      </button>{' '}
      <button type="submit" className="button" data-testid="settings-sources-save" disabled={save.isPending}>
        Save sources
      </button>
      <FormStatus error={save.error} saved={save.isSuccess} />
    </form>
  );
}
