import { useState } from 'react';
import type { SettingsView } from '../../shared/ipc-contract.ts';
import { emptySourceDraft, type SourceDraft, sourceDraftsFrom, sourcesPatch } from '../lib/settings-form.ts';
import type { SettingsSave } from '../state/settings-query.ts';
import { FormStatus } from './form-status.tsx';

function SourceFields({ draft, onChange, onRemove }: { draft: SourceDraft; onChange: (next: SourceDraft) => void; onRemove: () => void }) {
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
      <p className="muted" data-testid="source-has-auth">
        {draft.hasAuth ? 'Has credentials (kept in the configuration / OS keychain, never shown here).' : 'No credentials.'}
      </p>
      <button type="button" className="button button--danger" onClick={onRemove}>
        Remove source
      </button>
    </fieldset>
  );
}

export function SourceSettings({ settings, save }: { settings: SettingsView; save: SettingsSave }) {
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
