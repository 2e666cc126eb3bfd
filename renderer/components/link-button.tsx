import { useMutation } from '@tanstack/react-query';
import { useVigilApi } from '../state/api-context.tsx';
import { displayText } from '../../shared/display-text.ts';

interface LinkButtonProps {
  url: string;
  label: string;
  testId?: string;
  /** Show the (neutralised) target beside the button so a spoofed label cannot hide where it goes. */
  showUrl?: boolean;
}

/**
 * Opens a link in the OS browser through api.openLink, which applies the main process's scheme
 * allowlist. Never an anchor with an href (that would navigate this privileged window) and never window.open.
 */
export function LinkButton({ url, label, testId, showUrl = false }: LinkButtonProps) {
  const api = useVigilApi();
  const open = useMutation({ mutationFn: () => api.openLink({ url }) });
  const refused = open.data && !open.data.opened ? (open.data.reason ?? 'refused') : null;
  const failed = open.error ? open.error.message : null;
  const target = displayText(url, 200).text;
  return (
    <span className="link-button">
      <button type="button" className="button button--link" data-testid={testId} data-url={target} title={target} onClick={() => open.mutate()}>
        {label}
      </button>
      {showUrl ? <span className="link-button__url">{target}</span> : null}
      {refused || failed ? (
        <span className="link-button__refused" role="status" data-testid="link-refused">
          Not opened: {displayText(refused ?? failed, 300).text}
        </span>
      ) : null}
    </span>
  );
}
