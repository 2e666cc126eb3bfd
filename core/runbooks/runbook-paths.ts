import type { RunbooksConfig } from '../../shared/config-schema.ts';

/** The runbook folder, map files and CA file with `fix` applied (relative paths -> the config file's folder). */
export function resolveRunbookPaths(runbooks: RunbooksConfig, fix: (path: string) => string): RunbooksConfig {
  return {
    ...runbooks,
    ...(runbooks.dir !== undefined ? { dir: fix(runbooks.dir) } : {}),
    ...(runbooks.ca_file !== undefined ? { ca_file: fix(runbooks.ca_file) } : {}),
    map: runbooks.map.map((entry) => (entry.file === undefined ? entry : { ...entry, file: fix(entry.file) })),
  };
}
