import { describe, expect, it } from 'vitest';
import { coarseDuration, sanitizeMenuLabel } from './menu-label.ts';
import { trayIconState } from './tray-icon-state.ts';
import { buildTrayMenuTemplate, MAX_LISTED_INCIDENTS, trayTooltip } from './tray-menu-template.ts';
import type { TrayMenuEntry } from './tray-menu-template.ts';
import { makeIncident, makeRoster, makeSnapshot, NOW, makeRinging } from '../test-fixtures/electron/snapshot-builders.ts';

const labels = (entries: TrayMenuEntry[]) => entries.map((e) => (e.type === 'separator' ? '---' : e.label));

describe('trayIconState', () => {
  it('is ok when nothing fires (resolved and maintenance-silenced incidents do not count)', () => {
    expect(trayIconState(makeSnapshot())).toBe('ok');
    expect(trayIconState(makeSnapshot([makeIncident('a', { state: 'resolved' }), makeIncident('b', { state: 'silenced' })]))).toBe('ok');
  });

  it('is firing when incidents fire but none rings for me', () => {
    expect(trayIconState(makeSnapshot([makeIncident('a', { state: 'acked' })]))).toBe('firing');
    // Firing without an alarm: severity policy alarm=false, or routed to someone else.
    expect(trayIconState(makeSnapshot([makeIncident('a')]))).toBe('firing');
  });

  it('is unacked while at least one alarm rings, including one whose ack is in flight', () => {
    expect(trayIconState(makeSnapshot([makeIncident('a', { state: 'acked' }), makeRinging('b')]))).toBe('unacked');
    expect(trayIconState(makeSnapshot([makeRinging('b', {}, { acking: true })]))).toBe('unacked');
  });

  it('is blind, above any alarm, while Vigil cannot see a source', () => {
    expect(trayIconState(makeSnapshot([makeRinging('b'), makeIncident('vigil-blind-am', { kind: 'blind', state: 'acked' })]))).toBe('blind');
    expect(trayIconState(makeSnapshot([makeRinging('b'), makeIncident('vigil-blind-am', { kind: 'blind', state: 'resolved' })]))).toBe('unacked');
  });
});

