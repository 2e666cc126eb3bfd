import { buildAckSilence, earliestAck, extendedAckSilence, isLiveSilence, parseAckSilence } from '../../shared/ack/ack-silence.ts';
import type { AmSilence } from '../../shared/alertmanager-schemas.ts';
import type { MyAck } from '../../shared/alarm/engine-state-schema.ts';
import type { AckVia, LabelSet } from '../../shared/domain.ts';
import type { AlertmanagerApi } from '../ports.ts';
import type { EngineJournal } from './engine-ports.ts';
import type { SilenceBook } from './silence-book.ts';

// The acks this Vigil made, as Alertmanager silences: creating them (one per incident across the
// whole team), keeping every source's silence alive while the incident fires, re-creating one that
// Alertmanager lost (a restart without persistence), and expiring them when the incident resolves.

export interface AckTarget {
  incidentKey: string;
  groupLabels: LabelSet;
  labelNames: readonly string[];
  title: string;
}

export interface AckSource {
  id: string;
  api: AlertmanagerApi;
}

export interface AckKeeperDeps {
  me: string;
  silenceForMs: number;
  extendBelowMs: number;
  silences: SilenceBook;
  /** The persisted record of my acks (part of the engine state), keyed by incident. */
  myAcks: Map<string, MyAck>;
  journal: EngineJournal;
  warn(message: string, data: Record<string, unknown>): void;
}

export type AckOutcome =
  | { kind: 'mine'; silenceIds: string[]; errors: string[] }
  | { kind: 'other'; by: string; silenceId: string; errors: string[] }
  | { kind: 'failed'; errors: string[] };

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Live Vigil ack silences of this incident, by anyone. */
function liveAcksOf(silences: readonly AmSilence[], incidentKey: string, nowMs: number): AmSilence[] {
  return silences.filter((s) => parseAckSilence(s)?.incidentKey === incidentKey && isLiveSilence(s, nowMs));
}

export class AckKeeper {
  readonly #deps: AckKeeperDeps;

  constructor(deps: AckKeeperDeps) {
    this.#deps = deps;
  }

