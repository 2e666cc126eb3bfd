import { useState } from 'react';
import type { SettingsView } from '../../shared/ipc-contract.ts';
import { identityPatch } from '../lib/settings-form.ts';
import type { SettingsSave } from '../state/settings-query.ts';
import { FormStatus } from './form-status.tsx';

export function IdentitySettings({ me, save }: { me: SettingsView['me']; save: SettingsSave }) {
  const [id, setId] = useState(me.id);
  const [name, setName] = useState(me.name ?? '');
  return (
    <form
      className="settings-form"
      data-testid="settings-identity"
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate({ me: identityPatch(id, name) });
      }}
    >
      <h3 className="section-title">Identity</h3>
      <p className="muted">Written as the creator of the silences your acks make; matches your handle in the rotation.</p>
      <label>
        id <input data-testid="settings-identity-id" value={id} onChange={(event) => setId(event.target.value)} maxLength={128} />
      </label>
      <label>
        name <input data-testid="settings-identity-name" value={name} onChange={(event) => setName(event.target.value)} maxLength={256} />
      </label>
      <button type="submit" className="button" data-testid="settings-identity-save" disabled={save.isPending}>
        Save identity
      </button>
      <FormStatus error={save.error} saved={save.isSuccess} />
    </form>
  );
}
