import type { AmAlert, AmPostableSilence, AmSilence, AmStatus } from '../shared/alertmanager-schemas.ts';

// The OS- and network-facing parts the core needs, as interfaces. Production implementations live
// beside them in core/ (or electron/ for Electron-only ones); tests pass real servers or fakes.

/** One validated Alertmanager answer for a logical source (an HA pair merged by fingerprint). */
export interface AlertFetch {
  alerts: AmAlert[];
  /** Items that broke the schema and were dropped (counted, never silently treated as resolved). */
  quarantined: number;
  /** Per-URL errors for an HA pair where at least one member answered. */
  partialErrors: string[];
  /** Every member answered the same bytes as last time: `alerts` is the previous answer, unparsed again. */
  unchanged?: boolean;
}

export interface RingingAnswer {
  /** The ringing alerts' fingerprints; null when the answer is the same as at the last call. */
  fingerprints: string[] | null;
  /** The answer's size: what writing it cost Alertmanager grows with it (the fast poll spaces itself by it). */
  answerBytes: number;
}

export interface AlertmanagerApi {
  readonly sourceId: string;
  /** Fetch what can page me (server-side filtered). Rejects on any failed/truncated/invalid answer. */
  fetchAlerts(signal?: AbortSignal): Promise<AlertFetch>;
  /** What can ring me right now (active, unsilenced, uninhibited, my receiver and filter), for the fast poll. */
  ringingFingerprints(signal?: AbortSignal): Promise<RingingAnswer>;
  /** How many alerts match these matchers, whatever their receiver or state (a dead man's switch). */
  countFiring(filter: readonly string[], signal?: AbortSignal): Promise<number>;
  getSilence(id: string, signal?: AbortSignal): Promise<AmSilence | null>;
  listSilences(signal?: AbortSignal): Promise<AmSilence[]>;
  /** POST a silence and confirm it by reading it back from the Alertmanager that took it. */
  createSilence(silence: AmPostableSilence, signal?: AbortSignal): Promise<AmSilence>;
  expireSilence(id: string, signal?: AbortSignal): Promise<void>;
  getStatus(signal?: AbortSignal): Promise<AmStatus>;
}

export interface NotificationRequest {
  /** Stable per incident, so a re-alarm replaces rather than stacks. */
  incidentKey: string;
  title: string;
  body: string;
  urgency: 'low' | 'normal' | 'critical';
  /** Offer an Acknowledge action where the platform supports actions. */
  ackAction: boolean;
}

export type NotificationOutcome = 'shown' | 'acknowledge' | 'clicked' | 'dismissed' | 'failed';

export interface Notifier {
  /** Resolves once the OS took the notification; `onAction` later reports the user's answer. */
  show(request: NotificationRequest): Promise<{ shown: boolean; error: string | null }>;
  onAction(listener: (incidentKey: string, action: 'acknowledge' | 'clicked') => void): () => void;
}

/** Secrets (passwords, tokens). Electron: safeStorage-encrypted; headless host: environment only. */
export interface SecretStore {
  get(key: string): Promise<string | null>;
  set(key: string, value: string): Promise<void>;
}

/** Small persisted settings/state: electron-store in the app, `conf` (its engine) in the headless host. */
export interface KeyValueStore {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
}

export interface Logger {
  info(message: string, data?: Record<string, unknown>): void;
  warn(message: string, data?: Record<string, unknown>): void;
  error(message: string, data?: Record<string, unknown>): void;
}
