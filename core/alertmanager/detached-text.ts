/**
 * A copy of a text cut from a streamed chunk that does not keep the whole chunk alive: V8 keeps a
 * substring of 13 characters or more as a view into its parent, and flattening a concatenation
 * makes a new string.
 */
export function detachedText(text: string): string {
  return ` ${text}`.slice(1);
}
