import { parseAckSilence } from '../../shared/ack/ack-silence.ts';
import { evaluateAlarms, type AlarmEffect, type AlarmInput } from '../../shared/alarm/alarm-machine.ts';
import { engineStateSchema, emptyEngineState, type EngineState } from '../../shared/alarm/engine-state-schema.ts';
import type { AmAlert } from '../../shared/alertmanager-schemas.ts';
import type { Clock, TimerHandle } from '../../shared/clock.ts';
import { policyFor, type VigilConfig } from '../../shared/config-schema.ts';
import type { AckInfo, AckVia, EscalationView, IncidentView, RosterView, SourceHealth } from '../../shared/domain.ts';
import { formatDuration } from '../../shared/duration.ts';
import { describeEscalationStep } from '../../shared/escalation/escalation-plan.ts';
import { groupIntoIncidents, type IncidentGroup } from '../../shared/incidents/group-incidents.ts';
import { buildIncidentView } from '../../shared/incidents/incident-view.ts';
import { mergeSourceSnapshots } from '../../shared/incidents/merge-alerts.ts';
import type { AckResult } from '../../shared/ipc-contract.ts';
import type { AlertFetch, AlertmanagerApi, KeyValueStore, Logger, Notifier } from '../ports.ts';
import { acknowledgeOnSource, extendAckSilence } from './ack-service.ts';
import type { RotationProvider, TimelineJournal } from './engine-ports.ts';
import { SilenceBook } from './silence-book.ts';

export type PollResult = { ok: true; fetch: AlertFetch; at: number } | { ok: false; error: string; at: number };

export interface EngineDeps {
  clock: Clock;
  config: VigilConfig;
  sources: Array<{ id: string; name: string; urls: string[]; api: AlertmanagerApi }>;
  groupBy: string[];
  notifier: Notifier;
  journal: TimelineJournal;
  store: KeyValueStore;
  rotation: RotationProvider;
  logger: Logger;
  onChange(): void;
}

const STATE_KEY = 'engineState';
const RESOLVED_KEEP_MS = 60 * 60_000;

/**
 * The core loop: source answers in, incidents and alarms out. State changes are computed by the
 * pure alarm machine; this class only applies their effects (notify, silence, journal, persist).
 */
export class VigilEngine {
  readonly #deps: EngineDeps;
  readonly #snapshots = new Map<string, AmAlert[]>();
  readonly #health = new Map<string, SourceHealth>();
  readonly #silences = new SilenceBook();
  readonly #acking = new Set<string>();
  readonly #ackErrors = new Map<string, string>();
  readonly #groups = new Map<string, IncidentGroup>();
  #resolved: IncidentView[] = [];
  #state: EngineState;
  #timer: TimerHandle | null = null;
  #queue: Promise<void> = Promise.resolve();
  #disposed = false;

  constructor(deps: EngineDeps) {
    this.#deps = deps;
    for (const s of deps.sources) {
      this.#health.set(s.id, { id: s.id, name: s.name, urls: s.urls, state: 'unknown', lastSuccessAt: null, lastAttemptAt: null, error: null, consecutiveFailures: 0, quarantined: 0, alertCount: 0 });
    }
    this.#state = this.#loadState();
  }

  get me(): string {
    return this.#deps.config.me.id;
  }

