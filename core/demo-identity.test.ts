import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Clock } from '../shared/clock.ts';
import type { AppSnapshot } from '../shared/domain.ts';
import { DEMO_IDENTITY, demoIdentity } from './config/demo-config.ts';
import { createVigilCore } from './create-vigil-core.ts';
import { createConfStore } from './settings/conf-store.ts';
import { createEnvSecretStore } from './settings/env-secret-store.ts';
import type { VigilCore } from './vigil-core.ts';

// The demo (no configuration at all) on the real core, with the playbook's rotation from
// examples/, started in different weeks: the wall clock shifted, timers real. Before the demo was
// seen as whoever is primary now, it was always Alex Chen, and rang only in Alex's weeks.

const WEEK_MS = 7 * 24 * 3_600_000;
const MONDAY_NOON = Date.parse('2026-11-23T20:00:00Z');
let dir = '';
let core: VigilCore | null = null;

afterEach(async () => {
  await core?.stop();
  core = null;
  rmSync(dir, { recursive: true, force: true });
});

function shiftedClock(toMs: number): Clock {
  const offset = toMs - Date.now();
  return { now: () => Date.now() + offset, setTimeout: (callback, ms) => setTimeout(callback, ms), clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout) };
}

async function startDemo(atMs: number, storedOverlay?: unknown): Promise<VigilCore> {
  dir = mkdtempSync(join(tmpdir(), 'vigil-demo-'));
  const store = createConfStore({ cwd: dir });
  if (storedOverlay !== undefined) store.set('settingsOverlay', storedOverlay);
  core = createVigilCore({
    clock: shiftedClock(atMs),
    notifier: { show: async () => ({ shown: true, error: null }), onAction: () => () => undefined },
    secrets: createEnvSecretStore({}),
    store,
    dataDir: dir,
    configPath: null,
    env: {},
    homeDir: join(dir, 'home'),
    appRoot: join(import.meta.dirname, '..'),
    openExternal: async () => undefined,
    logger: { info: () => undefined, warn: () => undefined, error: () => undefined },
  });
  await core.start();
  return core;
}

async function snapshotWhere(c: VigilCore, predicate: (s: AppSnapshot) => boolean): Promise<AppSnapshot> {
  if (predicate(c.snapshot())) return c.snapshot();
  return new Promise((resolve) => {
    const off = c.on('snapshot', (s) => {
      if (!predicate(s)) return;
      off();
      resolve(s);
    });
  });
}

describe('the demo', () => {
  for (const week of [0, 1, 2, 3]) {
    it(`rings for the primary on call, whoever that is (week ${week + 1} from 2026-11-23)`, async () => {
      const c = await startDemo(MONDAY_NOON + week * WEEK_MS);
      const ringing = await snapshotWhere(c, (s) => s.incidents.length === 3 && s.incidents.every((i) => i.alarm !== null));
      const primary = ringing.roster?.now.find((h) => h.role === 'primary')?.person;
      expect(primary).toBeTruthy();
      expect(ringing.me.id).toBe(primary!.handle);
      expect(ringing.roster?.myRoles).toContain('primary');
      expect(ringing.demo).toBe(true);
    });
  }

  it('keeps the identity I chose in the app', async () => {
    // Week 1 from 2026-11-23 has someone other than David Kim as primary.
    const c = await startDemo(MONDAY_NOON, { me: { id: 'david.kim', name: 'David Kim' } });
    const s = await snapshotWhere(c, (x) => x.incidents.length === 3);
    expect(s.me.id).toBe('david.kim');
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
