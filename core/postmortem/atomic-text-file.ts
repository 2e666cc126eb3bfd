import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fsyncDirectory, writeAllSync } from '../journal/fs-durable.ts';

// A text file that a power cut never leaves half-written: written to a temporary file beside it,
// fsync'ed, renamed over the old one, and the directory fsync'ed. A reader (Vigil after a crash,
// or the user's own editor) sees the old text or the new one, never a mix.

let counter = 0;

export function writeTextFileAtomic(path: string, text: string): void {
  const dir = dirname(path);
  mkdirSync(dir, { recursive: true });
  counter += 1;
  const temp = join(dir, `.${basename(path)}.tmp-${process.pid}-${counter}`);
  const fd = openSync(temp, 'wx');
  try {
    writeAllSync(fd, Buffer.from(text, 'utf8'));
    fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    rmSync(temp, { force: true });
    throw error;
  }
  closeSync(fd);
  try {
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
  fsyncDirectory(dir);
}
