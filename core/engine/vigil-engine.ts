import { setImmediate } from 'node:timers/promises';
import { evaluateAlarms, type AlarmEffect, type AlarmInput } from '../../shared/alarm/alarm-machine.ts';
import { engineStateSchema, emptyEngineState, type EngineState, type MyAck } from '../../shared/alarm/engine-state-schema.ts';
import type { AmAlert } from '../../shared/alertmanager-schemas.ts';
import type { Clock, TimerHandle } from '../../shared/clock.ts';
import { policyFor, type VigilConfig } from '../../shared/config-schema.ts';
import type { AckInfo, AckVia, EscalationView, IncidentView, RosterView, SourceHealth } from '../../shared/domain.ts';
import { formatDuration } from '../../shared/duration.ts';
import { myPageTime } from '../../shared/escalation/escalation-plan.ts';
import { createGroupingMemo, groupIntoIncidents, type GroupingMemo, type IncidentGroup } from '../../shared/incidents/group-incidents.ts';
import { buildBlindIncidentView, buildIncidentView } from '../../shared/incidents/incident-view.ts';
import { createMergeMemo, mergeSourceSnapshots, type MergedSnapshots, type MergeMemo } from '../../shared/incidents/merge-source-snapshots.ts';
import { sameFingerprints } from '../../shared/incidents/same-fingerprints.ts';
import { knownSeverities } from '../../shared/incidents/severity.ts';
import type { AckResult } from '../../shared/ipc-contract.ts';
import { boundTimelineInput, occurrenceIdOf } from '../../shared/timeline-schema.ts';
import type { SourceFetch } from '../alertmanager/source-fetch.ts';
import type { SourcePollOutcome } from '../alertmanager/source-poller.ts';
import type { TimelineEventInput, TimelineJournal } from '../journal/timeline-journal.ts';
import type { AlertmanagerApi, KeyValueStore, Logger, Notifier } from '../ports.ts';
import { AckKeeper } from './ack-keeper.ts';
import { blindSpots, type BlindSpot } from './blind-watch.ts';
import type { EngineJournal, RotationProvider } from './engine-ports.ts';
import { journalReachedSteps } from './escalation-journal.ts';
import { readIncidentAck, standingAckSilence } from './incident-acks.ts';
import { addSilenceIds, SilenceBook } from './silence-book.ts';
import { SourceHealthBook } from './source-health-book.ts';

export interface EngineSource {
  id: string;
  name: string;
  urls: string[];
  api: AlertmanagerApi;
}

export interface EngineDeps {
  clock: Clock;
  config: VigilConfig;
  sources: EngineSource[];
  groupBy: string[];
  notifier: Notifier;
  journal: Pick<TimelineJournal, 'appendAll'>;
  store: KeyValueStore;
  rotation: RotationProvider;
  logger: Logger;
  onChange(): void;
}

const STATE_KEY = 'engineState';
const RESOLVED_KEEP_MS = 60 * 60_000;

/** What one recompute worked out for an incident, reused to build its view. */
interface Prepared {
  group: IncidentGroup;
  firstSeenAt: number;
  /** The ladder's zero and the primary's page time: the earlier of startsAt and first seen. */
  startedAt: number;
  ack: AckInfo | null;
  mutedBy: string[];
  escalation: EscalationView | null;
}

/**
 * The core loop: source answers in, incidents and alarms out. State changes are computed by the
 * pure alarm machine; the engine applies their effects (notify, journal, persist) and hands acks
 * to the AckKeeper. Evaluation never waits on the network: silence lookups and ack upkeep run
 * after it, and evaluate again if they learned something.
 */
