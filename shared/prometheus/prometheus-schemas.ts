import { z } from 'zod';

// Prometheus HTTP API v1 answers Vigil reads (/api/v1/rules, /api/v1/query_range), validated at the
// boundary. Only the fields Vigil uses are required; unknown fields pass through so newer
// Prometheus versions (and Thanos / Mimir rulers, which answer the same API) still parse.
// https://prometheus.io/docs/prometheus/latest/querying/api/

const labelSet = z.record(z.string(), z.string());

/** A timestamp Prometheus writes as RFC 3339; Go's zero time ("0001-01-01T00:00:00Z", never evaluated) reads as null. */
const promTime = z
  .string()
  .nullish()
  .transform((text) => {
    if (!text) return null;
    const ms = Date.parse(text);
    return Number.isFinite(ms) && ms > Date.UTC(2000, 0, 1) ? ms : null;
  });

/** Every answer is wrapped: { status: "success", data } or { status: "error", errorType, error }. */
export function promEnvelope<T extends z.ZodType>(data: T) {
  return z.object({ status: z.literal('success'), data, warnings: z.array(z.string()).optional() });
}

export const promErrorSchema = z.object({ status: z.literal('error'), errorType: z.string().optional(), error: z.string() });

export const promRuleAlertSchema = z.object({
  labels: labelSet,
  annotations: labelSet.default({}),
  state: z.enum(['pending', 'firing', 'inactive']),
  activeAt: promTime,
  value: z.string().optional(),
});
export type PromRuleAlert = z.infer<typeof promRuleAlertSchema>;

const ruleCommon = {
  name: z.string().min(1),
  query: z.string(),
  labels: labelSet.nullish().transform((v) => v ?? {}),
  /** "ok", "err" or "unknown" (not evaluated yet). */
  health: z.string(),
  lastError: z.string().nullish().transform((v) => v || null),
  lastEvaluation: promTime,
};

export const promAlertingRuleSchema = z.object({
  ...ruleCommon,
  type: z.literal('alerting'),
  /** The rule's `for:`, in seconds. */
  duration: z.number().nonnegative().default(0),
  annotations: labelSet.nullish().transform((v) => v ?? {}),
  /** Active alerts of this rule (pending and firing); items breaking the schema are counted apart. */
  alerts: z.array(z.unknown()).nullish().transform((v) => v ?? []),
});

export const promRecordingRuleSchema = z.object({ ...ruleCommon, type: z.literal('recording') });

export const promRuleSchema = z.discriminatedUnion('type', [promAlertingRuleSchema, promRecordingRuleSchema]);
export type PromRule = z.infer<typeof promRuleSchema>;
export type PromAlertingRule = z.infer<typeof promAlertingRuleSchema>;

export const promRuleGroupSchema = z.object({
  name: z.string(),
  file: z.string().optional(),
  /** Rules are checked one by one, so one odd rule does not hide the others. */
  rules: z.array(z.unknown()),
});

export const promRulesAnswerSchema = promEnvelope(z.object({ groups: z.array(promRuleGroupSchema) }));

/** A sample value: Prometheus writes numbers as strings ("1.5", "NaN", "+Inf"). */
const samplePair = z.tuple([z.number(), z.string()]);

export const promMatrixSeriesSchema = z.object({ metric: labelSet, values: z.array(samplePair) });
export type PromMatrixSeries = z.infer<typeof promMatrixSeriesSchema>;

export const promQueryRangeAnswerSchema = promEnvelope(
  z.object({
    resultType: z.literal('matrix'),
    result: z.array(promMatrixSeriesSchema),
  }),
);
