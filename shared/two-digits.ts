/** "07", "42": a clock field (hours, minutes, seconds) as every time text writes it. */
export function twoDigits(n: number): string {
  return String(n).padStart(2, '0');
}
