import { z } from 'zod';
import type { AppSnapshot, TimelineEvent } from './domain.ts';
import type { IncidentGraph } from './prometheus/prometheus-views.ts';
import { identitySchema, severityPolicySchema, sourceSettingsSchema } from './config-schema.ts';
import { MAX_DRAFT_LENGTH, type DraftRevisionInfo, type PostMortemDraftView } from './postmortem/draft-schema.ts';
import type { OccurrenceSummary } from './postmortem/occurrences.ts';
import type { RunbookView } from './runbooks/runbook-model.ts';
import { MAX_ACK_INCIDENTS, type VigilRequestName } from './ipc-request-names.ts';

export { MAX_ACK_INCIDENTS, VIGIL_REQUEST_NAMES, type VigilRequestName } from './ipc-request-names.ts';

// The one contract between renderers and the core, in the manner of GitHub Desktop's ipc-shared.ts.
// Each request names the zod schema its argument must pass (checked in the main process / host,
// never trusted from the renderer) and the type of its result. The preload exposes exactly one
// function per entry; the headless host serves the same entries over HTTP.

declare const resultBrand: unique symbol;
type Result<T> = { readonly [resultBrand]: T };
const result = <T>() => ({}) as Result<T>;

const incidentKey = z.string().min(1).max(512);
const ackVia = z.enum(['window', 'keyboard', 'alarm-window', 'tray', 'notification']);

/**
 * What the settings UI may change: only the fields it shows. A source's credentials, headers and CA
 * file never travel in a patch, so a compromised renderer (or anyone holding the host token) cannot
 * attach stored credentials to a URL of its choice; the core keeps them only while the origin stays.
 */
export const settingsPatchSchema = z
  .object({
    me: identitySchema.optional(),
    sources: z.array(sourceSettingsSchema).max(16).optional(),
    policy: z.record(z.string().max(64), severityPolicySchema).optional(),
    poll_interval: z.union([z.string().max(32), z.number().positive()]).optional(),
  })
  .strict();
export type SettingsPatch = z.input<typeof settingsPatchSchema>;

/** A credential typed in Settings: write-only, stored encrypted by the core; no request reads it back. */
export const sourceCredentialSchema = z.union([
  z.object({ bearer: z.string().min(1).max(8192) }).strict(),
  z.object({ basic: z.object({ username: z.string().min(1).max(256), password: z.string().min(1).max(8192) }).strict() }).strict(),
]);
export type SourceCredential = z.infer<typeof sourceCredentialSchema>;

export interface SettingsView {
  me: { id: string; name: string | null };
  /** Credentials are never in the view: only whether a source sends any, and which kind of auth it has. */
  sources: Array<{ id: string; name: string | null; urls: string[]; receiver: string | null; filter: string[]; hasAuth: boolean; authKind: 'bearer' | 'basic' | null }>;
  policy: Record<string, { alarm: boolean; ack_within_ms: number; loud: boolean }>;
  pollIntervalMs: number;
  configSource: string | null;
}

export interface AckResult {
  ok: boolean;
  silenceId: string | null;
  error: string | null;
}

/** One incident's outcome in an ackIncidents request. */
export interface IncidentAckResult extends AckResult {
  incidentKey: string;
}

// ---- post-mortems (issue 9): occurrences, notes, drafts, export ----
const occurrenceId = z.string().min(1).max(600).regex(/@[0-9a-z]{1,16}$/, 'not an occurrence id');

export interface OccurrenceListItem extends OccurrenceSummary {
  hasPostMortem: boolean;
}

/** Where an export went: the app saved it through its save dialog; the headless host leaves it to the browser (download, print). */
export type PostMortemExportResult = { status: 'saved'; path: string } | { status: 'cancelled' } | { status: 'browser' };

export type PostMortemSaveResult = { ok: true; rev: number; savedAt: number } | { ok: false; error: string; rev: number };

