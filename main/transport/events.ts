/**
 * Events from the core to every connected UI. Data is validated on the way out, so a
 * subscriber (a WebSocket, an Electron window) can forward it as it is.
 */
import { events, type EventData, type EventName } from '../../common/contract/contract.js';

export type EventListener = (event: EventName, data: unknown) => void;

export interface EventBus {
  publish<E extends EventName>(event: E, data: EventData<E>): void;
  subscribe(listener: EventListener): () => void;
}

export function createEventBus(): EventBus {
  const listeners = new Set<EventListener>();
  return {
    publish(event, data) {
      const checked = events[event].parse(data);
      for (const listener of [...listeners]) listener(event, checked);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
