// A count as en-US writes it ("10,000"), by hand. Number#toLocaleString is ICU: the first use in
// a process loads ICU's data, 30-70 ms in a fresh window's renderer here (and ~19 ms in the host
// for its first frame), on the path to the window's first frame and to its first render. Counts
// are the only locale-formatted thing those show, so they do without it.

/** "7", "1,234", "-10,000": an integer with en-US digit grouping; anything else as toLocaleString('en-US') writes it. */
export function countText(count: number): string {
  if (!Number.isSafeInteger(count) || Object.is(count, -0)) return count.toLocaleString('en-US');
  const digits = String(Math.abs(count));
  let grouped = digits.slice(0, ((digits.length - 1) % 3) + 1);
  for (let at = grouped.length; at < digits.length; at += 3) grouped += `,${digits.slice(at, at + 3)}`;
  return count < 0 ? `-${grouped}` : grouped;
}