describe('buildTrayMenuTemplate', () => {
  it('lists ringing incidents most urgent first, each with an Acknowledge item for its key', () => {
    const snapshot = makeSnapshot([
      makeRinging('warn-1', { severity: 'warning', title: 'Disk filling' }, { ackDeadline: NOW + 30 * 60_000 }),
      makeRinging('crit-late', { title: 'HighLLMLatency', alertCount: 3 }, { ackDeadline: NOW + 5 * 60_000 }),
      makeRinging('crit-soon', { title: 'HighApiErrorRate' }, { ackDeadline: NOW + 90_000 }),
      makeIncident('acked', { state: 'acked' }),
    ]);
    const template = buildTrayMenuTemplate(snapshot, NOW);
    const incidents = template.filter((e): e is Extract<TrayMenuEntry, { type: 'submenu' }> => e.type === 'submenu');
    expect(incidents.map((e) => e.label)).toEqual([
      'CRITICAL · HighApiErrorRate · ack within 1m',
      'CRITICAL · HighLLMLatency ×3 · ack within 5m',
      'WARNING · Disk filling · ack within 30m',
    ]);
    expect(incidents[0]?.submenu[0]).toEqual({ type: 'item', label: 'Acknowledge', enabled: true, action: { kind: 'ack', incidentKey: 'crit-soon' } });
    expect(incidents[0]?.submenu[1]).toEqual({ type: 'item', label: 'Show details', enabled: true, action: { kind: 'focus', incidentKey: 'crit-soon' } });
    expect(labels(template)[0]).toBe('3 unacknowledged · 4 firing');
  });

  it('counts down to the one ack deadline (alarm.ackDeadline), not to a moment of its own', () => {
    // Paged 10 min ago with 12 min to ack: 2 min left, whenever this Vigil rang it.
    const alarm = { raisedAt: NOW - 60_000, pagedAt: NOW - 10 * 60_000, ackDeadline: NOW + 2 * 60_000 };
    const [entry] = buildTrayMenuTemplate(makeSnapshot([makeRinging('k', { title: 'WeaviateDown' }, alarm)]), NOW + 30_000).filter((e) => e.type === 'submenu');
    expect(entry?.label).toBe('CRITICAL · WeaviateDown · ack within 1m');
    const [late] = buildTrayMenuTemplate(makeSnapshot([makeRinging('k', { title: 'WeaviateDown' }, alarm)]), NOW + 2 * 60_000 + 61_000).filter((e) => e.type === 'submenu');
    expect(late?.label).toBe('CRITICAL · WeaviateDown · overdue +1m');
  });

  it('marks overdue alarms, in-flight acks and the last ack error', () => {
    const template = buildTrayMenuTemplate(
      makeSnapshot([makeRinging('late', { title: 'WeaviateDown' }, { ackDeadline: NOW - 3 * 60_000, ackError: 'Alertmanager unreachable' }), makeRinging('busy', { title: 'Busy' }, { acking: true })]),
      NOW,
    );
    const [late, busy] = template.filter((e): e is Extract<TrayMenuEntry, { type: 'submenu' }> => e.type === 'submenu');
    expect(busy?.label).toContain('acknowledging…');
    expect(busy?.submenu[0]).toMatchObject({ label: 'Acknowledging…', enabled: false });
    // The window's words for the same deadline ("overdue +mm:ss"), at the menu's minute granularity.
    expect(late?.label).toBe('CRITICAL · WeaviateDown · overdue +3m');
    expect(labels(late?.submenu ?? [])).toContain('Last ack failed: Alertmanager unreachable');
  });

  it(`shows at most ${MAX_LISTED_INCIDENTS} incidents, then a "+N more" entry that opens the window`, () => {
    const many = Array.from({ length: MAX_LISTED_INCIDENTS + 3 }, (_, i) => makeRinging(`k${String(i).padStart(2, '0')}`));
    const template = buildTrayMenuTemplate(makeSnapshot(many), NOW);
    expect(template.filter((e) => e.type === 'submenu')).toHaveLength(MAX_LISTED_INCIDENTS);
    expect(template).toContainEqual({ type: 'item', label: '+3 more unacknowledged…', enabled: true, action: { kind: 'show' } });
  });

  it('sanitises untrusted titles: no access-key ampersands, control or bidi characters, bounded length', () => {
    const title = `R&D \u202Egnp.exe\u202C\n${'x'.repeat(200)}`;
    const [entry] = buildTrayMenuTemplate(makeSnapshot([makeRinging('k', { title })]), NOW).filter((e) => e.type === 'submenu');
    expect(entry?.type === 'submenu' && entry.label).toMatch(/^CRITICAL · R&&D gnp\.exe x+… · ack within 1m$/);
    expect(sanitizeMenuLabel('a\u0000b\u200Bc', 10)).toBe('a b c');
    expect(Array.from(sanitizeMenuLabel('y'.repeat(100), 20))).toHaveLength(20);
  });

  it('says whether I am on call and when the next handoff is', () => {
    const onCall = makeSnapshot([], { roster: makeRoster({ myRoles: ['primary'], nextHandoff: { at: NOW + (3 * 60 + 20) * 60_000, role: 'primary', from: 'alice', to: 'bob' } }) });
    expect(labels(buildTrayMenuTemplate(onCall, NOW))).toEqual([
      'All clear, nothing firing',
      '---',
      'On call now: primary',
      'Next handoff in 3h 20m: primary alice → bob',
      '---',
      'Show Vigil',
      'Quit Vigil',
    ]);
    const offCall = makeSnapshot([], { roster: makeRoster({ myRoles: [], warning: 'rotation.yaml rejected: overlapping shifts' }) });
    expect(labels(buildTrayMenuTemplate(offCall, NOW))).toEqual(expect.arrayContaining(['Not on call now', 'No handoff scheduled', 'Rotation: rotation.yaml rejected: overlapping shifts']));
    expect(labels(buildTrayMenuTemplate(makeSnapshot(), NOW))).toContain('No rotation configured');
  });

  it('ends with Show Vigil and Quit, and surfaces warnings as a way into the window', () => {
    const template = buildTrayMenuTemplate(makeSnapshot([], { warnings: ['Source prod unreachable while you are on call', 'x'] }), NOW);
    expect(template.at(-2)).toEqual({ type: 'item', label: 'Show Vigil', enabled: true, action: { kind: 'show' } });
    expect(template.at(-1)).toEqual({ type: 'item', label: 'Quit Vigil', enabled: true, action: { kind: 'quit' } });
    expect(template).toContainEqual({ type: 'item', label: '⚠ 2 warnings: Source prod unreachable while you are on call', enabled: true, action: { kind: 'show' } });
  });
});

describe('trayTooltip', () => {
  it('gives the counts and the on-call state', () => {
    expect(trayTooltip(makeSnapshot())).toBe('Vigil: All clear, nothing firing');
    expect(trayTooltip(makeSnapshot([makeRinging('a'), makeIncident('b', { state: 'acked' })], { demo: true, roster: makeRoster({ myRoles: ['primary'] }) }))).toBe(
      'Vigil: 1 unacknowledged · 2 firing (demo data) · you are on call',
    );
    expect(trayTooltip(makeSnapshot([makeIncident('b', { state: 'acked' })]))).toBe('Vigil: 1 firing, all acknowledged');
  });
});

describe('coarseDuration', () => {
  it('rounds down to minutes so menus change rarely', () => {
    expect([0, 59_000, 60_000, 119_000, 3_600_000, 3_660_000, 86_400_000, 90_000_000, -5].map(coarseDuration)).toEqual(['<1m', '<1m', '1m', '1m', '1h', '1h 1m', '1d', '1d 1h', '<1m']);
  });
});
