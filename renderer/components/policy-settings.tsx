import { useState } from 'react';
import type { SettingsView } from '../../shared/ipc-contract.ts';
import { type PolicyDraft, policyDraftsFrom, policyPatch } from '../lib/settings-form.ts';
import type { SettingsSave } from '../state/settings-query.ts';
import { FormStatus } from './form-status.tsx';
import { SeverityBadge } from './severity-badge.tsx';

function PolicyRow({ draft, onChange }: { draft: PolicyDraft; onChange: (next: PolicyDraft) => void }) {
  return (
    <tr data-testid="settings-policy" data-severity={draft.severity}>
      <th scope="row">
        <SeverityBadge severity={draft.severity} />
      </th>
      <td>
        <input type="checkbox" data-testid="policy-alarm" aria-label={`alarm for ${draft.severity}`} checked={draft.alarm} onChange={(event) => onChange({ ...draft, alarm: event.target.checked })} />
      </td>
      <td>
        <input data-testid="policy-ack-within" aria-label={`ack within for ${draft.severity}`} value={draft.ackWithin} size={8} onChange={(event) => onChange({ ...draft, ackWithin: event.target.value })} />
      </td>
      <td>
        <input type="checkbox" data-testid="policy-loud" aria-label={`loud for ${draft.severity}`} checked={draft.loud} onChange={(event) => onChange({ ...draft, loud: event.target.checked })} />
      </td>
    </tr>
  );
}

export function PolicySettings({ settings, save }: { settings: SettingsView; save: SettingsSave }) {
  const [drafts, setDrafts] = useState(() => policyDraftsFrom(settings));
  return (
    <form
      className="settings-form"
      data-testid="settings-policy-form"
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate({ policy: policyPatch(drafts) });
      }}
    >
      <h3 className="section-title">Alarm policy per severity</h3>
      <p className="muted">
        ack within: how long before an unacknowledged alarm rings again, louder (e.g. 2m, 1h30m). Loud: sound and an always-on-top window.
      </p>
      <table className="policy-table">
        <thead>
          <tr>
            <th scope="col">severity</th>
            <th scope="col">alarm</th>
            <th scope="col">ack within</th>
            <th scope="col">loud</th>
          </tr>
        </thead>
        <tbody>
          {drafts.map((draft, index) => (
            <PolicyRow key={draft.severity} draft={draft} onChange={(next) => setDrafts(drafts.map((d, i) => (i === index ? next : d)))} />
          ))}
        </tbody>
      </table>
      <button type="submit" className="button" data-testid="settings-policy-save" disabled={save.isPending}>
        Save policy
      </button>
      <FormStatus error={save.error} saved={save.isSuccess} />
    </form>
  );
}
