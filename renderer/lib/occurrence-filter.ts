// The History panel's filter form -> listOccurrences arguments. A date is a day in this machine's zone.

export interface OccurrenceFilterForm {
  alertname: string;
  severity: string;
  /** "YYYY-MM-DD" from an <input type="date">, or ''. */
  date: string;
}

export function occurrenceFilterArgs(form: OccurrenceFilterForm): { alertname?: string; severity?: string; from?: number; to?: number } {
  const args: { alertname?: string; severity?: string; from?: number; to?: number } = {};
  if (form.alertname.trim() !== '') args.alertname = form.alertname.trim().slice(0, 256);
  if (form.severity !== '') args.severity = form.severity.slice(0, 64);
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(form.date);
  if (match) {
    const [y, m, d] = [Number(match[1]), Number(match[2]) - 1, Number(match[3])];
    args.from = new Date(y, m, d).getTime();
    args.to = new Date(y, m, d + 1).getTime();
  }
  return args;
}
