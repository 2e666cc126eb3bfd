import type { AlertView, LabelSet } from '../../shared/domain.ts';

/** Labels every sampled alert shares; the sample table then shows only what tells alerts apart. */
export function commonLabels(alerts: readonly AlertView[]): LabelSet {
  const [first, ...rest] = alerts;
  if (!first) return {};
  const common: LabelSet = {};
  for (const [name, value] of Object.entries(first.labels)) {
    if (rest.every((alert) => alert.labels[name] === value)) common[name] = value;
  }
  return common;
}

/** "instance=api-3:8000 pod=x" - the labels of one alert that are not common to all, at most `max`. */
export function distinguishingLabels(alert: AlertView, common: LabelSet, max = 20): string {
  const parts = Object.entries(alert.labels)
    .filter(([name]) => !Object.hasOwn(common, name))
    .slice(0, max)
    .map(([name, value]) => `${name}=${value}`);
  return parts.length > 0 ? parts.join(' ') : '(same labels)';
}
