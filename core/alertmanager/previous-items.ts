// The item texts of an Alertmanager member's last answer, walked beside the next answer as it
// streams in. Alertmanager sorts its answers (alerts by fingerprint, groups by their labels) and
// writes what did not change with the same bytes, so an unchanged item is usually the next one of
// last time's, or a few further on when items left since (resolved, acked away).

/** How far ahead in last time's items a text is looked for. */
const LOOK_AHEAD = 8;

export class PreviousItems {
  readonly #texts: readonly string[];
  #cursor = 0;

  constructor(texts: readonly string[]) {
    this.#texts = texts;
  }

  /** Where the next find starts: after an item that changed, last time's item in its place. */
  get cursor(): number {
    return this.#cursor;
  }

  /** Last time's items before `index` are passed: the next find starts there. */
  skipTo(index: number): void {
    this.#cursor = Math.max(this.#cursor, Math.min(index, this.#texts.length));
  }

  /** Where last time's answer had this text (at or after the previous find), or -1. */
  find(text: string): number {
    const end = Math.min(this.#cursor + LOOK_AHEAD, this.#texts.length);
    for (let at = this.#cursor; at < end; at++) {
      if (this.#texts[at] === text) {
        this.#cursor = at + 1;
        return at;
      }
    }
    return -1;
  }
}

/** A copy of an item's text that does not keep the whole streamed chunk it was cut from alive. */
export function detachedText(text: string): string {
  // V8 keeps a substring as a view into its parent: flattening a concatenation makes a new string.
  return ` ${text}`.slice(1);
}
