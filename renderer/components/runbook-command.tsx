import { displayText } from '../../shared/display-text.ts';

export interface CopyState {
  key: string;
  ok: boolean;
}

/**
 * What a command's copy button puts on the clipboard: exactly what is shown, bidi and control
 * characters escaped as ⟨U+XXXX⟩, so a runbook cannot show one command and paste another.
 */
export function commandText(command: string): string {
  return displayText(command, 8000).text;
}

export async function copyCommand(command: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(commandText(command));
    return true;
  } catch {
    return false;
  }
}

/** A code block from the runbook: shown, copied on request, never run. */
export function RunbookCommand({ command, copyKey, copied, onCopy }: { command: string; copyKey: string; copied: CopyState | null; onCopy(key: string, command: string): void }) {
  const state = copied?.key === copyKey ? copied : null;
  return (
    <div className="runbook-command" data-testid="runbook-command">
      <pre className="runbook-command__code">
        <code>{commandText(command)}</code>
      </pre>
      <button type="button" className="button runbook-command__copy" data-testid="copy-command" onClick={() => onCopy(copyKey, command)}>
        {state?.ok ? 'Copied' : 'Copy'}
      </button>
      <span className="runbook-command__status" role="status" data-testid="copy-status">
        {state ? (state.ok ? 'copied' : 'Could not copy: select the text and copy it') : ''}
      </span>
    </div>
  );
}
