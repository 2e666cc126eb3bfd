import { z } from 'zod';

// Alertmanager API v2 (0.25+) answers, validated at the boundary. Only the fields Vigil uses
// are required; unknown fields pass through untouched so newer Alertmanagers still parse.
const labelSet = z.record(z.string(), z.string());

/**
 * The sender's clock is not trusted: a startsAt that is not an ISO datetime (or is before 2000,
 * like Go's zero time) reads as unknown (null), and the incident's page time falls back to when
 * Vigil first saw it. Never quarantined for it: a critical alert with a bad timestamp must still ring.
 */
const EARLIEST_PLAUSIBLE_MS = Date.UTC(2000, 0, 1);
export const alertTimeSchema = z
  .iso.datetime({ offset: true })
  .nullable()
  .catch(null)
  .transform((text) => (text !== null && Date.parse(text) >= EARLIEST_PLAUSIBLE_MS ? text : null));

export const amAlertSchema = z.object({
  fingerprint: z.string().min(1),
  labels: labelSet,
  annotations: labelSet.default({}),
  startsAt: alertTimeSchema,
  endsAt: z.string().optional(),
  updatedAt: z.string().optional(),
  generatorURL: z.string().optional(),
  receivers: z.array(z.object({ name: z.string() })).default([]),
  status: z.object({
    state: z.enum(['active', 'suppressed', 'unprocessed']),
    silencedBy: z.array(z.string()).nullable().default([]).transform((v) => v ?? []),
    inhibitedBy: z.array(z.string()).nullable().default([]).transform((v) => v ?? []),
    mutedBy: z.array(z.string()).nullable().optional(),
  }),
});
export type AmAlert = z.infer<typeof amAlertSchema>;

export const amMatcherSchema = z.object({
  name: z.string(),
  value: z.string(),
  isRegex: z.boolean(),
  isEqual: z.boolean().optional(),
});
export type AmMatcher = z.infer<typeof amMatcherSchema>;

export const amSilenceSchema = z.object({
  id: z.string(),
  status: z.object({ state: z.enum(['expired', 'active', 'pending']) }),
  updatedAt: z.string().optional(),
  matchers: z.array(amMatcherSchema),
  startsAt: z.string(),
  endsAt: z.string(),
  createdBy: z.string(),
  comment: z.string(),
});
export type AmSilence = z.infer<typeof amSilenceSchema>;

export const amPostableSilenceSchema = z.object({
  id: z.string().optional(),
  matchers: z.array(amMatcherSchema).min(1),
  startsAt: z.string(),
  endsAt: z.string(),
  createdBy: z.string().min(1),
  comment: z.string().min(1),
});
export type AmPostableSilence = z.infer<typeof amPostableSilenceSchema>;

export const amPostSilenceResponseSchema = z.object({ silenceID: z.string().min(1) });

export const amStatusSchema = z.object({
  cluster: z.object({ status: z.string(), name: z.string().optional(), peers: z.array(z.unknown()).nullable().optional() }).optional(),
  versionInfo: z.record(z.string(), z.string()).optional(),
  config: z.object({ original: z.string() }).optional(),
  uptime: z.string().optional(),
});
export type AmStatus = z.infer<typeof amStatusSchema>;