export class VigilEngine {
  readonly #deps: EngineDeps;
  readonly #snapshots = new Map<string, AmAlert[]>();
  readonly #mergeMemo: MergeMemo = createMergeMemo();
  readonly #groupingMemo: GroupingMemo = createGroupingMemo();
  /**
   * The incidents of the current snapshots. A recompute for a tick (a deadline, an ack, the
   * rotation) regroups only when a poll brought new alerts or a start depends on the time.
   */
  #grouped: { groups: IncidentGroup[]; dependsOnNow: boolean } | null = null;
  readonly #fingerprints = new Map<string, ReadonlySet<string>>();
  readonly #restartedAt = new Map<string, number | null>();
  readonly #health: SourceHealthBook;
  readonly #silences = new SilenceBook();
  readonly #acking = new Set<string>();
  readonly #ackErrors = new Map<string, string>();
  /** A teammate's ack found while acking, shown until the alerts carry it (the next poll). */
  readonly #ackedByOther = new Map<string, { ack: AckInfo; until: number }>();
  readonly #blindAcks = new Map<string, AckInfo>();
  readonly #upkeep = new Set<string>();
  readonly #myAcks: Map<string, MyAck>;
  readonly #reachedSteps: Map<string, number>;
  readonly #ackKeeper: AckKeeper;
  readonly #knownSeverities: ReadonlySet<string>;
  /** Timeline events the disk refused (full, read-only): kept and retried, never dropped. */
  readonly #unwritten: TimelineEventInput[] = [];
  #journalError: string | null = null;
  #stateError: string | null = null;
  #prepared = new Map<string, Prepared>();
  #recomputing = false;
  /**
   * When each incident's latest occurrence started (first seen). Kept after it resolves, so late
   * events (the ack silence expired after resolution) still land in that occurrence.
   */
  #occurrenceStart = new Map<string, number>();
  #blind = new Map<string, BlindSpot>();
  #lastViews = new Map<string, IncidentView>();
  #resolved: IncidentView[] = [];
  #state: EngineState;
  /** The state as last written to the store, to skip writing it unchanged. */
  #savedState: string | null = null;
  #timer: TimerHandle | null = null;
  /** When the timer was set and is due, by the wall clock; a poll outside that span evaluates even if its answer is unchanged. */
  #wake: { setAt: number; at: number | null } | null = null;
  #queue: Promise<void> = Promise.resolve();
  #queuedTick: Promise<void> | null = null;
  #disposed = false;

