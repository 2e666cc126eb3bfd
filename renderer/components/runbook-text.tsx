import { checkExternalLink } from '../../shared/link-allowlist.ts';
import type { RunbookInline, RunbookNote } from '../../shared/runbooks/runbook-model.ts';
import { displayText } from '../../shared/display-text.ts';
import { LinkButton } from './link-button.tsx';

// Runbook text is untrusted: every piece is a React text child (never HTML), with bidi and other
// invisible controls shown as ⟨U+XXXX⟩. Links are never anchors: their words read as text here,
// and RunbookLinks offers each as a button to the main process's allowlist, or says why not.

/** One line of a runbook: plain, `code` and **strong** pieces; a link's words without the link. */
export function RunbookLine({ parts }: { parts: readonly RunbookInline[] }) {
  return (
    <>
      {parts.map((part, index) => {
        const text = displayText(part.text, 2000).text;
        if (part.code) return <code key={index}>{text}</code>;
        if (part.url !== undefined) return <span key={index} className="runbook-text__link-words">{text}</span>;
        if (part.strong) return <strong key={index}>{text}</strong>;
        return <span key={index}>{text}</span>;
      })}
    </>
  );
}

/** The links of some lines: buttons through openLink, or a note for a link the allowlist refuses. */
export function RunbookLinks({ lines }: { lines: ReadonlyArray<readonly RunbookInline[]> }) {
  const links = lines.flat().filter((part): part is RunbookInline & { url: string } => part.url !== undefined);
  if (links.length === 0) return null;
  return (
    <span className="runbook-links">
      {links.map((link, index) => {
        const verdict = checkExternalLink(link.url);
        const label = displayText(link.text || link.url, 120).text;
        return verdict.ok ? (
          <LinkButton key={index} url={link.url} label={label} testId="runbook-link-button" showUrl />
        ) : (
          <span key={index} className="runbook-links__refused muted" data-testid="runbook-link-refused">
            {label}: not a link Vigil opens ({verdict.reason}) <span className="link-button__url">{displayText(link.url, 200).text}</span>
          </span>
        );
      })}
    </span>
  );
}

export function RunbookNotes({ notes }: { notes: readonly RunbookNote[] }) {
  if (notes.length === 0) return null;
  return (
    <ul className="runbook-notes">
      {notes.map((note, index) => (
        <li key={index} className={note.bullet ? 'runbook-notes__bullet' : 'runbook-notes__text'} data-testid="runbook-note">
          <RunbookLine parts={note.parts} />
        </li>
      ))}
    </ul>
  );
}
