import { z } from 'zod';
import { durationField } from './duration.ts';
import { isSecureTransport } from './secure-transport.ts';
import { parseUrlTemplate } from './dashboards/dashboard-links.ts';
import { parseMatchers } from './label-matchers.ts';

// The Vigil configuration file (YAML). Every field is documented in docs/configuration.md.

/**
 * Environment variables a config may name: Vigil's own only. A config (or anything that can change
 * the settings) must not be able to read PATH, AWS_SECRET_ACCESS_KEY or any other variable of the
 * process and send it to an Alertmanager.
 */
export const SECRET_ENV_PREFIX = 'VIGIL_';

/** A secret is never written in the file: it names an environment variable or a safeStorage key. */
export const secretRefSchema = z.union([
  z
    .object({
      env: z
        .string()
        .regex(/^VIGIL_[A-Za-z0-9_]+$/, `environment variable names must start with ${SECRET_ENV_PREFIX} (then letters, digits, _): Vigil reads no other variables`),
    })
    .strict(),
  z.object({ secret: z.string().min(1).max(256) }).strict(),
]);
export type SecretRef = z.infer<typeof secretRefSchema>;

export const authSchema = z.union([
  z.object({ basic: z.object({ username: z.string().min(1), password: secretRefSchema }).strict() }).strict(),
  z.object({ bearer: secretRefSchema }).strict(),
]);
export type SourceAuth = z.infer<typeof authSchema>;

/**
 * Header names whose values are credentials (Authorization, Cookie, X-Vault-Token, X-API-Key, …):
 * their values must be secret refs, so a token never sits in plain text in a config or settings file.
 */
export function isCredentialHeaderName(name: string): boolean {
  return /^(proxy-)?authorization$|^cookie$|^x-.+-token$|api[-_]?key/i.test(name);
}

/** A URL carrying user:password@ would be shown, sent in snapshots and saved: refuse it. */
function hasUserinfo(text: string): boolean {
  try {
    const url = new URL(text);
    return url.username !== '' || url.password !== '';
  } catch {
    return false; // not a URL at all: the url check reports that
  }
}

function isInsecureUrl(text: string): boolean {
  try {
    return !isSecureTransport(new URL(text));
  } catch {
    return false;
  }
}

/** A URL that may carry no user:password@ (it would be shown, sent in snapshots and saved). */
const credentialFreeUrl = z
  .string()
  .url()
  .refine((url) => !hasUserinfo(url), 'credentials in the URL (user:password@) are not accepted: use auth (basic: { username, password: { env: VIGIL_… } })');

/**
 * The Prometheus that evaluates a source's alert rules (issue 8): polled for pending alerts (about
 * to fire) and rule health, and asked for an incident's graph. URL, auth, headers and CA work as
 * for the source's Alertmanager.
 */
export const prometheusTargetSchema = z
  .object({
    url: credentialFreeUrl,
    auth: authSchema.optional(),
    headers: z.record(z.string(), z.union([z.string(), secretRefSchema])).default({}),
    ca_file: z.string().optional(),
    timeout: durationField.default(10_000),
    max_response_bytes: z.number().int().positive().default(32 * 1024 * 1024),
    /** How often /api/v1/rules is read (pending alerts, rule health). */
    poll_interval: durationField.default(30_000),
    /** The graph's expression per alertname, instead of the one in the alert's generatorURL. */
    queries: z.record(z.string().min(1).max(256), z.string().min(1).max(4096)).default({}),
  })
  .strict()
  .superRefine((target, ctx) => {
    for (const [name, value] of Object.entries(target.headers ?? {})) {
      if (typeof value === 'string' && isCredentialHeaderName(name)) {
        ctx.addIssue({ code: 'custom', path: ['headers', name], message: `header ${name} carries a credential, so its value must be a secret ref ({ env: VIGIL_… } or { secret: key }), never written in plain text` });
      }
    }
    if (sourceSendsCredentials(target) && isInsecureUrl(target.url)) {
      ctx.addIssue({ code: 'custom', path: ['url'], message: 'credentials are never sent over plain http to a host other than localhost: use https (http only for 127.0.0.1, localhost, [::1])' });
    }
  });
export type PrometheusTargetConfig = z.infer<typeof prometheusTargetSchema>;

const sourceFieldsSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,62}$/i, 'id: letters, digits, - and _'),
    name: z.string().optional(),
    /** One URL, or several for an HA pair/cluster: alerts are merged by fingerprint. */
    urls: z
      .array(
        z
          .string()
          .url()
          .refine((url) => !hasUserinfo(url), 'credentials in the URL (user:password@) are not accepted: use auth (basic: { username, password: { env: VIGIL_… } })'),
      )
      .min(1),
    auth: authSchema.optional(),
    /** Extra headers, e.g. X-Scope-OrgID for Mimir/Cortex multi-tenancy. Credential headers must be secret refs. */
    headers: z.record(z.string(), z.union([z.string(), secretRefSchema])).default({}),
    ca_file: z.string().optional(),
    timeout: durationField.default(10_000),
    max_response_bytes: z.number().int().positive().default(32 * 1024 * 1024),
    /** Server-side receiver regex: only alerts routed to these receivers can page you. */
    receiver: z.string().optional(),
    /** Server-side matchers, e.g. ['team="platform"', 'severity=~"critical|warning"']. */
    filter: z.array(z.string()).default([]),
    /**
     * A dead man's switch: an always-firing alert (kube-prometheus ships `Watchdog`) whose absence
     * means Prometheus no longer reaches this Alertmanager. `{}` takes the default alertname.
     */
    dead_mans_switch: z.object({ alertname: z.string().min(1).max(256).default('Watchdog') }).strict().optional(),
    /** The Prometheus behind this Alertmanager: about-to-fire alerts, rule health, incident graphs. */
    prometheus: prometheusTargetSchema.optional(),
  })
  .strict();

/** The fields the settings UI shows and may change; credentials, headers and CA are not among them. */
export const sourceSettingsSchema = sourceFieldsSchema.pick({ id: true, name: true, urls: true, receiver: true, filter: true });

/** True when requests to this source carry credentials: auth, or a header that is a secret ref or a credential. */
export function sourceSendsCredentials(source: { auth?: unknown; headers?: Record<string, unknown> }): boolean {
  return source.auth !== undefined || Object.entries(source.headers ?? {}).some(([name, value]) => typeof value !== 'string' || isCredentialHeaderName(name));
}

export const sourceSchema = sourceFieldsSchema.superRefine((source, ctx) => {
  for (const [name, value] of Object.entries(source.headers ?? {})) {
    if (typeof value === 'string' && isCredentialHeaderName(name)) {
      ctx.addIssue({
        code: 'custom',
        path: ['headers', name],
        message: `header ${name} carries a credential, so its value must be a secret ref ({ env: VIGIL_… } or { secret: key }), never written in plain text`,
      });
    }
  }
  if (sourceSendsCredentials(source)) {
    (source.urls ?? []).forEach((url, index) => {
      if (isInsecureUrl(url)) {
        ctx.addIssue({
          code: 'custom',
          path: ['urls', index],
          message: 'credentials are never sent over plain http to a host other than localhost: use https (http only for 127.0.0.1, localhost, [::1])',
        });
      }
    });
  }
});
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

/** Built-in policies. A Map: severities come from alert labels, and a label must never reach a prototype. */
export const DEFAULT_POLICY: ReadonlyMap<string, SeverityPolicy> = new Map([
  ['critical', { alarm: true, ack_within: 2 * 60_000, loud: true }],
  ['warning', { alarm: true, ack_within: 60 * 60_000, loud: false }],
  ['info', { alarm: true, ack_within: 24 * 60 * 60_000, loud: false }],
  ['none', { alarm: false, ack_within: 0, loud: false }],
]);
const WARNING_POLICY = DEFAULT_POLICY.get('warning')!;

export const dashboardLinkSchema = z
  .object({
    /** The button's text. */
    name: z.string().min(1).max(80),
    /** Label matchers (Alertmanager syntax); the link is offered for incidents matching all of them. */
    match: z
      .array(z.string().max(1024))
      .max(20)
      .default([])
      .superRefine((matchers, ctx) => {
        const parsed = parseMatchers(matchers);
        if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.error });
      }),
    /** A URL with {{labels.NAME}}, {{from}}, {{to}}, {{starts_at}} placeholders; each value is URL-encoded. */
    url: z
      .string()
      .max(4096)
      .superRefine((url, ctx) => {
        const parsed = parseUrlTemplate(url);
        if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.error });
      }),
    /** {{from}} is the incident's start minus this. */
    before: durationField.default(60 * 60_000),
    /** {{to}} is the incident's end plus this (`now` while it fires). */
    after: durationField.default(15 * 60_000),
  })
  .strict();

export const dashboardsSchema = z
  .object({
    /** Grafana's base URL: Grafana-managed alerts (annotations __dashboardUid__, __panelId__) link to their panel there. */
    grafana_url: credentialFreeUrl.optional(),
    links: z.array(dashboardLinkSchema).max(50).default([]),
  })
  .strict();
export type DashboardsConfig = z.infer<typeof dashboardsSchema>;

export const identitySchema = z
  .object({
    /** Written as the silence's createdBy; matches a person's handle in the rotation file. */
    id: z.string().min(1).max(128),
    name: z.string().max(256).optional(),
  })
  .strict();
export type Identity = z.infer<typeof identitySchema>;

