import type { EventPayload, VigilEventName } from '../../shared/ipc-contract.ts';

// The headless host pushes `{ event, payload }` JSON frames. The host is part of this app, but a
// frame that does not parse must be dropped with a warning rather than crash the renderer.

export type EventMessage = { [E in VigilEventName]: { event: E; payload: EventPayload<E> } }[VigilEventName];

export function parseEventMessage(data: unknown): EventMessage | null {
  if (typeof data !== 'string') return null;
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const { event, payload } = value as { event?: unknown; payload?: unknown };
  if (typeof payload !== 'object' || payload === null) return null;
  if (event === 'snapshot') {
    const snapshot = payload as Partial<EventPayload<'snapshot'>>;
    if (typeof snapshot.generatedAt !== 'number' || !Array.isArray(snapshot.incidents) || !Array.isArray(snapshot.sources)) return null;
    return { event, payload: payload as EventPayload<'snapshot'> };
  }
  if (event === 'focusIncident') {
    const focus = payload as Partial<EventPayload<'focusIncident'>>;
    if (typeof focus.incidentKey !== 'string') return null;
    return { event, payload: { incidentKey: focus.incidentKey } };
  }
  return null;
}
