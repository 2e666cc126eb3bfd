import { prometheusTargetSchema, type PrometheusTargetConfig, type VigilConfig } from '../config-schema.ts';

// Which Prometheus belongs to which source. Each source may name its own (`sources[].prometheus`);
// the old top-level `prometheus: { url }` (accepted and ignored before issue 8) still loads: it
// becomes the only source's Prometheus, with a warning to move it, and is ignored (said so) when
// there are several sources, since it cannot tell whose alerts it evaluates.

export interface PrometheusTarget {
  sourceId: string;
  sourceName: string;
  prometheus: PrometheusTargetConfig;
  /** The source's Alertmanager `filter`, applied locally to pending alerts. */
  filter: string[];
}

export function prometheusTargets(config: Pick<VigilConfig, 'sources' | 'prometheus'>): { targets: PrometheusTarget[]; warnings: string[] } {
  const warnings: string[] = [];
  const targets: PrometheusTarget[] = [];
  for (const source of config.sources) {
    if (source.prometheus) targets.push({ sourceId: source.id, sourceName: source.name ?? source.id, prometheus: source.prometheus, filter: source.filter });
  }
  const legacy = config.prometheus;
  if (legacy) {
    const only = config.sources.length === 1 ? config.sources[0] : undefined;
    if (only && !only.prometheus) {
      targets.push({ sourceId: only.id, sourceName: only.name ?? only.id, prometheus: prometheusTargetSchema.parse({ url: legacy.url }), filter: only.filter });
      warnings.push(`The top-level "prometheus: { url }" is deprecated: it is used as the Prometheus of source "${only.id}". Move it under that source (sources[].prometheus).`);
    } else {
      warnings.push(
        `The top-level "prometheus: { url }" is deprecated and ignored here: ${only ? `source "${only.id}" names its own` : `it cannot tell which of the ${config.sources.length} sources it belongs to`}. Write "prometheus:" under the source whose alerts it evaluates.`,
      );
    }
  }
  return { targets, warnings };
}