  /**
   * Acknowledge on every source the incident is on. Before posting, any live Vigil ack of the
   * incident (anyone's) is taken as the ack; after posting, if a teammate posted at the same
   * moment, the earliest silence stands and mine is withdrawn, so the team sees one acker.
   */
  async ack(target: AckTarget, sources: readonly AckSource[], via: AckVia, nowMs: number): Promise<AckOutcome> {
    const errors: string[] = [];
    const mine: MyAck['silences'] = [];
    let other: { by: string; silenceId: string } | null = null;
    for (const source of sources) {
      try {
        const result = await this.#ackOnSource(target, source, via, nowMs);
        if (result.by === this.#deps.me) mine.push({ sourceId: source.id, silenceId: result.silence.id, until: Date.parse(result.silence.endsAt) });
        else other ??= { by: result.by, silenceId: result.silence.id };
      } catch (error) {
        errors.push(`${source.id}: ${messageOf(error)}`);
      }
    }
    if (other) {
      // A teammate's ack stands: withdraw any silence of mine that slipped in on another source.
      for (const s of mine) await this.#withdraw(target.incidentKey, source(sources, s.sourceId), s.silenceId);
      this.#deps.myAcks.delete(target.incidentKey);
      return { kind: 'other', ...other, errors };
    }
    if (mine.length === 0) return { kind: 'failed', errors };
    this.#deps.myAcks.set(target.incidentKey, { at: nowMs, via, silences: mine, groupLabels: target.groupLabels, labelNames: [...target.labelNames], title: target.title });
    return { kind: 'mine', silenceIds: mine.map((s) => s.silenceId), errors };
  }

  async #ackOnSource(target: AckTarget, source: AckSource, via: AckVia, nowMs: number): Promise<{ silence: AmSilence; by: string }> {
    const before = liveAcksOf(await source.api.listSilences(), target.incidentKey, nowMs);
    const standing = earliestAck(before);
    if (standing) {
      this.#deps.silences.put(source.id, standing);
      return { silence: standing, by: standing.createdBy };
    }
    const created = await source.api.createSilence(
      buildAckSilence({ incidentKey: target.incidentKey, groupLabels: target.groupLabels, labelNames: target.labelNames, me: this.#deps.me, via, nowMs, durationMs: this.#deps.silenceForMs, title: target.title }),
    );
    this.#deps.silences.put(source.id, created);
    // A teammate may have posted in the same moment: look again, and let the earliest stand.
    const after = liveAcksOf(await source.api.listSilences(), target.incidentKey, nowMs);
    const winner = earliestAck([...after.filter((s) => s.id !== created.id), created])!;
    if (winner.id !== created.id) {
      await this.#withdraw(target.incidentKey, source, created.id);
      this.#deps.silences.put(source.id, winner);
      this.#deps.journal(target.incidentKey, 'note', `Acknowledged at the same moment as ${winner.createdBy}; their earlier ack stands and mine (${created.id}) was withdrawn`, { silenceId: created.id, standing: winner.id });
      return { silence: winner, by: winner.createdBy };
    }
    return { silence: created, by: this.#deps.me };
  }

  async #withdraw(incidentKey: string, src: AckSource | undefined, silenceId: string): Promise<void> {
    if (!src) return;
    try {
      await src.api.expireSilence(silenceId);
      this.#deps.silences.forget(silenceId);
    } catch (error) {
      this.#deps.journal(incidentKey, 'note', `Could not withdraw my duplicate ack silence ${silenceId}: ${messageOf(error)}`, { silenceId });
    }
  }

  /**
   * After a poll of `src`: re-read each of my ack silences on it; extend one running low; re-create
   * one Alertmanager lost while my ack is still within its time (`until`); forget one someone
   * expired, so the alarm machine sees the ack vanish. `firing` says which incidents still fire.
   */
  async maintain(src: AckSource, firing: ReadonlySet<string>, standing: (incidentKey: string) => AmSilence | null, nowMs: number): Promise<void> {
    for (const [key, ack] of [...this.#deps.myAcks]) {
      if (!firing.has(key)) continue;
      const winner = standing(key);
      if (winner && winner.createdBy !== this.#deps.me) {
        // Two acks crossed without either Vigil seeing the other at once: the earliest stands.
        for (const entry of ack.silences.filter((e) => e.sourceId === src.id)) await this.#withdraw(key, src, entry.silenceId);
        const rest = ack.silences.filter((e) => e.sourceId !== src.id);
        if (rest.length === 0) this.#deps.myAcks.delete(key);
        else this.#deps.myAcks.set(key, { ...ack, silences: rest });
        continue;
      }
      const kept: MyAck['silences'] = [];
      for (const entry of ack.silences) {
        if (entry.sourceId !== src.id) {
          kept.push(entry);
          continue;
        }
        try {
          kept.push(...(await this.#maintainOne(key, ack, entry, src, nowMs)));
        } catch (error) {
          kept.push(entry);
          this.#deps.warn('could not re-check ack silence', { key, error: messageOf(error) });
        }
      }
      if (kept.length === 0) this.#deps.myAcks.delete(key);
      else this.#deps.myAcks.set(key, { ...ack, silences: kept });
    }
  }

  async #maintainOne(key: string, ack: MyAck, entry: MyAck['silences'][number], src: AckSource, nowMs: number): Promise<MyAck['silences']> {
    const silence = await src.api.getSilence(entry.silenceId);
    if (!silence) {
      if (entry.until <= nowMs) {
        this.#deps.silences.forget(entry.silenceId);
        return [];
      }
      // Gone while my ack is still within its time: Alertmanager lost it (restarted without its
      // data). Nobody expired it, so the ack still stands: post it again.
      const recreated = await src.api.createSilence(
        buildAckSilence({ incidentKey: key, groupLabels: ack.groupLabels, labelNames: ack.labelNames, me: this.#deps.me, via: ack.via, nowMs, durationMs: Math.max(60_000, entry.until - nowMs), title: ack.title }),
      );
      this.#deps.silences.forget(entry.silenceId);
      this.#deps.silences.put(src.id, recreated);
      this.#deps.journal(key, 'note', `Alertmanager lost my ack silence ${entry.silenceId} (restarted without its data?); re-created it as ${recreated.id}`, { silenceId: recreated.id, lost: entry.silenceId, source: src.id });
      return [{ sourceId: src.id, silenceId: recreated.id, until: Date.parse(recreated.endsAt) }];
    }
    this.#deps.silences.put(src.id, silence);
    if (!isLiveSilence(silence, nowMs)) return [];
    if (Date.parse(silence.endsAt) - nowMs < this.#deps.extendBelowMs) {
      const extended = await src.api.createSilence(extendedAckSilence(silence, nowMs, this.#deps.silenceForMs));
      this.#deps.silences.put(src.id, extended);
      this.#deps.journal(key, 'silence-extended', `Ack silence extended to ${extended.endsAt}`, { silenceId: extended.id, source: src.id });
      return [{ sourceId: src.id, silenceId: extended.id, until: Date.parse(extended.endsAt) }];
    }
    return [{ ...entry, until: Date.parse(silence.endsAt) }];
  }

  /** The incident resolved: expire every silence of my ack, on every source. */
  async expire(key: string, sources: readonly AckSource[]): Promise<void> {
    const ack = this.#deps.myAcks.get(key);
    this.#deps.myAcks.delete(key);
    if (!ack) return;
    for (const entry of ack.silences) {
      const src = source(sources, entry.sourceId);
      if (!src) continue;
      try {
        await src.api.expireSilence(entry.silenceId);
        this.#deps.journal(key, 'silence-expired', 'Ack silence expired: the incident resolved', { silenceId: entry.silenceId, source: src.id });
      } catch (error) {
        this.#deps.journal(key, 'note', `Could not expire the ack silence ${entry.silenceId}: ${messageOf(error)}`, { silenceId: entry.silenceId });
      }
    }
  }
}

function source(sources: readonly AckSource[], id: string): AckSource | undefined {
  return sources.find((s) => s.id === id);
}
