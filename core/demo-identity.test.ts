import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { Clock } from '../shared/clock.ts';
import { DEMO_IDENTITY, demoIdentity } from './config/demo-config.ts';
import { startCore, type CoreHandle } from '../test-fixtures/start-core.ts';

// The demo (no configuration at all) on the real core, with the playbook's rotation from
// examples/, started in different weeks: the wall clock shifted, timers real. Before the demo was
// seen as whoever is primary now, it was always Alex Chen, and rang only in Alex's weeks.

const WEEK_MS = 7 * 24 * 3_600_000;
const MONDAY_NOON = Date.parse('2026-11-23T20:00:00Z');
let handle: CoreHandle | null = null;

afterEach(async () => {
  await handle?.stop();
  if (handle) rmSync(handle.dataDir, { recursive: true, force: true });
  handle = null;
});

function shiftedClock(toMs: number): Clock {
  const offset = toMs - Date.now();
  return { now: () => Date.now() + offset, setTimeout: (callback, ms) => setTimeout(callback, ms), clearTimeout: (timer) => clearTimeout(timer as NodeJS.Timeout) };
}

describe('the demo', () => {
  for (const week of [0, 1, 2, 3]) {
    it(`rings for the primary on call, whoever that is (week ${week + 1} from 2026-11-23)`, async () => {
      handle = await startCore({ config: null, clock: shiftedClock(MONDAY_NOON + week * WEEK_MS) });
      const ringing = await handle.waitFor((s) => s.incidents.length === 3 && s.incidents.every((i) => i.alarm !== null), 'all three demo incidents ringing', 5_000);
      const primary = ringing.roster?.now.find((h) => h.role === 'primary')?.person;
      expect(primary).toBeTruthy();
      expect(ringing.me.id).toBe(primary!.handle);
      expect(ringing.roster?.myRoles).toContain('primary');
      expect(ringing.demo).toBe(true);
    });
  }

  it('keeps the identity I chose in the app', async () => {
    handle = await startCore({ config: null, clock: shiftedClock(MONDAY_NOON), storedOverlay: { me: { id: 'david.kim', name: 'David Kim' } } });
    const s = await handle.waitFor((x) => x.incidents.length === 3, 'the demo incidents', 5_000);
    expect(s.me.id).toBe('david.kim');
    // Someone else is primary that week, so the chosen identity is not the demo's default.
    expect(s.roster?.now.find((h) => h.role === 'primary')?.person?.handle).not.toBe('david.kim');
  });
});

describe('demoIdentity', () => {
  it('is the primary holder, else the playbook week-1 primary', () => {
    const person = { handle: 'sarah.johnson', name: 'Sarah Johnson', timezone: 'UTC', phone: null, email: null, slack: null };
    expect(demoIdentity([{ role: 'secondary', person: { ...person, handle: 'x' } }, { role: 'primary', person }])).toEqual({ id: 'sarah.johnson', name: 'Sarah Johnson' });
    expect(demoIdentity([{ role: 'primary', person: null }])).toEqual({ ...DEMO_IDENTITY });
    expect(demoIdentity([])).toEqual({ ...DEMO_IDENTITY });
  });
});
