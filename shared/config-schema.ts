import { z } from 'zod';
import { durationField } from './duration.ts';

// The Vigil configuration file (YAML). Every field is documented in docs/configuration.md.

/** A secret is never written in the file: it names an environment variable or a safeStorage key. */
export const secretRefSchema = z.union([
  z.object({ env: z.string().min(1) }).strict(),
  z.object({ secret: z.string().min(1) }).strict(),
]);
export type SecretRef = z.infer<typeof secretRefSchema>;

export const authSchema = z.union([
  z.object({ basic: z.object({ username: z.string().min(1), password: secretRefSchema }).strict() }).strict(),
  z.object({ bearer: secretRefSchema }).strict(),
]);
export type SourceAuth = z.infer<typeof authSchema>;

export const sourceSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,62}$/i, 'id: letters, digits, - and _'),
    name: z.string().optional(),
    /** One URL, or several for an HA pair/cluster: alerts are merged by fingerprint. */
    urls: z.array(z.string().url()).min(1),
    auth: authSchema.optional(),
    /** Extra headers, e.g. X-Scope-OrgID for Mimir/Cortex multi-tenancy. Values may be secret refs. */
    headers: z.record(z.string(), z.union([z.string(), secretRefSchema])).default({}),
    ca_file: z.string().optional(),
    timeout: durationField.default(10_000),
    max_response_bytes: z.number().int().positive().default(32 * 1024 * 1024),
    /** Server-side receiver regex: only alerts routed to these receivers can page you. */
    receiver: z.string().optional(),
    /** Server-side matchers, e.g. ['team="platform"', 'severity=~"critical|warning"']. */
    filter: z.array(z.string()).default([]),
  })
  .strict();
export type SourceConfig = z.infer<typeof sourceSchema>;

export const severityPolicySchema = z
  .object({
    alarm: z.boolean().default(true),
    /** Optional: a severity that never alarms needs none; otherwise the built-in default for the severity applies. */
    ack_within: durationField.optional(),
    /** After a missed deadline, ring again this often with rising urgency. Defaults to ack_within. */
    realarm_every: durationField.optional(),
    /** Sound and always-on-top alarm window (critical by default), since OS notifications can be dropped under do-not-disturb. */
    loud: z.boolean().default(false),
  })
  .strict();
export type SeverityPolicyInput = z.infer<typeof severityPolicySchema>;
export interface SeverityPolicy {
  alarm: boolean;
  ack_within: number;
  realarm_every?: number | undefined;
  loud: boolean;
}

export const DEFAULT_POLICY: Record<string, SeverityPolicy> = {
  critical: { alarm: true, ack_within: 2 * 60_000, loud: true },
  warning: { alarm: true, ack_within: 60 * 60_000, loud: false },
  info: { alarm: true, ack_within: 24 * 60 * 60_000, loud: false },
  none: { alarm: false, ack_within: 0, loud: false },
};

export const identitySchema = z
  .object({
    /** Written as the silence's createdBy; matches a person's handle in the rotation file. */
    id: z.string().min(1).max(128),
    name: z.string().max(256).optional(),
  })
  .strict();
export type Identity = z.infer<typeof identitySchema>;

export const vigilConfigSchema = z
  .object({
    me: identitySchema,
    sources: z.array(sourceSchema).default([]),
    poll_interval: durationField.default(10_000),
    policy: z.record(z.string(), severityPolicySchema).default({}),
    /** Severity assumed when an alert has no severity label. */
    default_severity: z.string().default('warning'),
    grouping: z
      .object({
        /** Labels that identify an incident. Default: alertname plus the Alertmanager route's group_by. */
        by: z.array(z.string().min(1)).min(1).optional(),
      })
      .strict()
      .default({}),
    ack: z
      .object({
        /** Ack silences are short and extended while the incident fires, so a forgotten ack does not hide a new outage. */
        silence_for: durationField.default(30 * 60_000),
        extend_below: durationField.default(10 * 60_000),
      })
      .strict()
      .default({ silence_for: 30 * 60_000, extend_below: 10 * 60_000 }),
    rotation: z
      .object({ file: z.string().optional(), url: z.string().url().optional(), refresh: durationField.default(60_000) })
      .strict()
      .optional(),
    prometheus: z.object({ url: z.string().url() }).strict().optional(),
  })
  .strict();
export type VigilConfig = z.infer<typeof vigilConfigSchema>;
export type VigilConfigInput = z.input<typeof vigilConfigSchema>;

/** The policy for a severity: the configured one over the built-in default for that severity (or the default severity's). */
export function policyFor(config: Pick<VigilConfig, 'policy' | 'default_severity'>, severity: string): SeverityPolicy {
  const known = severity in config.policy || severity in DEFAULT_POLICY ? severity : config.default_severity;
  const builtIn = DEFAULT_POLICY[known] ?? DEFAULT_POLICY.warning!;
  const configured = config.policy[known];
  if (!configured) return builtIn;
  return {
    alarm: configured.alarm,
    ack_within: configured.ack_within ?? (builtIn.alarm ? builtIn.ack_within : DEFAULT_POLICY.warning!.ack_within),
    realarm_every: configured.realarm_every,
    loud: configured.loud,
  };
}
