// Single-letter shortcuts, in the manner of Gmail/GitHub: a = acknowledge, j/k = next/previous,
// ? = help, Escape = close help. They must never fire while the user types a value.

export type KeyCommand = 'ack' | 'next' | 'prev' | 'help' | 'close';

export interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  repeat: boolean;
  target: { tagName?: string; isContentEditable?: boolean } | null;
}

const TYPING_TAGS = new Set(['INPUT', 'TEXTAREA', 'SELECT']);

export function isTypingTarget(target: KeyLike['target']): boolean {
  if (!target) return false;
  return TYPING_TAGS.has((target.tagName ?? '').toUpperCase()) || target.isContentEditable === true;
}

export function keyCommand(event: KeyLike): KeyCommand | null {
  if (event.ctrlKey || event.metaKey || event.altKey) return null;
  if (isTypingTarget(event.target)) return null;
  switch (event.key) {
    // A held-down "a" must not fire a burst of acks.
    case 'a':
      return event.repeat ? null : 'ack';
    case 'j':
      return 'next';
    case 'k':
      return 'prev';
    case '?':
      return 'help';
    case 'Escape':
      return 'close';
    default:
      return null;
  }
}

export const KEY_HELP: ReadonlyArray<{ keys: string; action: string }> = [
  { keys: 'a', action: 'Acknowledge the selected incident if it fires (else the most urgent alarm)' },
  { keys: 'j / k', action: 'Select the next / previous incident' },
  { keys: '?', action: 'Show or hide this help' },
  { keys: 'Esc', action: 'Close this help' },
];
