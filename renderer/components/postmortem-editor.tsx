import { markdown } from '@codemirror/lang-markdown';
import { Prec } from '@codemirror/state';
import { EditorView, keymap } from '@codemirror/view';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useCodeMirror } from '@uiw/react-codemirror';
import { useCallback, useDeferredValue, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import type { TimelineEvent } from '../../shared/domain.ts';
import type { PostMortemDraftView } from '../../shared/postmortem/draft-schema.ts';
import { postMortemFileName } from '../../shared/postmortem/export-name.ts';
import { normalizeMarkdown } from '../../shared/postmortem/markdown-text.ts';
import { ACTION_ITEM_LINE, timelineLine } from '../../shared/postmortem/render-postmortem.ts';
import { createAutosave, type Autosave, type AutosaveState } from '../lib/autosave.ts';
import { downloadText } from '../lib/download-text.ts';
import { formatTimeOfDay, localTimeZone } from '../lib/zone-time.ts';
import { useVigilApi } from '../state/api-context.tsx';
import { postMortemQueryKey, revisionsQueryKey, useRevisions } from '../state/postmortem-queries.ts';
import { PostMortemPreview } from './postmortem-preview.tsx';
import { SafeText } from './safe-text.tsx';
import './postmortem.css';

// The post-mortem editor: CodeMirror 6 (Markdown) beside a live preview, autosaved to the core
// as you type (the core journals each revision and fsyncs it before answering). The debounce timer
// lives here because the text does; the core owns every other timer.
//
// CodeMirror injects its styles at run time. The app's CSP allows no inline <style>, so the editor
// lives in a shadow root, where CodeMirror uses constructed stylesheets instead.

interface EditorProps {
  draft: PostMortemDraftView;
  events: TimelineEvent[];
  title: string;
  firstSeenAt: number | null;
}

const EDITOR_THEME = EditorView.theme({
  '&': { color: 'var(--text)', backgroundColor: 'var(--bg-sunken)', height: '100%', fontSize: '13px' },
  '.cm-content': { fontFamily: 'var(--mono)', caretColor: 'var(--text)' },
  '.cm-gutters': { backgroundColor: 'var(--bg-raised)', color: 'var(--muted)', border: 'none' },
  '&.cm-focused': { outline: '2px solid var(--accent)' },
  '.cm-activeLine, .cm-activeLineGutter': { backgroundColor: 'rgba(127, 127, 127, 0.12)' },
  '&.cm-focused .cm-selectionBackground, .cm-selectionBackground, ::selection': { backgroundColor: 'rgba(95, 168, 255, 0.35)' },
  '.cm-scroller': { overflow: 'auto' },
});

type EditorCommand = 'insert-event' | 'save';
const COMMAND_EVENT = 'vigil-postmortem-command';
const command = (name: EditorCommand) => (view: EditorView) => {
  view.dom.dispatchEvent(new CustomEvent<EditorCommand>(COMMAND_EVENT, { detail: name }));
  return true;
};

/** Keyboard-first: the editor's own commands, above CodeMirror's defaults. */
const EDITOR_KEYS = Prec.highest(
  keymap.of([
    { key: 'Mod-Shift-e', run: command('insert-event') },
    { key: 'Mod-Shift-a', run: (view) => (insertLine(view, ACTION_ITEM_LINE), true) },
    { key: 'Mod-s', run: command('save'), preventDefault: true },
  ]),
);

// Module constants: @uiw/react-codemirror reconfigures the editor whenever these change identity.
const EXTENSIONS = [markdown(), EditorView.lineWrapping, EDITOR_THEME, EDITOR_KEYS, EditorView.contentAttributes.of({ 'aria-label': 'Post-mortem Markdown', 'data-testid': 'postmortem-input' })];
const BASIC_SETUP = { foldGutter: false, autocompletion: false, highlightActiveLineGutter: true };

/** Insert a whole line at the cursor, starting a new line if the cursor is mid-line. */
function insertLine(view: EditorView, line: string): void {
  const { head } = view.state.selection.main;
  const atLineStart = view.state.doc.lineAt(head).from === head;
  view.dispatch(view.state.replaceSelection(`${atLineStart ? '' : '\n'}${line}\n`), { scrollIntoView: true });
  view.focus();
}

function SaveStatus({ state, file, onCopy }: { state: AutosaveState; file: string; onCopy(): void }) {
  if (state.status === 'failed') {
    return (
      <div className="postmortem-editor__not-saved" role="alert" data-testid="postmortem-not-saved">
        <strong>NOT SAVED.</strong> The disk refused the draft: <SafeText value={state.error} limit={300} />. Your text is kept in this window and saving is retried every 2 s: do not close it.{' '}
        <button type="button" className="button" onClick={onCopy}>
          Copy the text now
        </button>
      </div>
    );
  }
  return (
    <p className="muted postmortem-editor__status" role="status" data-testid="postmortem-save-status" data-status={state.status} data-rev={state.rev ?? undefined}>
      {state.status === 'saved' ? (state.lastSavedAt ? `Saved at ${formatTimeOfDay(state.lastSavedAt)}${state.rev ? ` (revision ${state.rev})` : ''}` : 'Saved') : 'Saving…'} · <SafeText value={file} limit={400} testId="postmortem-file" />
    </p>
  );
}

function EventPicker({ events, zone, onPick, onClose }: { events: TimelineEvent[]; zone: string; onPick(line: string): void; onClose(): void }) {
  const ref = useRef<HTMLSelectElement>(null);
  useEffect(() => ref.current?.focus(), []);
  const pick = () => {
    const event = events[ref.current?.selectedIndex ?? -1];
    if (event) onPick(timelineLine(event, zone));
  };
  return (
    <div className="postmortem-editor__picker" role="dialog" aria-label="Insert a timeline event">
      <select
        ref={ref}
        size={Math.min(10, Math.max(2, events.length))}
        data-testid="insert-event-list"
        aria-label="Timeline events: Enter inserts, Escape closes"
        defaultValue={events[0]?.id}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            pick();
          } else if (e.key === 'Escape') {
            e.preventDefault();
            onClose();
          }
        }}
        onDoubleClick={pick}
      >
        {events.map((event) => (
          <option key={event.id} value={event.id}>
            {`${formatTimeOfDay(event.at)} ${event.type}: ${event.message.slice(0, 160)}${event.by ? ` (${event.by.slice(0, 60)})` : ''}`}
          </option>
        ))}
      </select>
      <button type="button" className="button" onClick={pick}>
        Insert
      </button>{' '}
      <button type="button" className="button" onClick={onClose}>
        Close
      </button>
    </div>
  );
}

