import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { sourceSchema } from '../../shared/config-schema.ts';
import type { SourceConfig } from '../../shared/config-schema.ts';

// Someone who already uses amtool has told it where their Alertmanager is; Vigil picks that up
// so the first start shows their alerts instead of the demo. amtool's config file is kingpin
// flags as YAML keys, so the URL is the flat key `alertmanager.url`.

export const AMTOOL_SOURCE_ID = 'amtool';

export function amtoolConfigPath(homeDir: string): string {
  return join(homeDir, '.config', 'amtool', 'config.yml');
}

const amtoolFileSchema = z
  .object({
    'alertmanager.url': z.string().optional(),
    // Accept the nested spelling too; amtool itself only reads the flat one.
    alertmanager: z.object({ url: z.string().optional() }).loose().optional(),
    author: z.string().optional(),
  })
  .loose();

export type AmtoolDiscovery =
  | { found: false }
  | { found: true; path: string; source: SourceConfig; author: string | null }
  | { found: true; path: string; problem: string };

export async function discoverAmtoolSource(homeDir: string): Promise<AmtoolDiscovery> {
  const path = amtoolConfigPath(homeDir);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { found: false };
    return { found: true, path, problem: `${path} cannot be read: ${(error as Error).message}` };
  }
  let raw: unknown;
  try {
    raw = parse(text) ?? {};
  } catch (error) {
    return { found: true, path, problem: `${path} is not valid YAML: ${(error as Error).message.split('\n')[0]}` };
  }
  const file = amtoolFileSchema.safeParse(raw);
  if (!file.success) return { found: true, path, problem: `${path} is not an amtool config (expected a mapping of flags)` };
  const url = file.data['alertmanager.url'] ?? file.data.alertmanager?.url;
  if (url === undefined) return { found: true, path, problem: `${path} has no alertmanager.url` };
  const source = sourceSchema.safeParse({ id: AMTOOL_SOURCE_ID, name: 'Alertmanager (from amtool config)', urls: [url] });
  // The URL itself is not quoted: amtool accepts user:password@ in it, which must not reach a warning.
  if (!source.success) return { found: true, path, problem: `${path}: alertmanager.url: ${source.error.issues[0]?.message ?? 'not a valid URL'}` };
  return { found: true, path, source: source.data, author: file.data.author ?? null };
}
