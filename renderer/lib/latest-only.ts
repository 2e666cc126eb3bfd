// Snapshots can arrive faster than a window can draw them: in an alarm storm the core publishes
// after every one of hundreds of acks, each snapshot holding hundreds of incidents. Drawing each
// in turn left the window tens of seconds behind the core. Only the newest matters: keep it, and
// hand it on once per `schedule` turn (a frame).

export interface LatestOnly<T> {
  push(value: T): void;
  /** Drop anything still waiting (unmount). */
  cancel(): void;
}

export function latestOnly<T>(deliver: (value: T) => void, schedule: (run: () => void) => () => void): LatestOnly<T> {
  let waiting: { value: T } | null = null;
  let cancelScheduled: (() => void) | null = null;
  const run = () => {
    cancelScheduled = null;
    const next = waiting;
    waiting = null;
    if (next) deliver(next.value);
  };
  return {
    push(value) {
      waiting = { value };
      cancelScheduled ??= schedule(run);
    },
    cancel() {
      waiting = null;
      cancelScheduled?.();
      cancelScheduled = null;
    },
  };
}
