import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { z } from 'zod';
import { fsyncDirectory, writeAllSync } from './fs-durable.ts';

// Small state that must never be half-written (e.g. "the ack silences I created"): written to a
// temporary file, fsync'ed, then renamed over the old one, so a reader sees the old state or the
// new one, never a mix. A file that fails its schema is moved aside, not overwritten later.

export type StateRead<T> =
  | { status: 'missing' }
  | { status: 'ok'; value: T }
  | { status: 'invalid'; error: string; setAsideTo: string };

export interface StateFile<T, In = T> {
  readonly path: string;
  /** Read and validate. An invalid file is renamed to `<path>.corrupt-<ms>` so nothing is lost. */
  read(): StateRead<T>;
  /** Convenience: the stored value, or `fallback` when missing or invalid (after setting it aside). */
  readOr(fallback: T): T;
  /** Validate, then replace the file atomically. Throws (writing nothing) when the value is invalid. */
  write(value: In): void;
}

export interface StateFileOptions {
  /** Used for the `.corrupt-<ms>` suffix; injectable for tests. */
  now?: () => number;
}

let tempCounter = 0;

export function openStateFile<S extends z.ZodType>(path: string, schema: S, opts: StateFileOptions = {}): StateFile<z.output<S>, z.input<S>> {
  const now = opts.now ?? (() => Date.now());
  const dir = dirname(path);

  const describe = (error: z.ZodError) => {
    const issue = error.issues[0];
    return `${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`;
  };

  const setAside = (): string => {
    let target = `${path}.corrupt-${now()}`;
    for (let n = 1; existsSync(target); n += 1) target = `${path}.corrupt-${now()}-${n}`;
    renameSync(path, target);
    fsyncDirectory(dir);
    return target;
  };

  const read = (): StateRead<z.output<S>> => {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { status: 'missing' };
      throw error;
    }
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (error) {
      return { status: 'invalid', error: `${path}: not JSON (${(error as Error).message})`, setAsideTo: setAside() };
    }
    const parsed = schema.safeParse(raw);
    if (!parsed.success) return { status: 'invalid', error: `${path}: ${describe(parsed.error)}`, setAsideTo: setAside() };
    return { status: 'ok', value: parsed.data };
  };

  return {
    path,
    read,
    readOr(fallback) {
      const result = read();
      return result.status === 'ok' ? result.value : fallback;
    },
    write(value) {
      const parsed = schema.safeParse(value);
      if (!parsed.success) throw new Error(`refusing to write invalid state to ${path}: ${describe(parsed.error)}`);
      mkdirSync(dir, { recursive: true });
      tempCounter += 1;
      const temp = join(dir, `.${basename(path)}.tmp-${process.pid}-${tempCounter}`);
      // The value as given (not the parsed output) is stored, so a schema with defaults or
      // transforms reads back the same way it validated now.
      const bytes = Buffer.from(`${JSON.stringify(value, null, 2)}\n`, 'utf8');
      const fd = openSync(temp, 'wx');
      try {
        writeAllSync(fd, bytes);
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
    },
  };
}
