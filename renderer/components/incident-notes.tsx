import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { IncidentView } from '../../shared/domain.ts';
import { useVigilApi } from '../state/api-context.tsx';
import { showOccurrence } from '../state/postmortem-store.ts';
import { SafeText } from './safe-text.tsx';

/**
 * A note box on the incident: what people did ("rolled back to blue") joins what Vigil saw on the
 * timeline, with my identity and the time, for the post-mortem. Ctrl+Enter adds it.
 */
export function IncidentNotes({ incident }: { incident: IncidentView }) {
  const api = useVigilApi();
  const queryClient = useQueryClient();
  const [text, setText] = useState('');
  const add = useMutation({
    mutationFn: (note: string) => api.addNote({ incidentKey: incident.key, occurrenceId: incident.occurrenceId, text: note }),
    onSuccess: () => {
      setText('');
      void queryClient.invalidateQueries({ queryKey: ['timeline', incident.key] });
    },
  });
  const submit = () => {
    if (text.trim() !== '' && !add.isPending) add.mutate(text);
  };
  return (
    <section className="incident-notes" aria-label="Notes and post-mortem">
      <h3 className="section-title">Notes</h3>
      <form
        className="incident-notes__form"
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <textarea
          className="incident-notes__input"
          data-testid="note-input"
          aria-label="Note for the timeline"
          placeholder="What did you do or find? (Ctrl+Enter adds it to the timeline)"
          rows={2}
          maxLength={4000}
          value={text}
          onChange={(event) => setText(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
              event.preventDefault();
              submit();
            }
          }}
        />
        <div className="incident-notes__actions">
          <button type="submit" className="button" data-testid="note-add" disabled={add.isPending || text.trim() === ''}>
            Add note
          </button>
          <button type="button" className="button" data-testid="write-postmortem" onClick={() => showOccurrence({ occurrenceId: incident.occurrenceId, incidentKey: incident.key, write: true })}>
            Write post-mortem
          </button>
        </div>
      </form>
      {add.isError ? (
        <p className="error" role="alert" data-testid="note-error">
          The note was not added (it is still in the box): <SafeText value={add.error.message} limit={300} />
        </p>
      ) : null}
    </section>
  );
}
