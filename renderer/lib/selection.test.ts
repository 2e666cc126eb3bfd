import { describe, expect, it } from 'vitest';
import { detailIncident, incidentInHand, moveSelection } from './selection.ts';
import { incident, ringing } from '../../test-fixtures/test-incidents.ts';

describe('detailIncident', () => {
  const list = [incident('quiet', { severity: 'critical' }), ringing('warn-alarm', { severity: 'warning' }), ringing('crit-alarm')];

  it('shows the selected incident', () => {
    expect(detailIncident(list, 'quiet')?.key).toBe('quiet');
  });

  it('falls back to the most urgent alarm when nothing (or something gone) is selected', () => {
    expect(detailIncident(list, null)?.key).toBe('crit-alarm');
    expect(detailIncident(list, 'vanished')?.key).toBe('crit-alarm');
  });

  it('falls back to the top of the list without alarms, and null without incidents', () => {
    expect(detailIncident([incident('a', { severity: 'info' }), incident('b', { severity: 'critical' })], null)?.key).toBe('b');
    expect(detailIncident([], null)).toBeNull();
  });
});

describe('incidentInHand', () => {
  it('takes the selected incident when its alarm rings', () => {
    const list = [ringing('crit'), ringing('warn', { severity: 'warning' })];
    expect(incidentInHand(list, 'warn')?.key).toBe('warn');
  });

  it('takes the selected incident when it fires unacknowledged, even before it rings for me', () => {
    const list = [incident('not-my-step-yet', { state: 'firing' }), ringing('crit')];
    expect(incidentInHand(list, 'not-my-step-yet')?.key).toBe('not-my-step-yet');
  });

  it('takes the most urgent alarm when the selection is acked, silenced or resolved, or nothing is selected', () => {
    for (const state of ['acked', 'silenced', 'resolved'] as const) {
      const list = [incident('quiet', { state }), ringing('warn', { severity: 'warning' }), ringing('crit')];
      expect(incidentInHand(list, 'quiet')?.key).toBe('crit');
      expect(incidentInHand(list, null)?.key).toBe('crit');
    }
  });

  it('is null when nothing rings and the selection is not firing', () => {
    expect(incidentInHand([incident('quiet', { state: 'acked' })], 'quiet')).toBeNull();
  });
});

describe('moveSelection', () => {
  const keys = ['a', 'b', 'c'];

  it('moves down and up', () => {
    expect(moveSelection(keys, 'a', 1)).toBe('b');
    expect(moveSelection(keys, 'c', -1)).toBe('b');
  });

  it('stops at the ends', () => {
    expect(moveSelection(keys, 'c', 1)).toBe('c');
    expect(moveSelection(keys, 'a', -1)).toBe('a');
  });

  it('starts from the top with j and the bottom with k when nothing is selected', () => {
    expect(moveSelection(keys, null, 1)).toBe('a');
    expect(moveSelection(keys, 'gone', -1)).toBe('c');
  });

  it('returns null for an empty list', () => {
    expect(moveSelection([], 'a', 1)).toBeNull();
  });
});
