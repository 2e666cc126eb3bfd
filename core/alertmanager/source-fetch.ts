import type { AlertmanagerApi } from '../ports.ts';
import { createResolutionGuard, type GuardedAlertFetch } from './resolution-guard.ts';

// One poll of a source: what can page me (through the resolution guard), and, when the source
// has a dead man's switch, whether that always-firing alert is still there. The dead man's switch
// is asked for apart from my receiver filter, since teams route it elsewhere (a null receiver).

export interface SourceFetch extends GuardedAlertFetch {
  /** null: no dead man's switch configured, or asking for it failed (the poll itself counts then). */
  watchdogFiring: boolean | null;
}

export function createSourceFetch(options: { api: AlertmanagerApi; now(): number; holdMs: number; watchdogAlertname: string | null }): (signal?: AbortSignal) => Promise<SourceFetch> {
  const guard = createResolutionGuard({ api: options.api, now: options.now, holdMs: options.holdMs });
  const { watchdogAlertname } = options;
  return async (signal) => {
    const watchdog =
      watchdogAlertname === null
        ? Promise.resolve(null)
        : options.api.countFiring([`alertname=${JSON.stringify(watchdogAlertname)}`], signal).then(
            (count) => count > 0,
            () => null,
          );
    const [alerts, watchdogFiring] = await Promise.all([guard.fetch(signal), watchdog]);
    return { ...alerts, watchdogFiring };
  };
}
