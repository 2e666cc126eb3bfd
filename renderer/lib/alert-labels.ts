import type { AlertView, LabelSet } from '../../shared/domain.ts';

/** Labels every sampled alert shares; the sample table then shows only what tells alerts apart. */
export function commonLabels(alerts: readonly AlertView[]): LabelSet {
  const [first, ...rest] = alerts;
  if (!first) return {};
  // Label names are alert data: ask for own properties only, and build the result with
  // Object.fromEntries (which defines own properties) rather than assignment, which a label named
  // "__proto__" would turn into a prototype change.
  return Object.fromEntries(Object.entries(first.labels).filter(([name, value]) => rest.every((alert) => Object.hasOwn(alert.labels, name) && alert.labels[name] === value)));
}

/** "instance=api-3:8000 pod=x" - the labels of one alert that are not common to all, at most `max`. */
export function distinguishingLabels(alert: AlertView, common: LabelSet, max = 20): string {
  const parts = Object.entries(alert.labels)
    .filter(([name]) => !Object.hasOwn(common, name))
    .slice(0, max)
    .map(([name, value]) => `${name}=${value}`);
  return parts.length > 0 ? parts.join(' ') : '(same labels)';
}