export const vigilRequests = {
  getSnapshot: { args: z.object({}).strict(), result: result<AppSnapshot>() },
  ackIncident: {
    args: z.object({ incidentKey, via: ackVia }).strict(),
    result: result<AckResult>(),
  },
  /**
   * Acknowledge many incidents (an alarm storm): one silence per incident, made by the core (so it
   * finishes if the window closes), a few at a time. Answers each incident's outcome, in order.
   */
  ackIncidents: {
    args: z.object({ incidentKeys: z.array(incidentKey).min(1).max(MAX_ACK_INCIDENTS), via: ackVia }).strict(),
    result: result<{ results: IncidentAckResult[] }>(),
  },
  /** One occurrence's events when occurrenceId is given, else every occurrence's. */
  getTimeline: { args: z.object({ incidentKey, occurrenceId: z.string().min(1).max(600).optional() }).strict(), result: result<TimelineEvent[]>() },
  getSettings: { args: z.object({}).strict(), result: result<SettingsView>() },
  updateSettings: { args: settingsPatchSchema, result: result<SettingsView>() },
  setIdentity: { args: identitySchema, result: result<SettingsView>() },
  /** Set or replace a saved source's bearer token or basic password (write-only; the key is the core's choice). */
  setSourceCredential: { args: z.object({ sourceId: z.string().min(1).max(64), credential: sourceCredentialSchema }).strict(), result: result<SettingsView>() },
  /**
   * The graph of what fired: the core asks the incident's Prometheus (query_range) and caches the
   * answer briefly. Asked while the incident is on screen; the renderer never polls it.
   */
  getIncidentGraph: { args: z.object({ incidentKey }).strict(), result: result<IncidentGraph>() },
  /**
   * The incident's runbook as a checklist (from the runbook folder, the config's map, or its
   * runbook_url fetched by the core and cached on disk), with the steps checked in this occurrence.
   */
  getRunbook: { args: z.object({ incidentKey, occurrenceId }).strict(), result: result<RunbookView>() },
  /** Check or uncheck a step of the incident's current runbook: journaled (by me, now) before it answers. */
  setChecklistStep: {
    args: z.object({ incidentKey, occurrenceId, stepId: z.string().min(1).max(128), checked: z.boolean() }).strict(),
    result: result<{ checked: string[] }>(),
  },
  /** Links (runbooks, dashboards, tel:, mailto:, Slack) open in the OS browser only after the core's scheme allowlist. */
  openLink: { args: z.object({ url: z.string().min(1).max(8192) }).strict(), result: result<{ opened: boolean; reason: string | null }>() },
  /** Past and current occurrences from the journal, most recent first, filtered by alertname (substring), severity and first-seen date. */
  listOccurrences: {
    args: z.object({ alertname: z.string().max(256).optional(), severity: z.string().max(64).optional(), from: z.number().int().nonnegative().optional(), to: z.number().int().nonnegative().optional(), limit: z.number().int().min(1).max(1000).optional() }).strict(),
    result: result<{ occurrences: OccurrenceListItem[]; total: number }>(),
  },
  /** A person's note on an occurrence's timeline ('user-note', by me, now). */
  addNote: { args: z.object({ incidentKey, occurrenceId, text: z.string().trim().min(1).max(4000) }).strict(), result: result<TimelineEvent>() },
  getPostMortem: { args: z.object({ occurrenceId }).strict(), result: result<PostMortemDraftView | null>() },
  /** Creates the draft from the template and the journal (or answers the existing one, untouched); times in the reader's zone and UTC. */
  createPostMortem: { args: z.object({ occurrenceId, zone: z.string().min(1).max(64) }).strict(), result: result<{ draft: PostMortemDraftView; warning: string | null }>() },
  /** Autosave: journaled and fsynced before it answers ok; on a refusal (disk full) the text stays with the caller to retry. */
  savePostMortem: { args: z.object({ occurrenceId, text: z.string().max(MAX_DRAFT_LENGTH) }).strict(), result: result<PostMortemSaveResult>() },
  listPostMortemRevisions: { args: z.object({ occurrenceId }).strict(), result: result<DraftRevisionInfo[]>() },
  getPostMortemRevision: { args: z.object({ occurrenceId, rev: z.number().int().positive() }).strict(), result: result<{ rev: number; text: string } | null>() },
  restorePostMortemRevision: { args: z.object({ occurrenceId, rev: z.number().int().positive() }).strict(), result: result<PostMortemDraftView>() },
  /** Save as Markdown or PDF through the app's save dialog (the path is never the renderer's choice). */
  exportPostMortem: { args: z.object({ occurrenceId, format: z.enum(['markdown', 'pdf']) }).strict(), result: result<PostMortemExportResult>() },
  // Exactly one entry per name in ipc-request-names.ts: a missing or an extra entry fails to compile.
} as const satisfies Record<VigilRequestName, { args: z.ZodType; result: unknown }>;

export const vigilEvents = {
  snapshot: result<AppSnapshot>(),
  /** The user clicked a notification or tray entry: bring this incident into view. */
  focusIncident: result<{ incidentKey: string }>(),
} as const;

export type VigilEventName = keyof typeof vigilEvents;
export type RequestArgs<K extends VigilRequestName> = z.input<(typeof vigilRequests)[K]['args']>;
export type RequestResult<K extends VigilRequestName> = (typeof vigilRequests)[K]['result'] extends Result<infer T> ? T : never;
export type EventPayload<K extends VigilEventName> = (typeof vigilEvents)[K] extends Result<infer T> ? T : never;

/** What a renderer sees: one async function per request, one subscription per event. */
export type VigilApi = { [K in VigilRequestName]: (args: RequestArgs<K>) => Promise<RequestResult<K>> } & {
  on<E extends VigilEventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
};

export const VIGIL_EVENT_NAMES = Object.keys(vigilEvents) as VigilEventName[];
export const ipcChannel = (name: VigilRequestName | VigilEventName) => `vigil:${name}`;

/** The handlers the core implements; Electron's ipcMain and the headless host both dispatch to these. */
export type VigilHandlers = { [K in VigilRequestName]: (args: z.output<(typeof vigilRequests)[K]['args']>) => Promise<RequestResult<K>> };

/** Validate an untrusted argument, throwing an error that names the request and field. */
export function parseRequestArgs<K extends VigilRequestName>(name: K, raw: unknown): z.output<(typeof vigilRequests)[K]['args']> {
  const parsed = vigilRequests[name].args.safeParse(raw ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`invalid arguments for ${name}: ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data as z.output<(typeof vigilRequests)[K]['args']>;
}

export function isVigilRequestName(name: string): name is VigilRequestName {
  return Object.hasOwn(vigilRequests, name);
}
