import { checkExternalLink } from '../shared/link-allowlist.ts';

// The one way the Electron layer hands a URL to the OS. The core already checks links before
// asking; checking again here (defence in depth) means no other path in electron/ - a window.open
// from the renderer, a tray entry - can pass javascript:, file: or a custom scheme to the OS.

export interface ShellLike {
  openExternal(url: string): Promise<void>;
}

export function createOpenExternal(shell: ShellLike): (url: string) => Promise<void> {
  return async (url) => {
    const verdict = checkExternalLink(url);
    if (!verdict.ok) throw new Error(`refused to open link: ${verdict.reason}`);
    await shell.openExternal(verdict.url);
  };
}
