import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { scaledRotation } from '../e2e/fixtures/rotation-files.ts';
import type { AmSilence } from '../shared/alertmanager-schemas.ts';
import type { AppSnapshot, IncidentView, TimelineEvent } from '../shared/domain.ts';

// What every fault test checks, in one place: alarms keep ringing, nothing journaled is lost, no
// false event. Events are compared by id, so "lost" means an event once journaled is gone.

export const FAST_POLL = { poll_interval: '300ms' };

/** A rotation file (alex.chen primary, sarah.johnson secondary, mike.rodriguez manager) in a temp dir. */
export function writeRotation(options: Parameters<typeof scaledRotation>[0]): string {
  const file = join(mkdtempSync(join(tmpdir(), 'vigil-rotation-')), 'rotation.yaml');
  writeFileSync(file, scaledRotation(options));
  return file;
}

export function incidentIn(snapshot: AppSnapshot, alertname: string): IncidentView | undefined {
  return snapshot.incidents.find((i) => i.alertname === alertname && i.state !== 'resolved');
}

export const isRinging = (snapshot: AppSnapshot, alertname: string): boolean => incidentIn(snapshot, alertname)?.alarm != null;

/** Asserts every event of `before` is still in `after`, first and in the same order; returns the ones added since. */
export function eventsAddedSince(before: readonly TimelineEvent[], after: readonly TimelineEvent[]): TimelineEvent[] {
  expect(after.slice(0, before.length).map((e) => e.id)).toEqual(before.map((e) => e.id));
  return after.slice(before.length);
}

/** The escalation steps journaled for an incident, by index, in journal order. */
export function journaledSteps(events: readonly TimelineEvent[]): number[] {
  return events.filter((e) => e.type === 'escalation-step').map((e) => Number(e.data?.step));
}

export const typesOf = (events: readonly TimelineEvent[]): string[] => events.map((e) => e.type);

export async function listSilences(amUrl: string): Promise<AmSilence[]> {
  const response = await fetch(`${amUrl}/api/v2/silences`);
  return (await response.json()) as AmSilence[];
}

/** Live Vigil ack silences of an incident on an Alertmanager: the marker and the incident key in the comment. */
export async function liveAckSilences(amUrl: string, incidentKey: string): Promise<AmSilence[]> {
  return (await listSilences(amUrl)).filter((s) => s.status.state === 'active' && s.comment.includes(`[vigil-ack incident=${incidentKey} `));
}
