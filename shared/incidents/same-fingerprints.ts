// A poll's answer usually holds the same alerts as the last one, in the same order (Alertmanager
// sorts its answer by fingerprint), with at most a few alert objects new. Comparing the two
// position by position, mostly the same string objects, costs far less than what finding out
// from scratch does at 10k alerts: Sets and Maps of every fingerprint, built on every poll.

/** The two lists hold alerts of the same fingerprints, in the same order. */
export function sameFingerprints(a: ReadonlyArray<{ fingerprint: string }>, b: ReadonlyArray<{ fingerprint: string }>): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i]!.fingerprint !== b[i]!.fingerprint) return false;
  return true;
}