/** A runbook host name in `runbooks.allowed_hosts`: exact, or every subdomain with a leading "*.". */
const runbookHostSchema = z
  .string()
  .regex(/^(\*\.)?[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*$/, 'a host name such as wiki.example.com or *.example.com (no scheme, port or path)')
  .transform((host) => host.toLowerCase());

const runbookMapEntrySchema = z
  .object({
    /** Labels that must all be equal for the entry to apply, e.g. { alertname: WeaviateDown, cluster: prod }. */
    match: z.record(z.string().min(1).max(256), z.string().max(1024)).refine((match) => Object.keys(match).length > 0, 'match needs at least one label'),
    /** A Markdown file (relative to the config file). */
    file: z.string().min(1).optional(),
    /** A Markdown runbook fetched over https (its host needs no allowed_hosts entry: this file names it). */
    url: z
      .string()
      .url()
      .refine((url) => url.startsWith('https://'), 'runbooks are fetched over https only')
      .optional(),
  })
  .strict()
  .refine((entry) => (entry.file === undefined) !== (entry.url === undefined), 'give exactly one of file or url');

/** Where runbooks come from (docs/runbooks.md). Without this section only the runbook_url link is shown. */
export const runbooksConfigSchema = z
  .object({
    /** A folder of Markdown runbooks named after the alert: <dir>/<alertname>.md. Relative to the config file. */
    dir: z.string().min(1).optional(),
    /** Checked in order before the folder: the first entry whose labels all match gives the runbook. */
    map: z.array(runbookMapEntrySchema).max(1000).default([]),
    /** Hosts whose https runbook_url annotations are fetched as Markdown; none by default. */
    allowed_hosts: z.array(runbookHostSchema).max(200).default([]),
    /** PEM bundle trusted for fetching runbooks instead of the system store (an internal wiki's CA). */
    ca_file: z.string().min(1).optional(),
    timeout: durationField.default(5_000),
    /** A fetched runbook is asked for again (If-None-Match) at most this often; meanwhile its copy is used. */
    refresh: durationField.default(5 * 60_000),
  })
  .strict();
export type RunbooksConfig = z.infer<typeof runbooksConfigSchema>;

export const vigilConfigSchema = z
  .object({
    me: identitySchema,
    sources: z.array(sourceSchema).default([]),
    /** The full poll (everything routed to me, acks included); the fast poll brings it forward when something changes. */
    poll_interval: durationField.default(30_000),
    /**
     * The fast half of two-speed polling: how often to ask only for what can ring me now (a small
     * answer); a new alert in it triggers the full poll at once. 0 turns it off.
     */
    fast_poll_interval: durationField.default(2_000),
    /** While I am on call, a source failing (or its dead man's switch missing) this long rings an alarm of its own. */
    blind_after: durationField.default(2 * 60_000),
    /** Alerts that vanish in a suspicious answer (Alertmanager restarted, all alerts gone at once) stay firing this long. */
    resolution_hold: durationField.default(3 * 60_000),
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
    /** Runbooks shown as live checklists: a folder, a label map, fetched runbook_url annotations (docs/runbooks.md). */
    runbooks: runbooksConfigSchema.optional(),
    /**
     * Deprecated: one Prometheus for the whole config. Still accepted so old files load; used as the
     * `prometheus:` of the only source (with a warning), ignored with a warning otherwise.
     */
    prometheus: z.object({ url: credentialFreeUrl }).strict().optional(),
    /** Links to dashboards for matching incidents, and Grafana's URL for Grafana-managed alerts. */
    dashboards: dashboardsSchema.optional(),
    /** Post-mortem drafts: the team's own Markdown template (placeholders in docs/post-mortems.md), relative to this file. */
    postmortem: z.object({ template: z.string().min(1).max(4096).optional() }).strict().optional(),
  })
  .strict();
export type VigilConfig = z.infer<typeof vigilConfigSchema>;
export type VigilConfigInput = z.input<typeof vigilConfigSchema>;

/** The policy for a severity: the configured one over the built-in default for that severity (or the default severity's). */
export function policyFor(config: Pick<VigilConfig, 'policy' | 'default_severity'>, severity: string): SeverityPolicy {
  const known = Object.hasOwn(config.policy, severity) || DEFAULT_POLICY.has(severity) ? severity : config.default_severity;
  const builtIn = DEFAULT_POLICY.get(known) ?? WARNING_POLICY;
  const configured = Object.hasOwn(config.policy, known) ? config.policy[known] : undefined;
  if (!configured) return builtIn;
  return {
    alarm: configured.alarm,
    ack_within: configured.ack_within ?? (builtIn.alarm ? builtIn.ack_within : WARNING_POLICY.ack_within),
    realarm_every: configured.realarm_every,
    loud: configured.loud,
  };
}
