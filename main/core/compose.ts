/**
 * The core's handlers, composed from the capabilities' parts. Each call has exactly one
 * answer: a method two parts both answer is a wiring mistake, refused at start with both
 * parts named, instead of the later part silently winning.
 */
import { methods, type Method } from '../../common/contract/contract.js';
import type { Handlers } from '../../common/contract/call.js';

export type HandlerPart = readonly [name: string, handlers: Partial<Handlers>];

export function composeHandlers(parts: readonly HandlerPart[]): Handlers {
  const composed: Partial<Record<Method, unknown>> = {};
  const owner = new Map<Method, string>();
  for (const [name, handlers] of parts) {
    for (const method of Object.keys(handlers) as Method[]) {
      const first = owner.get(method);
      if (first) throw new Error(`${method} is answered by both ${first} and ${name}`);
      owner.set(method, name);
      composed[method] = handlers[method];
    }
  }
  const missing = methods.filter((m) => !owner.has(m));
  if (missing.length) throw new Error(`no part answers ${missing.join(', ')}`);
  return composed as Handlers;
}
