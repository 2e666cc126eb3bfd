import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vigilConfigSchema } from '../../shared/config-schema.ts';
import { createAlertmanagerClient } from '../alertmanager/am-client.ts';
import { createSourceFetch } from '../alertmanager/source-fetch.ts';
import { openTimelineJournal } from '../journal/timeline-journal.ts';
import { createConfStore } from '../settings/conf-store.ts';
import { createEnvSecretStore } from '../settings/env-secret-store.ts';
import { createFakeClock } from '../../test-fixtures/fake-clock.ts';
import type { FaultProxy } from '../../test-fixtures/fault-proxy.ts';
import { startProxiedAlertmanager } from '../../test-fixtures/proxied-alertmanager.ts';
import { noRotation } from './engine-ports.ts';
import { VigilEngine } from './vigil-engine.ts';

// Property: whatever labels an Alertmanager answer carries (prototype member names, empty
// strings, huge strings, bidi controls, lone surrogates), the engine never throws, every incident
// with a critical alert rings, and the view serializes. The answers are real HTTP answers from a
// real Alertmanager, rewritten by the fault proxy into the generated hostile items.

const PROTO_NAMES = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf', '__defineGetter__'];
const hostileText = fc.oneof(
  fc.constantFrom(...PROTO_NAMES, '', 'critical', 'warning', '\u202Eevil\u202C', '\uD800', 'a\uDFFFb'),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: fc.constantFrom('\u202E', '\u2066', '\u200F', 'x', '\uD83D', '\uDE00'), maxLength: 20 }),
  fc.constant('h'.repeat(20_000)),
);
const labelName = fc.oneof(fc.constantFrom(...PROTO_NAMES, 'alertname', 'severity', 'cluster', 'service', ''), fc.string({ maxLength: 12 }));
const labels = fc.dictionary(labelName, hostileText, { maxKeys: 6 });
const alert = fc.record({
  labels,
  severity: fc.oneof(fc.constant('critical'), hostileText),
  alertname: hostileText,
  annotations: fc.dictionary(labelName, hostileText, { maxKeys: 3 }),
  startsAt: fc.oneof(fc.constant(new Date().toISOString()), hostileText),
});

let proxy: FaultProxy;
let stop: () => Promise<void>;
beforeAll(async () => void ({ proxy, stop } = await startProxiedAlertmanager()));
afterAll(() => stop());

describe('the engine on hostile Alertmanager answers (fast-check)', () => {
  it('never throws, rings every critical incident, and its view serializes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigil-props-'));
    const clock = createFakeClock(Date.now());
    const config = vigilConfigSchema.parse({ me: { id: 'alex.chen' }, sources: [{ id: 'am', urls: [proxy.url] }], grouping: { by: ['alertname', 'cluster', ...PROTO_NAMES] } });
    const api = createAlertmanagerClient(config.sources[0]!, { secrets: createEnvSecretStore({}) });
    const errors: unknown[] = [];
    const engine = new VigilEngine({
      clock, config, groupBy: config.grouping.by!, rotation: noRotation,
      notifier: { show: async () => ({ shown: true, error: null }), onAction: () => () => undefined },
      journal: openTimelineJournal(join(dir, 'timeline'), { clock }),
      sources: [{ id: 'am', name: 'am', urls: config.sources[0]!.urls, api }],
      store: createConfStore({ cwd: dir }),
      logger: { info: () => undefined, warn: () => undefined, error: (message, data) => errors.push({ message, data }) },
      onChange: () => undefined,
    });
    const fetchSource = createSourceFetch({ api, now: () => clock.now(), holdMs: 0, watchdogAlertname: null });
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(alert, { minLength: 1, maxLength: 8 }), async (generated) => {
        run += 1;
        const items = generated.map((g, i) => ({
          fingerprint: `fp${run}x${i}`,
          labels: { ...g.labels, alertname: g.alertname, severity: g.severity },
          annotations: g.annotations,
          startsAt: g.startsAt,
          receivers: [{ name: 'vigil-oncall' }],
          status: { state: 'active', silencedBy: [], inhibitedBy: [] },
        }));
        proxy.setFault({ kind: 'rewrite', pathPrefix: '/api/v2/alerts', rewrite: () => items });
        clock.advance(1000);
        await engine.applyPoll('am', { ok: true, fetch: await fetchSource(), at: clock.now() });
        expect(errors).toEqual([]);
        const views = engine.incidents().filter((v) => v.state !== 'resolved');
        expect(JSON.parse(JSON.stringify(views))).toHaveLength(views.length);
        for (const item of items) {
          if (item.labels.severity !== 'critical') continue;
          const incident = views.find((v) => v.alerts.some((a) => a.fingerprint === item.fingerprint));
          expect(incident?.alarm, `alert ${JSON.stringify(item.labels).slice(0, 200)} rings`).not.toBeNull();
        }
      }),
      { numRuns: 100, seed: Number(process.env.VIGIL_FC_SEED ?? 20261202), endOnFailure: true },
    );
    engine.dispose();
  });
});
