// node-notifier reports the user's answer differently per platform: terminal-notifier (macOS)
// gives {activationType: 'actionClicked', activationValue: 'Acknowledge'} and node-notifier
// rewrites the response to 'activate'; SnoreToast (Windows) gives the button text as the
// response ('acknowledge' once lower-cased) or 'activate' / 'timeout' / 'dismissed'.

export const ACK_ACTION_LABEL = 'Acknowledge';

export type NotifierAnswer = 'acknowledge' | 'clicked' | 'timeout' | 'dismissed';

export function interpretNotifierResponse(response: unknown, metadata: unknown): NotifierAnswer | null {
  const meta = typeof metadata === 'object' && metadata !== null ? (metadata as Record<string, unknown>) : {};
  const label = ACK_ACTION_LABEL.toLowerCase();
  const said = (value: unknown) => typeof value === 'string' && value.trim().toLowerCase() === label;
  // The action's text wins over the generic response, which says 'activate' for an action click on macOS.
  if (said(meta.activationValue) || said(meta.button) || said(response)) return 'acknowledge';
  const text = typeof response === 'string' ? response.trim().toLowerCase() : '';
  if (text === 'activate' || text === 'clicked' || text === 'contentsclicked') return 'clicked';
  if (text === 'timeout' || text === 'timedout') return 'timeout';
  if (text === 'dismissed' || text === 'closed') return 'dismissed';
  return null;
}
