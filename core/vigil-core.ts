import type { AppSnapshot } from '../shared/domain.ts';
import type { EventPayload, VigilEventName, VigilHandlers } from '../shared/ipc-contract.ts';

/**
 * What a runtime (Electron main, headless host) gets from the core. The runtime registers
 * `handlers` on its transport after validating arguments with `parseRequestArgs`, forwards
 * events to its windows/sockets, and feeds OS objects in through `createVigilCore`'s deps.
 */
export interface VigilCore {
  readonly handlers: VigilHandlers;
  on<E extends VigilEventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
  snapshot(): AppSnapshot;
  start(): Promise<void>;
  stop(): Promise<void>;
}
