import { vigilConfigSchema } from '../../shared/config-schema.ts';
import type { VigilConfig } from '../../shared/config-schema.ts';
import type { RoleHolder } from '../../shared/domain.ts';

// With no configuration at all Vigil starts the built-in demo, seen through the eyes of the
// engineer the playbook's rotation has as primary right now (demoIdentity), with the playbook's
// response times: the demo rings whatever the week.

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

/**
 * Who the demo is seen as: the rotation's primary at start, so that its alerts ring for me
 * whichever week Vigil is started in (a fixed identity rang only in that person's weeks). The
 * playbook's week-1 primary when the rotation names no primary now.
 */
export function demoIdentity(holders: readonly RoleHolder[]): { id: string; name: string } {
  const primary = holders.find((h) => h.role === 'primary' && h.person !== null)?.person;
  return primary ? { id: primary.handle, name: primary.name } : { ...DEMO_IDENTITY };
}
