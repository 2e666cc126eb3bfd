import { useState } from 'react';
import { formatDuration } from '../../shared/duration.ts';
import type { SettingsSave } from '../state/settings-query.ts';
import { FormStatus } from './form-status.tsx';

export function PollSettings({ pollIntervalMs, save }: { pollIntervalMs: number; save: SettingsSave }) {
  const [value, setValue] = useState(formatDuration(pollIntervalMs));
  return (
    <form
      className="settings-form"
      data-testid="settings-poll"
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate({ poll_interval: value.trim() });
      }}
    >
      <h3 className="section-title">Polling</h3>
      <label>
        poll every <input data-testid="settings-poll-interval" value={value} size={8} onChange={(event) => setValue(event.target.value)} />
      </label>{' '}
      <button type="submit" className="button" data-testid="settings-poll-save" disabled={save.isPending}>
        Save
      </button>
      <FormStatus error={save.error} saved={save.isSuccess} />
    </form>
  );
}
