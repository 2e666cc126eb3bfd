import { parse as parseYaml } from 'yaml';
import type { SourceConfig } from '../../shared/config-schema.ts';
import type { AlertmanagerApi, Logger } from '../ports.ts';

// At start (and after each settings change, which restarts the runtime) Vigil reads each
// Alertmanager's /api/v2/status: the route's group_by, so incidents group the way the team's
// notifications do, and the receivers, so a typo in `receiver` is said out loud instead of
// showing "OK, 0 alerts" forever.

export interface SourceInspection {
  groupBy: string[];
  warnings: string[];
}

interface StatusConfig {
  route?: { group_by?: unknown };
  receivers?: unknown;
}

function receiverNames(config: StatusConfig | null): string[] | null {
  if (!Array.isArray(config?.receivers)) return null;
  return config.receivers.flatMap((r: unknown) => (typeof r === 'object' && r !== null && typeof (r as { name?: unknown }).name === 'string' ? [(r as { name: string }).name] : []));
}

/** Why a receiver regex (anchored, as Alertmanager anchors it) can never match, or null. */
export function receiverProblem(receiver: string, names: readonly string[]): string | null {
  let re: RegExp;
  try {
    re = new RegExp(`^(?:${receiver})$`);
  } catch (error) {
    return `receiver ${JSON.stringify(receiver)} is not a valid regular expression (${(error as Error).message})`;
  }
  if (names.some((name) => re.test(name))) return null;
  return `receiver ${JSON.stringify(receiver)} matches none of Alertmanager's receivers (${names.slice(0, 20).join(', ') || 'none'}): Vigil would never see an alert`;
}

export async function inspectSources(sources: ReadonlyArray<{ id: string; name: string; api: AlertmanagerApi }>, configs: readonly SourceConfig[], logger: Logger): Promise<SourceInspection> {
  let groupBy: string[] | null = null;
  const warnings: string[] = [];
  for (const source of sources) {
    let config: StatusConfig | null;
    try {
      const status = await source.api.getStatus();
      config = (parseYaml(status.config?.original ?? '') as StatusConfig | null) ?? null;
    } catch (error) {
      logger.warn('could not read the Alertmanager status; grouping by alertname', { source: source.id, error: String(error) });
      continue;
    }
    if (groupBy === null && Array.isArray(config?.route?.group_by)) groupBy = config.route.group_by.filter((l): l is string => typeof l === 'string');
    const receiver = configs.find((c) => c.id === source.id)?.receiver;
    const names = receiverNames(config);
    if (receiver !== undefined && names !== null) {
      const problem = receiverProblem(receiver, names);
      if (problem) warnings.push(`${source.name}: ${problem}. Fix "receiver" in Settings or the config file.`);
    }
  }
  return { groupBy: groupBy ?? [], warnings };
}
