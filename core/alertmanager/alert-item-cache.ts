import type { AmAlert } from '../../shared/alertmanager-schemas.ts';
import { readAmAlert } from '../../shared/alertmanager-alert-reader.ts';
import { itemJsonText, type ArrayItemReader } from './array-answer-stream.ts';
import { LastAnswerBytes } from './last-answer-bytes.ts';
import { PreviousItems } from './previous-items.ts';
import { poolAlertStrings, StringPool } from './string-pool.ts';

// One Alertmanager member's alerts answer, read against its previous answer. Alertmanager sorts
// its answer by fingerprint and writes an alert that did not change with the same bytes, so a poll
// walks last time's items beside this time's (in the last answer's bytes, previous-items.ts) and
// parses only the items it has not seen: at 10k alerts with one changed, one JSON.parse of one
// item instead of 7 MB. An alert whose text changed
// only in the times Alertmanager refreshes on every re-send from Prometheus (endsAt, updatedAt),
// which no view and no decision uses, keeps its previous object too: for what follows (merging,
// grouping, the window) nothing changed.

interface Answer {
  /** What each item read as, in the answer's order; null is a remembered refusal (the schema refused the item). */
  alerts: Array<AmAlert | null>;
  /** The alerts that read, once asked for. */
  items?: AmAlert[];
}

function itemsOf(answer: Answer): AmAlert[] {
  if (!answer.items) {
    // Usually nothing was refused: the list of what each text read as is the list of alerts.
    if (!answer.alerts.includes(null)) answer.items = answer.alerts as AmAlert[];
    else {
      answer.items = [];
      for (const alert of answer.alerts) if (alert) answer.items.push(alert);
    }
  }
  return answer.items;
}

export interface ReadAnswer {
  items: AmAlert[];
  /** Items the schema refused. */
  quarantined: number;
  /** The same alerts as last time (same objects, same order): nothing to regroup. */
  unchanged: boolean;
}

function sameRecord(a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>): boolean {
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  for (const key of keys) if (!Object.hasOwn(b, key) || a[key] !== b[key]) return false;
  return true;
}

function sameList(a: readonly string[] | null | undefined, b: readonly string[] | null | undefined): boolean {
  if (a === b) return true;
  if (!a || !b || a.length !== b.length) return false;
  return a.every((value, i) => value === b[i]);
}

/** Equal in everything but endsAt and updatedAt. */
export function sameAlertBesidesRefreshTimes(a: AmAlert, b: AmAlert): boolean {
  return (
    a.fingerprint === b.fingerprint &&
    a.startsAt === b.startsAt &&
    a.generatorURL === b.generatorURL &&
    a.status.state === b.status.state &&
    sameList(a.status.silencedBy, b.status.silencedBy) &&
    sameList(a.status.inhibitedBy, b.status.inhibitedBy) &&
    sameList(a.status.mutedBy, b.status.mutedBy) &&
    sameList(
      a.receivers.map((r) => r.name),
      b.receivers.map((r) => r.name),
    ) &&
    sameRecord(a.labels, b.labels) &&
    sameRecord(a.annotations, b.annotations)
  );
}

function fingerprintIndex(answer: Answer): Map<string, AmAlert> {
  return new Map(answer.alerts.filter((a): a is AmAlert => a !== null).map((a) => [a.fingerprint, a]));
}

export class AlertItemCache {
  #last: Answer | null = null;
  /** The last answer's bytes: a poll that gets them again reads nothing (see `repeated`). */
  readonly bytes = new LastAnswerBytes();

  /** The answer was the last one's bytes again. */
  repeated(): ReadAnswer {
    const last = this.#last;
    if (!last) throw new Error('no answer was read before: nothing can repeat it');
    const items = itemsOf(last);
    return { items, quarantined: last.alerts.length - items.length, unchanged: true };
  }

  /** Reads one answer item by item; `finish` makes it the answer the next one is compared with. */
  begin(): ArrayItemReader & { finish(): ReadAnswer } {
    const last = this.#last;
    const next: Answer = { alerts: [] };
    const previous = last ? PreviousItems.of(this.bytes, last.alerts.length) : null;
    let byFingerprint: Map<string, AmAlert> | null = null;
    let changed = 0;
    // Texts repeated across the alerts this read makes are kept once (string-pool.ts).
    const pool = new StringPool();
    return {
      sameAsLast: (count) => {
        if (!last || !previous || next.alerts.length > 0 || count > last.alerts.length) return false;
        next.alerts = last.alerts.slice(0, count);
        previous.skipTo(count);
        return true;
      },
      item: (text, end) => {
        let alert: AmAlert | null;
        const at = previous?.find(text.length, end) ?? -1;
        if (last && at !== -1) alert = last.alerts[at] ?? null;
        else {
          // Alertmanager sorts by fingerprint, so a changed alert is usually last time's item in
          // its place (the index of all last time's alerts, 10k Map entries, only when it is not).
          const place = previous?.cursor ?? -1;
          const inPlace = last && place !== -1 ? last.alerts[place] : undefined;
          if (inPlace && end !== -1 && this.bytes.sameAsLastItemBesidesRefreshTimes(place, end - text.length, text)) {
            // Re-sent by Prometheus: only endsAt and updatedAt are new. The same alert, unparsed.
            alert = inPlace;
            previous!.skipTo(place + 1);
          } else {
            alert = readAmAlert(JSON.parse(itemJsonText(text)));
            const before = alert && last ? (inPlace?.fingerprint === alert.fingerprint ? inPlace : (byFingerprint ??= fingerprintIndex(last)).get(alert.fingerprint)) : undefined;
            if (alert && before && sameAlertBesidesRefreshTimes(before, alert)) alert = before;
            else {
              changed += 1;
              if (alert) poolAlertStrings(alert, pool);
            }
          }
        }
        next.alerts.push(alert);
      },
      finish: () => {
        const items = itemsOf(next);
        const unchanged = last !== null && changed === 0 && next.alerts.length === last.alerts.length && next.alerts.every((alert, i) => alert === last.alerts[i]);
        this.#last = next;
        return { items, quarantined: next.alerts.length - items.length, unchanged };
      },
    };
  }
}