  constructor(deps: EngineDeps) {
    this.#deps = deps;
    this.#health = new SourceHealthBook(deps.sources);
    this.#state = this.#loadState();
    this.#myAcks = new Map(Object.entries(this.#state.myAcks));
    this.#reachedSteps = new Map(Object.entries(this.#state.reachedSteps));
    this.#knownSeverities = knownSeverities(Object.keys(deps.config.policy));
    this.#ackKeeper = new AckKeeper({
      me: deps.config.me.id,
      silenceForMs: deps.config.ack.silence_for,
      extendBelowMs: deps.config.ack.extend_below,
      silences: this.#silences,
      myAcks: this.#myAcks,
      journal: this.#journal,
      warn: (message, data) => deps.logger.warn(message, data),
    });
  }

  get me(): string {
    return this.#deps.config.me.id;
  }

  /** True while I hold a role in the rotation, or always when there is no rotation. */
  onCall(): boolean {
    const roster = this.#deps.rotation.roster(this.#deps.clock.now(), this.me);
    return roster === null || roster.myRoles.length > 0;
  }

  /** Feeds one poll answer. A failed answer keeps the previous snapshot: an outage never reads as "all resolved". */
  applyPoll(sourceId: string, outcome: SourcePollOutcome<SourceFetch>): Promise<void> {
    const evaluated = this.#serial(async () => {
      const wasHealthy = this.#health.isHealthy(sourceId);
      if (!this.#health.record(sourceId, outcome)) return;
      if (outcome.ok) {
        // Nothing changed (same bytes, nothing held, still healthy): no regrouping, no snapshot
        // to the window. Deadlines and escalation steps have their own timer.
        // Unless the wall clock passed the next deadline or step, or went back: timers run on the
        // monotonic clock, so after a sleep/resume or a clock step they would wait out their delay.
        const now = this.#deps.clock.now();
        const due = this.#wake !== null && ((this.#wake.at !== null && now >= this.#wake.at) || now < this.#wake.setAt);
        if (outcome.fetch.unchanged && outcome.fetch.held === 0 && wasHealthy && this.#health.isHealthy(sourceId) && this.#snapshots.has(sourceId) && !due) return;
        const previous = this.#snapshots.get(sourceId);
        this.#snapshots.set(sourceId, outcome.fetch.alerts);
        this.#grouped = null;
        if (!previous || !sameFingerprints(previous, outcome.fetch.alerts)) this.#fingerprints.set(sourceId, new Set(outcome.fetch.alerts.map((a) => a.fingerprint)));
        this.#restartedAt.set(sourceId, outcome.fetch.restartedAt);
        await this.#regroup();
      }
      this.#recompute();
    });
    if (!outcome.ok) return evaluated;
    return evaluated.then(() => this.#afterPoll(sourceId, outcome.fetch));
  }

  /** Re-evaluates with the current time (a deadline or escalation step came due, the rotation changed). */
  tick(): Promise<void> {
    // A tick asked for while another is still queued shares it: the recompute reads the state as it
    // is when it runs, so an ack storm (300 acks) is not 300 recomputes, saves and snapshots.
    if (this.#queuedTick) return this.#queuedTick;
    const queued = this.#serial(async () => {
      this.#queuedTick = null;
      this.#recompute();
    });
    this.#queuedTick = queued;
    return queued;
  }

  async ack(incidentKey: string, via: AckVia): Promise<AckResult> {
    const blind = this.#blind.get(incidentKey);
    if (blind) return this.#ackBlind(blind, via);
    const prepared = this.#prepared.get(incidentKey);
    if (!prepared) return { ok: false, silenceId: null, error: 'This incident is not firing any more.' };
    if (this.#acking.has(incidentKey)) return { ok: false, silenceId: null, error: 'An acknowledgement is already in progress.' };
    const { group } = prepared;
    this.#acking.add(incidentKey);
    this.#ackErrors.delete(incidentKey);
    this.#journal(incidentKey, 'ack-requested', `Acknowledge requested via ${via}`, { via });
    this.#deps.onChange();
    const now = this.#deps.clock.now();
    const target = { incidentKey, groupLabels: group.groupLabels, labelNames: group.labelNames, title: group.groupLabels.alertname ?? incidentKey };
    const outcome = await this.#ackKeeper.ack(target, this.#deps.sources.filter((s) => group.sources.includes(s.id)), via, now);
    this.#acking.delete(incidentKey);
    const partial = outcome.errors.length > 0 ? outcome.errors.join('; ') : null;
    if (outcome.kind === 'failed') {
      const message = `Ack failed, the alarm keeps ringing: ${partial ?? 'no Alertmanager took it'}`;
      this.#ackErrors.set(incidentKey, message);
      this.#journal(incidentKey, 'ack-failed', message, { via });
      await this.tick();
      return { ok: false, silenceId: null, error: message };
    }
    if (outcome.kind === 'other') {
      this.#ackedByOther.set(incidentKey, { ack: { by: outcome.by, via: 'remote', at: now, silenceId: outcome.silenceId, sourceId: null, mine: false }, until: now + 3 * this.#deps.config.poll_interval });
      this.#journal(incidentKey, 'note', `Already acknowledged by ${outcome.by}: no second silence made`, { silenceId: outcome.silenceId });
      await this.tick();
      return { ok: true, silenceId: outcome.silenceId, error: partial };
    }
    for (const silenceId of outcome.silenceIds) this.#journal(incidentKey, 'acked', `Acknowledged by ${this.me} via ${via}`, { via, silenceId }, this.me);
    await this.tick();
    return { ok: true, silenceId: outcome.silenceIds[0] ?? null, error: partial };
  }

  incidents(): IncidentView[] {
    const now = this.#deps.clock.now();
    this.#resolved = this.#resolved.filter((i) => (i.resolvedAt ?? 0) > now - RESOLVED_KEEP_MS);
    const current = this.#currentViews();
    // An incident firing again is a new occurrence; its resolved predecessor leaves the list (it
    // stays in the history), so one key is one row.
    const firing = new Set(current.map((v) => v.key));
    return [...current, ...this.#resolved.filter((r) => !firing.has(r.key))];
  }

  health(): SourceHealth[] {
    return this.#health.all();
  }

  /** Fingerprints in a source's last full answer (the fast poll compares against these). */
  knownFingerprints(sourceId: string): ReadonlySet<string> {
    return this.#fingerprints.get(sourceId) ?? new Set();
  }

  /** Problems of the engine itself that the user must see (the timeline or state cannot be written). */
  warnings(): string[] {
    const out: string[] = [];
    if (this.#journalError) out.push(`The timeline cannot be written (${this.#journalError}): ${this.#unwritten.length} event(s) are kept in memory and retried. Free disk space; Vigil keeps ringing.`);
    if (this.#stateError) out.push(`Vigil's state cannot be saved (${this.#stateError}): alarms keep ringing, but a restart now would forget acks and escalation steps.`);
    return out;
  }

  roster(): RosterView | null {
    return this.#deps.rotation.roster(this.#deps.clock.now(), this.me);
  }

  dispose(): void {
    this.#disposed = true;
    if (this.#timer) this.#deps.clock.clearTimeout(this.#timer);
    this.#timer = null;
  }

  // ---- internals ----

  #serial(task: () => Promise<void>): Promise<void> {
    const run = this.#queue.then(task, task);
    this.#queue = run.catch((error: unknown) => this.#deps.logger.error('engine task failed', { error: String(error) }));
    return run;
  }

  /** Network work after an evaluation: unknown silence ids, my acks' upkeep; evaluates again if anything was learned. */
  async #afterPoll(sourceId: string, fetch: SourceFetch): Promise<void> {
    const source = this.#deps.sources.find((s) => s.id === sourceId);
    if (!source || this.#upkeep.has(sourceId) || this.#disposed) return;
    this.#upkeep.add(sourceId);
    try {
      const silenceIds = new Set<string>();
      addSilenceIds(fetch.alerts, silenceIds);
      const learned = await this.#silences.ensure(source.api, silenceIds);
      const now = this.#deps.clock.now();
      const firing = new Set(this.#prepared.keys());
      const acksBefore = JSON.stringify([...this.#myAcks]);
      await this.#ackKeeper.maintain(source, firing, (key) => standingAckSilence(this.#prepared.get(key)?.group, this.#silences, now), now);
      const referenced = new Set<string>();
      for (const alerts of this.#snapshots.values()) addSilenceIds(alerts, referenced);
      for (const ack of this.#myAcks.values()) for (const s of ack.silences) referenced.add(s.silenceId);
      this.#silences.prune(referenced);
      if (learned > 0 || JSON.stringify([...this.#myAcks]) !== acksBefore) await this.tick();
    } finally {
      this.#upkeep.delete(sourceId);
    }
  }

  async #ackBlind(blind: BlindSpot, via: AckVia): Promise<AckResult> {
    const ack: AckInfo = { by: this.me, via, at: this.#deps.clock.now(), silenceId: null, sourceId: blind.sourceId, mine: true };
    this.#blindAcks.set(blind.key, ack);
    this.#journal(blind.key, 'acked', `Acknowledged by ${this.me} via ${via}: I know Vigil cannot see ${blind.sourceId} (no silence: this alarm is Vigil's own)`, { via }, this.me);
    await this.tick();
    return { ok: true, silenceId: null, error: null };
  }

  #prepare(group: IncidentGroup, now: number): Prepared {
    const memory = Object.hasOwn(this.#state.book.incidents, group.key) ? this.#state.book.incidents[group.key] : undefined;
    const firstSeenAt = memory?.firstSeenAt ?? now;
    // The sender's clock is not trusted: never later than when Vigil first saw the incident.
    const startedAt = Math.min(group.startsAt, firstSeenAt);
    let recent = this.#ackedByOther.get(group.key) ?? null;
    if (recent && recent.until <= now) {
      this.#ackedByOther.delete(group.key);
      recent = null;
    }
    const restarted = group.sources.some((s) => (this.#restartedAt.get(s) ?? null) !== null);
    const reading = readIncidentAck({
      group,
      silences: this.#silences,
      me: this.me,
      myAck: this.#myAcks.get(group.key),
      fallbackAck: (restarted && memory ? memory.ack : null) ?? recent?.ack ?? null,
      nowMs: now,
    });
    const escalation = this.#deps.rotation.escalation({ severity: group.severity, startedAtMs: startedAt, nowMs: now, meId: this.me, stoppedAtMs: reading.ack ? reading.ack.at : null });
    return { group, firstSeenAt, startedAt, ack: reading.ack, mutedBy: reading.mutedBy, escalation };
  }

  #alarmInput(p: Prepared): AlarmInput {
    const policy = policyFor(this.#deps.config, p.group.severity);
    let pageAt: number | null = p.startedAt;
    let ackWithinMs = policy.ack_within;
    if (p.escalation) {
      pageAt = myPageTime(p.escalation);
      ackWithinMs = Math.max(1000, p.escalation.ackDeadline - p.escalation.startedAt);
    }
    return {
      key: p.group.key,
      title: p.group.groupLabels.alertname ?? p.group.key,
      severity: p.group.severity,
      ack: p.ack,
      mutedByOther: p.mutedBy.length > 0,
      pageAt,
      alarmEnabled: policy.alarm,
      ackWithinMs,
      realarmEveryMs: policy.realarm_every ?? ackWithinMs,
      loud: policy.loud,
    };
  }

  #blindInput(spot: BlindSpot): AlarmInput {
    const policy = policyFor(this.#deps.config, 'critical');
    const ackWithinMs = Math.max(1000, policy.ack_within);
    return { key: spot.key, title: spot.title, severity: 'critical', ack: this.#blindAcks.get(spot.key) ?? null, mutedByOther: false, pageAt: spot.pageAt, alarmEnabled: true, ackWithinMs, realarmEveryMs: policy.realarm_every ?? ackWithinMs, loud: true };
  }

  /**
   * Merges and groups a new answer in two steps with the event loop let through between them and
   * after: at 10k alerts each takes some 10 ms, and the evaluation after them as long; in one piece
   * they kept the tray and IPC waiting (docs/benchmarks.md, event loop).
   */
  async #regroup(): Promise<void> {
    const merged = this.#merge(this.#deps.clock.now());
    await setImmediate();
    if (this.#disposed) return;
    this.#grouped = this.#group(merged);
    await setImmediate();
  }

  #merge(now: number): MergedSnapshots {
    return mergeSourceSnapshots(this.#snapshots, now, this.#mergeMemo);
  }

  #group(merged: MergedSnapshots): { groups: IncidentGroup[]; dependsOnNow: boolean } {
    const severities = { known: this.#knownSeverities, fallback: this.#deps.config.default_severity };
    return { groups: groupIntoIncidents(merged.alerts, this.#deps.groupBy, severities, this.#groupingMemo), dependsOnNow: merged.dependsOnNow };
  }

  #recompute(): void {
    if (this.#disposed) return;
    this.#flushJournal();
    this.#recomputing = true;
    try {
      this.#evaluate();
    } finally {
      this.#recomputing = false;
    }
    this.#flushJournal();
    this.#lastViews = new Map(this.#currentViews().map((v) => [v.key, v]));
    this.#deps.onChange();
  }

  #evaluate(): void {
    const now = this.#deps.clock.now();
    if (this.#grouped === null || this.#grouped.dependsOnNow) this.#grouped = this.#group(this.#merge(now));
    const { groups } = this.#grouped;
    this.#prepared = new Map(groups.map((g) => [g.key, this.#prepare(g, now)]));
    const blind = blindSpots(this.#health.all(), { nowMs: now, blindAfterMs: this.#deps.config.blind_after, onCall: this.onCall() });
    this.#blind = new Map(blind.spots.map((s) => [s.key, s]));
    for (const key of this.#blindAcks.keys()) if (!this.#blind.has(key)) this.#blindAcks.delete(key);

    const inputs = [...[...this.#prepared.values()].map((p) => this.#alarmInput(p)), ...blind.spots.map((s) => this.#blindInput(s))];
    const step = evaluateAlarms(this.#state.book, inputs, now);
    for (const [key, memory] of Object.entries(step.book.incidents)) this.#occurrenceStart.set(key, memory.firstSeenAt);
    const resolvedViews = new Map<string, IncidentView>();
    for (const key of Object.keys(this.#state.book.incidents)) {
      if (this.#prepared.has(key) || this.#blind.has(key)) continue;
      const view = this.#lastViews.get(key);
      if (view) resolvedViews.set(key, { ...view, state: 'resolved', alarm: null, resolvedAt: now });
    }
    this.#state.book = step.book;
    // Timeline order follows cause: first seen, then the escalation step reached, then the alarm it raised.
    const firstSeen = (e: AlarmEffect) => e.type === 'journal' && e.event === 'first-seen';
    for (const effect of step.effects.filter(firstSeen)) this.#apply(effect, resolvedViews);
    let nextWake = step.nextWakeAt;
    const wake = (at: number | null) => {
      if (at !== null && at > now && (nextWake === null || at < nextWake)) nextWake = at;
    };
    for (const p of this.#prepared.values()) if (p.escalation) wake(journalReachedSteps(p.group.key, p.escalation, this.#reachedSteps, this.#journal));
    wake(blind.nextAt);
    for (const effect of step.effects.filter((e) => !firstSeen(e))) this.#apply(effect, resolvedViews);
    this.#saveState();
    this.#schedule(nextWake);
  }

  #currentViews(): IncidentView[] {
    const book = this.#state.book;
    const alarmOf = (key: string) => (Object.hasOwn(book.alarms, key) ? book.alarms[key]! : null);
    const firstSeenOf = (key: string) => (Object.hasOwn(book.incidents, key) ? book.incidents[key]!.firstSeenAt : null);
    const views: IncidentView[] = [];
    for (const spot of this.#blind.values()) {
      views.push(buildBlindIncidentView({ spot, ack: this.#blindAcks.get(spot.key) ?? null, alarm: alarmOf(spot.key), firstSeenAt: firstSeenOf(spot.key) ?? spot.pageAt }));
    }
    for (const p of this.#prepared.values()) {
      views.push(
        buildIncidentView({
          group: p.group,
          startedAt: p.startedAt,
          firstSeenAt: p.firstSeenAt,
          ack: p.ack,
          mutedBy: p.mutedBy,
          alarm: alarmOf(p.group.key),
          acking: this.#acking.has(p.group.key),
          ackError: this.#ackErrors.get(p.group.key) ?? null,
          escalation: p.escalation,
          defaultSeverity: this.#deps.config.default_severity,
        }),
      );
    }
    return views;
  }

  #apply(effect: AlarmEffect, resolvedViews: Map<string, IncidentView>): void {
    switch (effect.type) {
      case 'journal':
        this.#journal(effect.key, effect.event, effect.message, effect.data, effect.by);
        return;
      case 'ring':
        void this.#notify(effect);
        return;
      case 'stop':
        this.#ackErrors.delete(effect.key);
        return;
      case 'resolved': {
        const view = resolvedViews.get(effect.key);
        if (view) this.#resolved = [view, ...this.#resolved.filter((r) => r.key !== effect.key)].slice(0, 20);
        this.#ackErrors.delete(effect.key);
        this.#reachedSteps.delete(effect.key);
        this.#ackedByOther.delete(effect.key);
        if (this.#myAcks.has(effect.key)) void this.#ackKeeper.expire(effect.key, this.#deps.sources);
        return;
      }
    }
  }

  async #notify(effect: Extract<AlarmEffect, { type: 'ring' }>): Promise<void> {
    const group = this.#prepared.get(effect.key)?.group;
    const blind = this.#blind.get(effect.key);
    const count = group?.alerts.length ?? 1;
    const summary = blind?.reason ?? group?.alerts.find((a) => a.annotations.summary)?.annotations.summary ?? '';
    const left = effect.deadline - this.#deps.clock.now();
    const due = left > 0 ? `ack within ${formatDuration(left)}` : `ack overdue by ${formatDuration(-left)}`;
    const prefix = effect.reason === 'deadline-missed' ? `Still unacknowledged (level ${effect.level}). ` : effect.reason === 'ack-vanished' ? 'The ack silence vanished. ' : '';
    const outcome = await this.#deps.notifier.show({
      incidentKey: effect.key,
      title: `${effect.severity.toUpperCase()}: ${effect.title}${count > 1 ? ` (${count} alerts)` : ''}`,
      body: `${prefix}${summary}${summary ? ' — ' : ''}${due}`,
      urgency: effect.severity === 'critical' || effect.level > 0 ? 'critical' : 'normal',
      ackAction: true,
    });
    // Stopped meanwhile (quit, settings restart): the journal may be closed; the next engine
    // re-evaluates and rings again, so nothing is lost by not writing this outcome.
    if (this.#disposed) return;
    if (outcome.shown) this.#journal(effect.key, 'notification-shown', `Notification shown (level ${effect.level})`, { level: effect.level });
    else this.#journal(effect.key, 'note', `Notification could not be shown: ${outcome.error ?? 'unknown error'}; the in-app alarm keeps ringing`, { level: effect.level });
  }

  readonly #journal: EngineJournal = (key, type, message, data, by) => {
    const firstSeen = this.#occurrenceStart.get(key);
    const occurrence = firstSeen === undefined ? {} : { occurrenceId: occurrenceIdOf(key, firstSeen) };
    this.#unwritten.push(boundTimelineInput({ incidentKey: key, ...occurrence, at: this.#deps.clock.now(), type, message, ...(by ? { by } : {}), ...(data ? { data } : {}) }));
    // A recompute writes its events together when it ends.
    if (!this.#recomputing) this.#flushJournal();
  };

  /** Writes queued events in order; on a refusal (disk full) they stay queued, to be retried. */
  #flushJournal(): void {
    if (this.#unwritten.length > 0) {
      try {
        // All queued events in one write and one fsync.
        this.#deps.journal.appendAll(this.#unwritten);
        this.#unwritten.length = 0;
      } catch (error) {
        if (this.#isDiskError(error)) return this.#keepUnwritten(error);
        // An event was refused (bounded above, so a bug): one at a time, so only it is dropped.
        while (this.#unwritten.length > 0) {
          try {
            this.#deps.journal.appendAll([this.#unwritten[0]!]);
          } catch (one) {
            if (this.#isDiskError(one)) return this.#keepUnwritten(one);
            this.#deps.logger.error('timeline event refused', { error: String(one), event: JSON.stringify(this.#unwritten[0]) });
          }
          this.#unwritten.shift();
        }
      }
    }
    this.#journalError = null;
  }

  #isDiskError(error: unknown): boolean {
    return typeof (error as { code?: unknown } | null)?.code === 'string';
  }

  #keepUnwritten(error: unknown): void {
    if (this.#journalError === null) this.#deps.logger.error('timeline append failed; keeping events in memory', { error: String(error) });
    this.#journalError = error instanceof Error ? error.message : String(error);
  }

  #schedule(at: number | null): void {
    if (this.#timer) this.#deps.clock.clearTimeout(this.#timer);
    this.#timer = null;
    this.#wake = { setAt: this.#deps.clock.now(), at };
    if (at === null || this.#disposed) return;
    this.#timer = this.#deps.clock.setTimeout(() => void this.tick(), Math.max(0, at - this.#deps.clock.now()));
  }

  #loadState(): EngineState {
    const raw = this.#deps.store.get(STATE_KEY);
    if (raw === undefined) return emptyEngineState();
    const parsed = engineStateSchema.safeParse(raw);
    if (parsed.success) return parsed.data;
    this.#deps.logger.error('stored engine state is invalid; starting fresh (the timeline journal is unaffected)', { issue: parsed.error.issues[0]?.message });
    return emptyEngineState();
  }

  #saveState(): void {
    this.#state.myAcks = Object.fromEntries(this.#myAcks);
    this.#state.reachedSteps = Object.fromEntries(this.#reachedSteps);
    // Most evaluations change nothing that is kept (a poll of changing alerts in a standing
    // incident): the store would read, validate, write and fsync the same file every poll.
    const text = JSON.stringify(this.#state);
    if (text === this.#savedState && this.#stateError === null) return;
    try {
      this.#deps.store.set(STATE_KEY, this.#state);
      this.#savedState = text;
      this.#stateError = null;
    } catch (error) {
      if (this.#stateError === null) this.#deps.logger.error('engine state could not be saved', { error: String(error) });
      this.#stateError = error instanceof Error ? error.message : String(error);
    }
  }
}