function Versions({ occurrenceId, onRestore }: { occurrenceId: string; onRestore(rev: number): void }) {
  const revisions = useRevisions(occurrenceId, true);
  const list = [...(revisions.data ?? [])].reverse().slice(0, 200);
  return (
    <div className="postmortem-editor__versions" data-testid="postmortem-versions" aria-label="Version history">
      <h4 className="section-title">Versions (newest first)</h4>
      <ol>
        {list.map((r) => (
          <li key={r.rev} data-testid="postmortem-version" data-rev={r.rev}>
            <span className="mono">#{r.rev}</span> {formatTimeOfDay(r.at)} {r.kind}
            {r.by ? (
              <>
                {' '}
                by <SafeText value={r.by} limit={60} />
              </>
            ) : null}{' '}
            <span className="muted">({r.length} chars)</span>{' '}
            <button type="button" className="button button--link" data-testid="postmortem-restore" onClick={() => onRestore(r.rev)}>
              Restore
            </button>
          </li>
        ))}
      </ol>
    </div>
  );
}

export function PostMortemEditor({ draft, events, title, firstSeenAt }: EditorProps) {
  const api = useVigilApi();
  const queryClient = useQueryClient();
  const zone = useMemo(() => localTimeZone(), []);
  const occurrenceId = draft.occurrenceId;
  // The text the editor starts from (a restored version replaces the document in place).
  const [initialText] = useState(draft.text);
  const [text, setText] = useState(draft.text);
  const preview = useDeferredValue(text);
  const [saveState, setSaveState] = useState<AutosaveState>({ status: 'saved', error: null, lastSavedAt: draft.savedAt, rev: draft.rev });
  const [picker, setPicker] = useState(false);
  const [versions, setVersions] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const autosave = useRef<Autosave | null>(null);

  useEffect(() => {
    const saver = createAutosave(initialText, {
      save: async (next) => {
        const result = await api.savePostMortem({ occurrenceId, text: next });
        return result.ok ? result : { ok: false, error: result.error };
      },
      onState: setSaveState,
      now: () => Date.now(),
      setTimer: (fn, ms) => window.setTimeout(fn, ms),
      clearTimer: (handle) => window.clearTimeout(handle as number),
    });
    autosave.current = saver;
    const flushOnHide = () => void saver.flush();
    window.addEventListener('pagehide', flushOnHide);
    return () => {
      window.removeEventListener('pagehide', flushOnHide);
      void saver.flush();
      saver.dispose();
      // The cached draft would be stale the next time this occurrence opens.
      void queryClient.invalidateQueries({ queryKey: postMortemQueryKey(occurrenceId) });
    };
  }, [api, occurrenceId, initialText, queryClient]);

  // CodeMirror in a shadow root (see above).
  const hostRef = useRef<HTMLDivElement>(null);
  const [mount, setMount] = useState<{ root: ShadowRoot; container: HTMLDivElement } | null>(null);
  useLayoutEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    const root = host.shadowRoot ?? host.attachShadow({ mode: 'open' });
    const container = document.createElement('div');
    container.className = 'postmortem-editor__cm';
    container.style.height = '100%';
    root.replaceChildren(container);
    // Keys typed here belong to the editor. Leaving the shadow root, their target becomes the host
    // element, which the app's single-letter shortcuts would take for a click outside any input:
    // typing "a" would acknowledge an incident.
    const keepKeys = (event: KeyboardEvent) => event.stopPropagation();
    host.addEventListener('keydown', keepKeys);
    setMount({ root, container });
    return () => host.removeEventListener('keydown', keepKeys);
  }, []);

  // Stable: useCodeMirror reconfigures the whole editor when its onChange changes identity.
  const onChange = useCallback((value: string) => {
    setText(value);
    autosave.current?.change(value);
  }, []);
  const { view } = useCodeMirror({
    container: mount?.container,
    root: mount?.root,
    value: initialText,
    extensions: EXTENSIONS,
    height: '100%',
    theme: 'none',
    basicSetup: BASIC_SETUP,
    onChange,
  });
  // The editor's keyboard commands that need this component (see EDITOR_KEYS).
  useEffect(() => {
    if (!view) return;
    const onCommand = (event: Event) => {
      const command = (event as CustomEvent<EditorCommand>).detail;
      if (command === 'insert-event') setPicker(true);
      else if (command === 'save') void autosave.current?.flush();
    };
    view.dom.addEventListener(COMMAND_EVENT, onCommand);
    return () => view.dom.removeEventListener(COMMAND_EVENT, onCommand);
  }, [view]);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(normalizeMarkdown(text));
      setNotice('Copied as Markdown.');
    } catch (error) {
      setNotice(`Could not copy: ${(error as Error).message}`);
    }
  };

  const exportAs = useMutation({
    mutationFn: async (format: 'markdown' | 'pdf') => {
      // The core exports what it has saved: save the last keystrokes first.
      const state = await autosave.current?.flush();
      if (state?.status === 'failed') throw new Error(`the draft is not saved (${state.error ?? 'unknown error'}); copy it instead`);
      const result = await api.exportPostMortem({ occurrenceId, format });
      if (result.status !== 'browser') return result.status === 'saved' ? `Saved to ${result.path}` : 'Export cancelled.';
      if (format === 'markdown') {
        downloadText(postMortemFileName(title, firstSeenAt, zone, 'md'), normalizeMarkdown(text), 'text/markdown;charset=utf-8');
        return 'Downloaded as Markdown.';
      }
      // The print stylesheet leaves only the post-mortem; "Save as PDF" is the browser's print destination.
      window.print();
      return 'Printed (choose "Save as PDF" as the destination).';
    },
    onSuccess: setNotice,
    onError: (error) => setNotice(`Export failed: ${error.message}`),
  });

  const restore = useMutation({
    mutationFn: async (rev: number) => {
      await autosave.current?.flush();
      return api.restorePostMortemRevision({ occurrenceId, rev });
    },
    onSuccess: (restored) => {
      // The restored text is already the core's current revision; the autosave of this change saves nothing new.
      view?.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: restored.text } });
      setSaveState({ status: 'saved', error: null, lastSavedAt: restored.savedAt, rev: restored.rev });
      void queryClient.invalidateQueries({ queryKey: revisionsQueryKey(occurrenceId) });
      setNotice(`Version restored as revision ${restored.rev}; the one before is kept in the history.`);
    },
    onError: (error) => setNotice(`Restore failed: ${error.message}`),
  });

  return (
    <section className="postmortem-editor" data-testid="postmortem-editor" aria-label="Post-mortem">
      <div className="postmortem-editor__toolbar" role="toolbar" aria-label="Post-mortem commands">
        <button type="button" className="button" data-testid="insert-event" aria-keyshortcuts="Control+Shift+E" onClick={() => setPicker((p) => !p)}>
          Insert timeline event <kbd>Ctrl+Shift+E</kbd>
        </button>
        <button type="button" className="button" data-testid="insert-action-item" aria-keyshortcuts="Control+Shift+A" onClick={() => view && insertLine(view, ACTION_ITEM_LINE)}>
          Insert action item <kbd>Ctrl+Shift+A</kbd>
        </button>
        <button type="button" className="button" data-testid="postmortem-versions-toggle" aria-expanded={versions} onClick={() => setVersions((v) => !v)}>
          Versions
        </button>
        <span className="postmortem-editor__spacer" />
        <button type="button" className="button" data-testid="export-markdown" disabled={exportAs.isPending} onClick={() => exportAs.mutate('markdown')}>
          Save as Markdown
        </button>
        <button type="button" className="button" data-testid="copy-markdown" onClick={() => void copy()}>
          Copy as Markdown
        </button>
        <button type="button" className="button" data-testid="export-pdf" disabled={exportAs.isPending} onClick={() => exportAs.mutate('pdf')}>
          Save as PDF
        </button>
      </div>
      <SaveStatus state={saveState} file={draft.file} onCopy={() => void copy()} />
      {notice ? (
        <p className="muted" role="status" data-testid="postmortem-notice">
          <SafeText value={notice} limit={600} />
        </p>
      ) : null}
      {picker ? (
        <EventPicker
          events={events}
          zone={zone}
          onPick={(line) => {
            setPicker(false);
            if (view) insertLine(view, line);
          }}
          onClose={() => {
            setPicker(false);
            view?.focus();
          }}
        />
      ) : null}
      {versions ? <Versions occurrenceId={occurrenceId} onRestore={(rev) => restore.mutate(rev)} /> : null}
      <div className="postmortem-editor__panes">
        <div className="postmortem-editor__source" ref={hostRef} />
        <PostMortemPreview text={preview} testId="postmortem-preview" />
      </div>
      {createPortal(
        <div className="postmortem-print" data-testid="postmortem-print">
          <PostMortemPreview text={preview} />
        </div>,
        document.body,
      )}
    </section>
  );
}
