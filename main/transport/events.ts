/**
 * Events from the core to every connected UI. Data is validated on the way out, so a
 * subscriber (a WebSocket, an Electron window) can forward it as it is.
 */
import { events } from '../../common/contract/contract.js';
import type { EventBus, EventListener } from '../../common/contract/bus.js';

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