  /** Feeds one poll answer. A failed answer keeps the previous snapshot: an outage never reads as "all resolved". */
  applyPoll(sourceId: string, result: PollResult): Promise<void> {
    return this.#serial(async () => {
      const health = this.#health.get(sourceId);
      if (!health) return;
      health.lastAttemptAt = result.at;
      if (result.ok) {
        this.#snapshots.set(sourceId, result.fetch.alerts);
        Object.assign(health, {
          state: 'ok',
          lastSuccessAt: result.at,
          error: result.fetch.partialErrors.length ? `partly unreachable: ${result.fetch.partialErrors.join('; ')}` : null,
          consecutiveFailures: 0,
          quarantined: result.fetch.quarantined,
          alertCount: result.fetch.alerts.length,
        });
        if (result.fetch.quarantined > 0) health.error = `${result.fetch.quarantined} item(s) broke the schema and were set aside${health.error ? `; ${health.error}` : ''}`;
        const source = this.#deps.sources.find((s) => s.id === sourceId);
        if (source) {
          await this.#silences.ensure(source.api, result.fetch.alerts.flatMap((a) => a.status.silencedBy));
          await this.#maintainMyAcks(sourceId, source.api);
        }
      } else {
        Object.assign(health, { state: 'unhealthy', error: result.error, consecutiveFailures: health.consecutiveFailures + 1 });
      }
      this.#recompute();
    });
  }

  /** Re-evaluates with the current time (a deadline or escalation step came due, the rotation changed). */
  tick(): Promise<void> {
    return this.#serial(async () => this.#recompute());
  }

  async ack(incidentKey: string, via: AckVia): Promise<AckResult> {
    const group = this.#groups.get(incidentKey);
    if (!group) return { ok: false, silenceId: null, error: 'This incident is not firing any more.' };
    if (this.#acking.has(incidentKey)) return { ok: false, silenceId: null, error: 'An acknowledgement is already in progress.' };
    this.#acking.add(incidentKey);
    this.#ackErrors.delete(incidentKey);
    this.#journal(incidentKey, 'ack-requested', `Acknowledge requested via ${via}`, { via });
    this.#deps.onChange();
    const targets = this.#deps.sources.filter((s) => group.sources.includes(s.id));
    const now = this.#deps.clock.now();
    const silenceIds: string[] = [];
    const errors: string[] = [];
    for (const source of targets) {
      try {
        const { silence, reused } = await acknowledgeOnSource(source.api, { incidentKey, groupLabels: group.groupLabels, title: group.groupLabels.alertname ?? incidentKey }, { me: this.me, via, nowMs: now, durationMs: this.#deps.config.ack.silence_for });
        this.#silences.put(source.id, silence);
        silenceIds.push(silence.id);
        this.#state.myAcks[incidentKey] = { silenceId: silence.id, sourceId: source.id, at: now, via };
        this.#journal(incidentKey, 'acked', `Acknowledged by ${this.me} via ${via}${reused ? ' (existing silence found, no duplicate made)' : ''}`, { via, silenceId: silence.id, source: source.id }, this.me);
      } catch (error) {
        errors.push(`${source.id}: ${(error as Error).message}`);
      }
    }
    this.#acking.delete(incidentKey);
    if (errors.length > 0 && silenceIds.length === 0) {
      const message = `Ack failed, the alarm keeps ringing: ${errors.join('; ')}`;
      this.#ackErrors.set(incidentKey, message);
      this.#journal(incidentKey, 'ack-failed', message, { via });
      await this.tick();
      return { ok: false, silenceId: null, error: message };
    }
    await this.tick();
    return { ok: true, silenceId: silenceIds[0] ?? null, error: errors.length ? errors.join('; ') : null };
  }

  incidents(): IncidentView[] {
    const now = this.#deps.clock.now();
    this.#resolved = this.#resolved.filter((i) => (i.resolvedAt ?? 0) > now - RESOLVED_KEEP_MS);
    return [...this.#currentViews(now), ...this.#resolved];
  }

  health(): SourceHealth[] {
    return [...this.#health.values()].map((h) => ({ ...h }));
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

  #ackFor(group: IncidentGroup): { ack: AckInfo | null; mutedBy: string[] } {
    const now = this.#deps.clock.now();
    let ack: AckInfo | null = null;
    const mutedBy = new Set<string>();
    let allSilenced = group.alerts.length > 0;
    for (const alert of group.alerts) {
      if (alert.silencedBy.length === 0) allSilenced = false;
      for (const id of alert.silencedBy) {
        const entry = this.#silences.get(id);
        const parsed = entry ? parseAckSilence(entry.silence) : null;
        if (parsed && parsed.incidentKey === group.key) {
          if (!ack || parsed.by === this.me) {
            const mine = parsed.by === this.me;
            const myRecord = this.#state.myAcks[group.key];
            ack = { by: parsed.by, via: mine ? (myRecord?.via ?? parsed.via) : 'remote', at: mine && myRecord ? myRecord.at : Date.parse(entry!.silence.startsAt), silenceId: id, sourceId: entry!.sourceId, mine };
          }
        } else {
          mutedBy.add(id);
        }
      }
    }
    // My own ack counts from the moment Alertmanager confirmed it, before alerts show it as silencedBy.
    const mine = this.#state.myAcks[group.key];
    if (!ack && mine) {
      const entry = this.#silences.get(mine.silenceId);
      if (entry && entry.silence.status.state !== 'expired' && Date.parse(entry.silence.endsAt) > now) {
        ack = { by: this.me, via: mine.via, at: mine.at, silenceId: mine.silenceId, sourceId: mine.sourceId, mine: true };
      }
    }
    return { ack, mutedBy: ack || !allSilenced ? [] : [...mutedBy] };
  }

  #escalationFor(group: IncidentGroup, ack: AckInfo | null, now: number): EscalationView | null {
    return this.#deps.rotation.escalation({ severity: group.severity, startedAtMs: group.startsAt, nowMs: now, meId: this.me, stoppedAtMs: ack ? ack.at : null });
  }

  #alarmInput(group: IncidentGroup, now: number): { input: AlarmInput; escalation: EscalationView | null } {
    const { ack, mutedBy } = this.#ackFor(group);
    const policy = policyFor(this.#deps.config, group.severity);
    const escalation = this.#escalationFor(group, ack, now);
    let pageAt: number | null = group.startsAt;
    let ackWithinMs = policy.ack_within;
    if (escalation) {
      const mySteps = escalation.steps.filter((s) => s.includesMe);
      pageAt = mySteps.length ? Math.min(...mySteps.map((s) => s.at)) : null;
      ackWithinMs = Math.max(1000, escalation.ackDeadline - escalation.startedAt);
    }
    return {
      escalation,
      input: {
        key: group.key,
        title: group.groupLabels.alertname ?? group.key,
        severity: group.severity,
        ack,
        mutedByOther: mutedBy.length > 0,
        pageAt,
        alarmEnabled: policy.alarm,
        ackWithinMs,
        realarmEveryMs: policy.realarm_every ?? ackWithinMs,
        loud: policy.loud,
      },
    };
  }

  #recompute(): void {
    if (this.#disposed) return;
    const now = this.#deps.clock.now();
    const groups = groupIntoIncidents(mergeSourceSnapshots(this.#snapshots), this.#deps.groupBy, this.#deps.config.default_severity);
    this.#groups.clear();
    for (const g of groups) this.#groups.set(g.key, g);
    const prepared = groups.map((g) => ({ group: g, ...this.#alarmInput(g, now) }));
    const step = evaluateAlarms(this.#state.book, prepared.map((p) => p.input), now);
    const resolvedViews = new Map<string, IncidentView>();
    for (const key of Object.keys(this.#state.book.incidents)) {
      if (!this.#groups.has(key)) {
        const view = this.#lastViews.get(key);
        if (view) resolvedViews.set(key, { ...view, state: 'resolved', alarm: null, resolvedAt: now });
      }
    }
    this.#state.book = step.book;
    // Timeline order follows cause: first seen, then the escalation step reached, then the alarm it raised.
    const firstSeen = (e: AlarmEffect) => e.type === 'journal' && e.event === 'first-seen';
    for (const effect of step.effects.filter(firstSeen)) this.#apply(effect, resolvedViews);
    let nextWake = step.nextWakeAt;
    for (const p of prepared) {
      if (!p.escalation) continue;
      const reached = p.escalation.steps.filter((s) => s.reached);
      const already = this.#state.reachedSteps[p.group.key] ?? 0;
      for (const s of reached.slice(already)) {
        this.#journal(p.group.key, 'escalation-step', `${describeEscalationStep(s)}${s.includesMe ? ' (me)' : ''}`, { step: s.index, target: s.target.value, includesMe: s.includesMe });
      }
      if (reached.length !== already && !p.escalation.stopped) this.#state.reachedSteps[p.group.key] = reached.length;
      const upcoming = p.escalation.stopped ? undefined : p.escalation.steps.find((s) => !s.reached);
      if (upcoming && (nextWake === null || upcoming.at < nextWake)) nextWake = upcoming.at;
    }
    for (const effect of step.effects.filter((e) => !firstSeen(e))) this.#apply(effect, resolvedViews);
    for (const key of Object.keys(this.#state.reachedSteps)) if (!this.#groups.has(key)) delete this.#state.reachedSteps[key];
    this.#saveState();
    this.#schedule(nextWake);
    this.#lastViews = new Map(this.#currentViews(now).map((v) => [v.key, v]));
    this.#deps.onChange();
  }

  #lastViews = new Map<string, IncidentView>();

  #currentViews(now: number): IncidentView[] {
    const views: IncidentView[] = [];
    for (const group of this.#groups.values()) {
      const { ack, mutedBy } = this.#ackFor(group);
      views.push(
        buildIncidentView({
          group,
          firstSeenAt: this.#state.book.incidents[group.key]?.firstSeenAt ?? now,
          ack,
          mutedBy,
          alarm: this.#state.book.alarms[group.key] ?? null,
          acking: this.#acking.has(group.key),
          ackError: this.#ackErrors.get(group.key) ?? null,
          escalation: this.#escalationFor(group, ack, now),
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
        const mine = this.#state.myAcks[effect.key];
        delete this.#state.myAcks[effect.key];
        this.#ackErrors.delete(effect.key);
        if (mine) void this.#expireMyAck(effect.key, mine.sourceId, mine.silenceId);
        return;
      }
    }
  }

  async #notify(effect: Extract<AlarmEffect, { type: 'ring' }>): Promise<void> {
    const group = this.#groups.get(effect.key);
    const count = group?.alerts.length ?? 1;
    const summary = group?.alerts.find((a) => a.annotations.summary)?.annotations.summary ?? '';
    const left = formatDuration(effect.deadline - this.#deps.clock.now());
    const prefix = effect.reason === 'deadline-missed' ? `Still unacknowledged (level ${effect.level}). ` : effect.reason === 'ack-vanished' ? 'The ack silence vanished. ' : '';
    const outcome = await this.#deps.notifier.show({
      incidentKey: effect.key,
      title: `${effect.severity.toUpperCase()}: ${effect.title}${count > 1 ? ` (${count} alerts)` : ''}`,
      body: `${prefix}${summary}${summary ? ' — ' : ''}ack within ${left}`,
      urgency: effect.severity === 'critical' || effect.level > 0 ? 'critical' : 'normal',
      ackAction: true,
    });
    if (outcome.shown) this.#journal(effect.key, 'notification-shown', `Notification shown (level ${effect.level})`, { level: effect.level });
    else this.#journal(effect.key, 'note', `Notification could not be shown: ${outcome.error ?? 'unknown error'}; the in-app alarm keeps ringing`, { level: effect.level });
  }

  async #maintainMyAcks(sourceId: string, api: AlertmanagerApi): Promise<void> {
    const now = this.#deps.clock.now();
    for (const [key, mine] of Object.entries(this.#state.myAcks)) {
      if (mine.sourceId !== sourceId) continue;
      try {
        const silence = await api.getSilence(mine.silenceId);
        if (!silence || silence.status.state === 'expired' || Date.parse(silence.endsAt) <= now) {
          // Someone expired it (or it ran out): forget it, the alarm machine notices the vanished ack.
          if (silence) this.#silences.put(sourceId, silence);
          else this.#silences.forget(mine.silenceId);
          delete this.#state.myAcks[key];
          continue;
        }
        this.#silences.put(sourceId, silence);
        if (Date.parse(silence.endsAt) - now < this.#deps.config.ack.extend_below) {
          const extended = await extendAckSilence(api, silence, now, this.#deps.config.ack.silence_for);
          this.#silences.put(sourceId, extended);
          this.#state.myAcks[key] = { ...mine, silenceId: extended.id };
          this.#journal(key, 'silence-extended', `Ack silence extended to ${extended.endsAt}`, { silenceId: extended.id });
        }
      } catch (error) {
        this.#deps.logger.warn('could not re-check ack silence', { key, error: String(error) });
      }
    }
  }

  async #expireMyAck(key: string, sourceId: string, silenceId: string): Promise<void> {
    const source = this.#deps.sources.find((s) => s.id === sourceId);
    if (!source) return;
    try {
      await source.api.expireSilence(silenceId);
      this.#journal(key, 'silence-expired', 'Ack silence expired: the incident resolved', { silenceId });
    } catch (error) {
      this.#journal(key, 'note', `Could not expire the ack silence ${silenceId}: ${(error as Error).message}`, { silenceId });
    }
  }

  #journal(key: string, type: Parameters<TimelineJournal['append']>[0]['type'], message: string, data?: Record<string, string | number | boolean | null>, by?: string): void {
    try {
      this.#deps.journal.append({ incidentKey: key, at: this.#deps.clock.now(), type, message, ...(by ? { by } : {}), ...(data ? { data } : {}) });
    } catch (error) {
      this.#deps.logger.error('timeline append failed', { key, type, error: String(error) });
    }
  }

  #schedule(at: number | null): void {
    if (this.#timer) this.#deps.clock.clearTimeout(this.#timer);
    this.#timer = null;
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
    this.#deps.store.set(STATE_KEY, this.#state);
  }
}
