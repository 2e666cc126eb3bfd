import { vigilConfigSchema } from '../../shared/config-schema.ts';
import type { VigilConfig } from '../../shared/config-schema.ts';

// With no configuration at all Vigil starts the built-in demo, seen through the eyes of the
// playbook's week-1 primary on-call engineer, with the playbook's response times.

export const DEMO_IDENTITY = { id: 'alex.chen', name: 'Alex Chen' } as const;
export const DEMO_RUNBOOK_DIR = 'examples/runbooks';

export function demoConfig(): VigilConfig {
  return vigilConfigSchema.parse({
    me: { ...DEMO_IDENTITY },
    sources: [],
    poll_interval: '10s',
    policy: {
      // "Acknowledge alerts within 2 minutes" for critical pages; quieter severities wait longer.
      critical: { alarm: true, ack_within: '2m', loud: true },
      warning: { alarm: true, ack_within: '1h' },
      info: { alarm: true, ack_within: '24h' },
      none: { alarm: false, ack_within: '0s' },
    },
    // The playbook's runbooks as checklists; relative to the app's folder (where examples/ ships).
    runbooks: { dir: DEMO_RUNBOOK_DIR },
  });
}
