import { closeSync, fsyncSync, openSync, writeSync } from 'node:fs';

// Small durability primitives shared by the journal and the state files. A write is only
// "done" once fsync returned; a new or renamed file is only durable once its directory is.

/** writeSync may write fewer bytes than asked (disk full, signals): loop until all are written. */
export function writeAllSync(fd: number, bytes: Uint8Array): void {
  let offset = 0;
  while (offset < bytes.length) {
    offset += writeSync(fd, bytes, offset, bytes.length - offset);
  }
}

export function fsyncPath(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Persist a directory entry (a created or renamed file). Some platforms cannot fsync a directory. */
export function fsyncDirectory(dir: string): void {
  let fd: number;
  try {
    fd = openSync(dir, 'r');
  } catch {
    return;
  }
  try {
    fsyncSync(fd);
  } catch (error) {
    // Windows refuses fsync on a directory handle (EPERM/EISDIR); its rename is already durable there.
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EPERM' && code !== 'EISDIR' && code !== 'EINVAL') throw error;
  } finally {
    closeSync(fd);
  }
}
