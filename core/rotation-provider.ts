import type { Clock } from '../shared/clock.ts';
import { buildEscalation } from '../shared/escalation/escalation-plan.ts';
import { buildRosterView } from '../shared/rotation/roster-view.ts';
import { noRotation, type RotationProvider } from './engine/engine-ports.ts';
import type { Logger } from './ports.ts';
import { createRotationLoader } from './rotation/rotation-loader.ts';

export type RunningRotation = RotationProvider & { warning(): string | null; stop(): void; ready: Promise<void> };

/**
 * Adapts the rotation loader (file or https URL, last good version kept) to what the engine asks:
 * the roster for the UI and tray, and each incident's escalation ladder.
 */
export function startRotation(options: { file?: string | undefined; url?: string | undefined; refreshMs: number; clock: Clock; logger: Logger; onChange(): void }): RunningRotation {
  if (!options.file && !options.url) return { ...noRotation, warning: () => null, stop: () => undefined, ready: Promise.resolve() };
  const loader = createRotationLoader({
    ...(options.file ? { file: options.file } : {}),
    ...(options.url ? { url: options.url } : {}),
    refreshMs: options.refreshMs,
    clock: options.clock,
    onChange: () => options.onChange(),
  });
  // The first load must finish before the first poll is evaluated: without the rotation every
  // incident would page everyone at once.
  const ready = loader.start().catch((error: unknown) => options.logger.error('rotation failed to load', { error: String(error) }));
  return {
    ready,
    roster(nowMs, meId) {
      const state = loader.state();
      return buildRosterView(state.rotation, nowMs, meId, { source: state.source, warning: state.warning, loadedAt: state.loadedAt });
    },
    escalation(input) {
      return buildEscalation({ rotation: loader.state().rotation, ...input });
    },
    warning() {
      const w = loader.state().warning;
      return w ? `Rotation: ${w}` : null;
    },
    stop: () => loader.stop(),
  };
}
