// The view model the core publishes and every renderer (Electron window, headless browser) reads.
// Timestamps are epoch milliseconds. Everything here is plain data: it crosses IPC and WebSocket.
import type { DashboardsView } from './dashboards/dashboard-links.ts';
import type { PendingAlertView, PrometheusHealthView } from './prometheus/prometheus-views.ts';

export type LabelSet = Record<string, string>;

export interface AlertView {
  fingerprint: string;
  labels: LabelSet;
  annotations: LabelSet;
  startsAt: number;
  state: 'active' | 'suppressed' | 'unprocessed';
  silencedBy: string[];
  /** Source ids that reported this alert (an HA pair reports it twice, merged here). */
  sources: string[];
  generatorURL: string | null;
}

export type AckVia = 'window' | 'keyboard' | 'notification' | 'tray' | 'alarm-window' | 'remote';

export interface AckInfo {
  by: string;
  via: AckVia;
  at: number;
  silenceId: string | null;
  sourceId: string | null;
  /** True when this Vigil's user made the ack. */
  mine: boolean;
}

export type IncidentState = 'firing' | 'acked' | 'silenced' | 'resolved';

export interface AlarmView {
  incidentKey: string;
  severity: string;
  /** When this Vigil rang it. */
  raisedAt: number;
  /**
   * When I was paged: the incident's start when I am first in line (or there is no rotation), the
   * time of the first escalation step that reaches me otherwise. The ack clock counts from here.
   */
  pagedAt: number;
  /**
   * The one ack deadline: pagedAt + the policy's ack_within. It never moves: past it the incident
   * is overdue (re-alarms raise `level`), and every view (banner, list, detail, escalation clock,
   * tray, alarm window) shows this same instant.
   */
  ackDeadline: number;
  /** 0 on the first ring, +1 each time a deadline passes unacknowledged. */
  level: number;
  loud: boolean;
  /** Set while an ack is in flight. */
  acking: boolean;
  /** The last ack failure, shown until the next attempt; the alarm keeps ringing meanwhile. */
  ackError: string | null;
}

export interface IncidentView {
  key: string;
  /**
   * This occurrence of the incident: it starts when Vigil first sees it and ends when it resolves.
   * The same incident firing again later is a new occurrence, with its own timeline (and
   * checklist and post-mortem).
   */
  occurrenceId: string;
  /**
   * 'alert': grouped Alertmanager alerts. 'blind': Vigil itself cannot see a source (unreachable
   * too long, or its dead man's switch went missing) while I am on call; acked locally, not by a silence.
   */
  kind: 'alert' | 'blind';
  title: string;
  alertname: string;
  severity: string;
  /** Set when alerts carry a severity outside the known set: they are treated as `severity`, visibly. */
  severityNote: string | null;
  groupLabels: LabelSet;
  summary: string | null;
  description: string | null;
  runbookUrl: string | null;
  dashboardUrl: string | null;
  alertCount: number;
  /** A sample (at most 50) of the incident's alerts; alertCount is the true number. */
  alerts: AlertView[];
  startsAt: number;
  firstSeenAt: number;
  state: IncidentState;
  ack: AckInfo | null;
  /** Silences other than Vigil acks (maintenance windows) that mute this incident. */
  silencedBy: string[];
  alarm: AlarmView | null;
  resolvedAt: number | null;
  escalation: EscalationView | null;
}

export interface SourceHealth {
  id: string;
  name: string;
  urls: string[];
  state: 'ok' | 'unhealthy' | 'unknown';
  lastSuccessAt: number | null;
  lastAttemptAt: number | null;
  error: string | null;
  consecutiveFailures: number;
  /** Items dropped from the last answer because they broke the schema. */
  quarantined: number;
  alertCount: number;
  /** Start of the current run of failed polls; null while healthy. */
  failingSince: number | null;
  /** Alerts kept as firing although the last answer lacked them (a suspicious mass resolution). */
  held: number;
  heldReason: string | null;
  /** The source's dead man's switch (e.g. an always-firing Watchdog) has been missing since then. */
  watchdogMissingSince: number | null;
  /** The source's Prometheus (reachability, rule health), when one is configured. */
  prometheus?: PrometheusHealthView | null;
}

export type TimelineEventType =
  | 'first-seen'
  | 'alarm-raised'
  | 'notification-shown'
  | 'deadline-missed'
  | 're-alarmed'
  | 'ack-requested'
  | 'acked'
  | 'ack-failed'
  | 'acked-by-other'
  | 'silence-extended'
  | 'silence-expired'
  | 'silence-vanished'
  | 'escalation-step'
  | 'resolved'
  /** Something Vigil noticed (a refused notification, a re-created silence). */
  | 'note'
  /** A runbook checklist step checked or unchecked by a person (data: step id and text). */
  | 'step-checked'
  | 'step-unchecked'
  /** A person's note written during the incident ("rolled back to blue"). */
  | 'user-note';

export interface TimelineEvent {
  id: string;
  incidentKey: string;
  /** The occurrence the event belongs to (see IncidentView.occurrenceId); absent in journals written before occurrences. */
  occurrenceId?: string;
  at: number;
  type: TimelineEventType;
  message: string;
  by?: string;
  data?: Record<string, string | number | boolean | null>;
}

// ---- rotation and escalation (issue 3) ----

export interface PersonView {
  handle: string;
  name: string;
  timezone: string;
  phone: string | null;
  email: string | null;
  slack: string | null;
}

export interface RoleHolder {
  role: string;
  person: PersonView | null;
}

export interface ShiftView {
  role: string;
  handle: string | null;
  name: string | null;
  start: number;
  end: number;
}

export interface GapView {
  role: string;
  start: number;
  end: number;
}

export interface RosterView {
  /** Who holds each role right now. */
  now: RoleHolder[];
  myRoles: string[];
  nextHandoff: { at: number; role: string; from: string | null; to: string | null } | null;
  /** Shifts over the coming 4 weeks. */
  upcoming: ShiftView[];
  gaps: GapView[];
  people: PersonView[];
  source: string | null;
  /** Set when the latest rotation version was rejected and the last good one is in use. */
  warning: string | null;
  loadedAt: number | null;
}

export interface EscalationStepView {
  index: number;
  /** Absolute time the step is reached. */
  at: number;
  delayMs: number;
  target: { kind: 'role' | 'person' | 'action'; value: string };
  people: PersonView[];
  reached: boolean;
  current: boolean;
  includesMe: boolean;
}

export interface EscalationView {
  severity: string;
  startedAt: number;
  ackDeadline: number;
  respondDeadline: number | null;
  steps: EscalationStepView[];
  /** Stopped because the incident was acknowledged or resolved. */
  stopped: boolean;
}

export interface AppSnapshot {
  generatedAt: number;
  me: { id: string; name: string | null };
  /** True when no configuration was found and the built-in demo scenario runs. */
  demo: boolean;
  configSource: string | null;
  sources: SourceHealth[];
  incidents: IncidentView[];
  roster: RosterView | null;
  /** Loud warnings: a source is unreachable while I am on call, a rotation was rejected, ... */
  warnings: string[];
  /** Pending alerts in the sources' Prometheus that would page me: about to fire, never alarming. */
  aboutToFire?: PendingAlertView[];
  /** The config's dashboard links and Grafana URL; the renderer fills them in per incident. */
  dashboards?: DashboardsView;
}
