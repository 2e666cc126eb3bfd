import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { vigilConfigSchema } from '../../shared/config-schema.ts';
import type { VigilConfig } from '../../shared/config-schema.ts';
import { discoverAmtoolSource } from './amtool-config.ts';
import { ConfigError } from './config-error.ts';
import { demoConfig } from './demo-config.ts';
import { parseVigilConfigText, resolveRelativePaths } from './parse-config-text.ts';
import { scrubStoredOverlay, storedOverlaySchema, withFileSettings } from './settings-overlay.ts';

// Where Vigil's configuration comes from, in order: an explicit file (--config, else the
// VIGIL_CONFIG variable), else the Alertmanager amtool already knows about, else the demo.
// Settings saved from the UI are an overlay merged on top of whichever was found.

export interface LoadConfigOptions {
  /** From --config; relative paths resolve against the working directory. */
  configPath?: string;
  env: NodeJS.ProcessEnv;
  homeDir: string;
  /** The settings saved from the app (shape: storedOverlaySchema); its top-level keys replace the file's. */
  overlay?: unknown;
}

export interface LoadedConfig {
  config: VigilConfig;
  /** The file the config came from (the Vigil config or amtool's), null for the demo. */
  source: string | null;
  demo: boolean;
  /** Problems that did not stop loading, e.g. an unusable amtool config that was skipped. */
  warnings: string[];
}

export const OVERLAY_SOURCE = 'settings saved from the app';

export async function loadVigilConfig(options: LoadConfigOptions): Promise<LoadedConfig> {
  const base = await loadBase(options);
  if (options.overlay === undefined || options.overlay === null) return base;
  const config = applySettingsOverlay(base.config, options.overlay, base.source === null || base.demo ? null : dirname(base.source));
  // Sources configured in the app turn the demo into the real thing.
  const demo = base.demo && config.sources.length === 0;
  return { ...base, config, demo };
}

async function loadBase({ configPath, env, homeDir }: LoadConfigOptions): Promise<LoadedConfig> {
  const explicit = configPath ?? (env.VIGIL_CONFIG ? env.VIGIL_CONFIG : undefined);
  if (explicit !== undefined) {
    const path = resolve(explicit);
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      const origin = configPath !== undefined ? '--config' : 'VIGIL_CONFIG';
      throw new ConfigError(path, [{ source: path, line: null, column: null, path: '', message: `cannot read the config file named by ${origin}: ${(error as Error).message}` }]);
    }
    return { config: parseVigilConfigText(text, path, { baseDir: dirname(path) }), source: path, demo: false, warnings: [] };
  }

  const amtool = await discoverAmtoolSource(homeDir);
  if (amtool.found && 'source' in amtool) {
    const config = vigilConfigSchema.parse({
      // amtool's `author` is who its silences are created by; Vigil's acks should say the same.
      me: { id: amtool.author ?? env.USER ?? env.LOGNAME ?? 'vigil-user' },
      sources: [amtool.source],
    });
    return { config, source: amtool.path, demo: false, warnings: [] };
  }
  const warnings = amtool.found && 'problem' in amtool ? [`amtool config ignored: ${amtool.problem}`] : [];
  return { config: demoConfig(), source: null, demo: true, warnings };
}

/**
 * Merge the settings saved from the app over a loaded config. Top-level keys (me, sources, policy,
 * poll_interval) replace the file's values wholesale: a partial merge of a source list would leave a
 * half-edited source nobody wrote. What the settings cannot carry (headers, CA file, timeouts, the
 * file's credentials) comes from the file's source of the same id, credentials only while its
 * origin is unchanged.
 */
export function applySettingsOverlay(config: VigilConfig, overlay: unknown, baseDir: string | null): VigilConfig {
  const patch = storedOverlaySchema.safeParse(scrubStoredOverlay(overlay));
  if (!patch.success) {
    throw new ConfigError(
      OVERLAY_SOURCE,
      patch.error.issues.map((issue) => ({ source: OVERLAY_SOURCE, line: null, column: null, path: issue.path.map(String).join('.'), message: issue.message })),
    );
  }
  const merged: Record<string, unknown> = { ...config };
  for (const [key, value] of Object.entries(patch.data)) {
    if (value !== undefined) merged[key] = value;
  }
  if (patch.data.sources) {
    merged.sources = patch.data.sources.map((source) => withFileSettings(source, config.sources.find((fromFile) => fromFile.id === source.id)));
  }
  const parsed = vigilConfigSchema.safeParse(merged);
  if (!parsed.success) {
    throw new ConfigError(
      OVERLAY_SOURCE,
      parsed.error.issues.map((issue) => ({ source: OVERLAY_SOURCE, line: null, column: null, path: issue.path.map(String).join('.'), message: issue.message })),
    );
  }
  const ids = parsed.data.sources.map((source) => source.id);
  const duplicate = ids.find((id, index) => ids.indexOf(id) !== index);
  if (duplicate !== undefined) {
    throw new ConfigError(OVERLAY_SOURCE, [{ source: OVERLAY_SOURCE, line: null, column: null, path: 'sources', message: `duplicate source id "${duplicate}"` }]);
  }
  return baseDir === null ? parsed.data : resolveRelativePaths(parsed.data, baseDir);
}
