// The fast poll's answer (GET /api/v2/alerts/groups: what can ring me now), read against the
// previous one as it streams, one alert group at a time. A group whose text did not change keeps
// its fingerprints; a changed one is searched for them without being parsed. At 10k ringing
// alerts the answer is 7 MB every 2 s: parsing it whole blocked the event loop (and its buffers
// brought on long garbage collections), where most polls need no more than a comparison.
//
// Searching the text is enough here, and a superset is harmless: the fast poll only decides when
// to poll in full. Alertmanager writes every alert's `"fingerprint":"…"` member that way (quotes
// inside strings are escaped, so the pattern cannot come from a value); a label or annotation
// *named* fingerprint could add a name that is not an alert's, which costs one extra full poll.

import type { ArrayItemReader } from './array-answer-stream.ts';
import { LastAnswerBytes } from './last-answer-bytes.ts';
import { detachedText } from './detached-text.ts';
import { PreviousItems } from './previous-items.ts';

const MEMBER = '"fingerprint":"';

/** Every `"fingerprint":"…"` value in a group's text. */
export function fingerprintsInText(text: string): string[] {
  const found: string[] = [];
  for (let at = text.indexOf(MEMBER); at !== -1; at = text.indexOf(MEMBER, at)) {
    const start = at + MEMBER.length;
    const end = text.indexOf('"', start);
    if (end === -1) break;
    if (end > start) found.push(detachedText(text.slice(start, end)));
    at = end + 1;
  }
  return found;
}

export class RingingGroupsCache {
  /** The fingerprints in each group of the last answer, in its order. */
  #last: string[][] | null = null;
  /** The last answer's bytes: a poll that gets them again reads nothing. */
  readonly bytes = new LastAnswerBytes();

  /** Reads one answer group by group; `finish` gives its fingerprints, or null when it is last time's. */
  begin(): ArrayItemReader & { finish(): string[] | null } {
    const last = this.#last;
    let fingerprints: string[][] = [];
    const previous = last ? PreviousItems.of(this.bytes, last.length) : null;
    let changed = false;
    return {
      sameAsLast: (count) => {
        if (!last || !previous || fingerprints.length > 0 || count > last.length) return false;
        fingerprints = last.slice(0, count);
        previous.skipTo(count);
        return true;
      },
      item: (text, end) => {
        const at = previous?.find(text.length, end) ?? -1;
        if (last && at !== -1) {
          fingerprints.push(last[at]!);
          return;
        }
        changed = true;
        fingerprints.push(fingerprintsInText(text));
      },
      finish: () => {
        // Every group found, each after the one before, and as many: the same answer.
        const same = last !== null && !changed && fingerprints.length === last.length;
        this.#last = fingerprints;
        return same ? null : [...new Set(fingerprints.flat())];
      },
    };
  }
}
