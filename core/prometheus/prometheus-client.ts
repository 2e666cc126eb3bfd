import type { z } from 'zod';
import type { PrometheusTargetConfig } from '../../shared/config-schema.ts';
import type { GraphWindow } from '../../shared/prometheus/graph-series.ts';
import { promErrorSchema, promQueryRangeAnswerSchema, promRulesAnswerSchema, type PromMatrixSeries } from '../../shared/prometheus/prometheus-schemas.ts';
import type { RuleGroupInput } from '../../shared/prometheus/rule-watch.ts';
import { AmHttpError, cleanSnippet, type AmResponse } from '../alertmanager/am-http.ts';
import { createSourceRequest, type SendRequest, type SourceRequestDeps } from '../alertmanager/source-request.ts';

// Vigil's reads from a source's Prometheus (HTTP API v1): the rules with their active alerts (for
// pending alerts and rule health) and query_range (for an incident's graph). Same HTTP machinery,
// auth, CA and byte cap as the Alertmanager client; every answer is validated before use.

/** A graph never needs more than this; a query matching thousands of series is refused, not parsed. */
const GRAPH_MAX_BYTES = 8 * 1024 * 1024;

export interface PrometheusApi {
  readonly url: string;
  /** GET /api/v1/rules: every rule group, rules still unvalidated (summarizeRules checks each). */
  rules(signal?: AbortSignal): Promise<RuleGroupInput[]>;
  /** GET /api/v1/query_range over the window. */
  queryRange(expr: string, window: GraphWindow, signal?: AbortSignal): Promise<PromMatrixSeries[]>;
}

function issueText(error: z.ZodError): string {
  const issue = error.issues[0];
  return `${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`;
}

/** Prometheus explains a refused query in its JSON error body ("parse error: …"): say that, not just "HTTP 400". */
function explained(error: unknown, label: string): unknown {
  if (!(error instanceof AmHttpError) || error.kind !== 'http') return error;
  try {
    const body = promErrorSchema.safeParse(JSON.parse(error.bodySnippet));
    if (body.success) return new AmHttpError('http', `${label}: HTTP ${error.status}: ${cleanSnippet(body.data.error)}`, { status: error.status, url: error.url, bodySnippet: error.bodySnippet });
  } catch {
    // not JSON (a proxy's page, or cut at the snippet limit): the original message says enough
  }
  return error;
}

export function createPrometheusClient(target: PrometheusTargetConfig, label: string, deps: SourceRequestDeps): PrometheusApi {
  const send: SendRequest = createSourceRequest(target, label, deps);
  const sendGraph: SendRequest = createSourceRequest({ ...target, max_response_bytes: Math.min(target.max_response_bytes, GRAPH_MAX_BYTES) }, label, deps);

  function parse<T extends z.ZodType>(schema: T, response: AmResponse, what: string): z.output<T> {
    const parsed = schema.safeParse(response.body);
    if (!parsed.success) throw new AmHttpError('malformed', `${label}: invalid ${what} from ${response.url}: ${issueText(parsed.error)}`, { url: response.url });
    return parsed.data;
  }

  return {
    url: target.url,
    async rules(signal) {
      try {
        const response = await send(target.url, { path: '/api/v1/rules' }, signal);
        return parse(promRulesAnswerSchema, response, 'rules answer').data.groups;
      } catch (error) {
        throw explained(error, label);
      }
    },
    async queryRange(expr, window, signal) {
      const query: Array<[string, string]> = [
        ['query', expr],
        ['start', String(window.startMs / 1000)],
        ['end', String(window.endMs / 1000)],
        ['step', String(window.stepMs / 1000)],
      ];
      try {
        const response = await sendGraph(target.url, { path: '/api/v1/query_range', query }, signal);
        return parse(promQueryRangeAnswerSchema, response, 'query_range answer').data.result;
      } catch (error) {
        throw explained(error, label);
      }
    },
  };
}
