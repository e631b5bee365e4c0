/**
 * The event bus as the capabilities see it: they publish the contract's events, transports
 * subscribe and forward them. The bus itself is main/transport/events.ts.
 */
import type { EventData, EventName } from './contract.js';

export type EventListener = (event: EventName, data: unknown) => void;

export interface EventBus {
  publish<E extends EventName>(event: E, data: EventData<E>): void;
  subscribe(listener: EventListener): () => void;
}
