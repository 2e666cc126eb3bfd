import { chmodSync, existsSync } from 'node:fs';

// Vigil's store files (settings with secret refs, acks, the app's encrypted secrets) are the
// user's alone: mode 0600. conf (and electron-store over it) gives a file this mode on every write
// when asked (configFileMode); a file an older version left readable by others is fixed at open.

export const STORE_FILE_MODE = 0o600;

/** Make an existing file owner-only now rather than at its next write. Windows has no such bits. */
export function restrictToOwner(path: string): void {
  if (process.platform !== 'win32' && existsSync(path)) chmodSync(path, STORE_FILE_MODE);
}
