import { createHash } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { fsyncDirectory, writeAllSync } from '../journal/fs-durable.ts';

// Fetched runbooks kept on disk (one JSON file per URL, in the data dir) with the ETag they came
// with, so a runbook opens when its wiki is down or the laptop is offline, which is when an
// incident tends to need it. Written to a temporary file and renamed, so a crash leaves the old
// copy or the new one, never half of one. The file is read back as untrusted and validated.

const cachedRunbookSchema = z
  .object({
    url: z.string().min(1).max(8192),
    etag: z.string().max(1024).nullable(),
    fetchedAt: z.number().int().nonnegative(),
    text: z.string(),
  })
  .strict();
export type CachedRunbook = z.infer<typeof cachedRunbookSchema>;

export interface RunbookCache {
  read(url: string): CachedRunbook | null;
  /** Throws when the disk refuses (full, read-only); the caller keeps the copy in memory then. */
  write(entry: CachedRunbook): void;
}

let tempCounter = 0;

export function openRunbookCache(dir: string): RunbookCache {
  // The URL (a label value, possibly with a token in its query) never becomes a path: its hash does.
  const pathOf = (url: string) => join(dir, `${createHash('sha256').update(url).digest('hex').slice(0, 40)}.json`);
  return {
    read(url) {
      let raw: unknown;
      try {
        raw = JSON.parse(readFileSync(pathOf(url), 'utf8'));
      } catch {
        return null;
      }
      const parsed = cachedRunbookSchema.safeParse(raw);
      return parsed.success && parsed.data.url === url ? parsed.data : null;
    },
    write(entry) {
      mkdirSync(dir, { recursive: true });
      const path = pathOf(entry.url);
      tempCounter += 1;
      const temp = `${path}.tmp-${process.pid}-${tempCounter}`;
      const fd = openSync(temp, 'wx');
      try {
        writeAllSync(fd, Buffer.from(JSON.stringify(cachedRunbookSchema.parse(entry)), 'utf8'));
        fsyncSync(fd);
        closeSync(fd);
        renameSync(temp, path);
      } catch (error) {
        try {
          closeSync(fd);
        } catch {
          // already closed
        }
        rmSync(temp, { force: true });
        throw error;
      }
      fsyncDirectory(dir);
    },
  };
}
