/**
 * The one place a call is checked and run, whatever transport carried it. Transports hand it
 * an untrusted method name and payload; it returns an envelope, never throws.
 */
import { calls, isMethod, type Envelope, type Method } from '../../common/contract/contract.js';
import { toIssues } from '../../common/contract/zod-issues.js';
import { accessOf, allows, refusalText } from '../access/access.js';
import type { CallContext, Caller, Handler, Handlers } from '../../common/contract/call.js';

import { ContractError, fixRequest, messages } from '../../common/contract/errors.js';

export interface DispatcherOptions {
  /** Who is calling; without it every caller is the local device (tests of the bare dispatcher). */
  identify?: (ctx: CallContext) => Caller;
  /** Whether an error is the disk being full, and what to do then (the core's disk watch). */
  diskFull?: { is(error: unknown): boolean; report(): void };
}

/** The part of a logger the dispatcher needs (pino's shape). */
export interface ErrorLog {
  error(obj: object, msg: string): void;
}

export interface Dispatcher {
  dispatch(method: unknown, params: unknown, ctx: CallContext): Promise<Envelope>;
}

export function createDispatcher(
  handlers: Handlers,
  log: ErrorLog,
  options: DispatcherOptions = {},
): Dispatcher {
  const identify = options.identify ?? ((): Caller => ({ kind: 'local', role: 'hall-node' }));
  return {
    async dispatch(method, params, ctx) {
      if (!isMethod(method)) {
        const name = typeof method === 'string' ? method.slice(0, 64) : typeof method;
        return fail(new ContractError('UNKNOWN_METHOD', messages.unknownMethod(name)));
      }
      const parsed = calls[method].request.safeParse(params ?? {}, { reportInput: true });
      if (!parsed.success) {
        return fail(
          new ContractError('BAD_REQUEST', messages.badRequest(method), {
            action: fixRequest,
            issues: toIssues(parsed.error, { root: 'params' }),
          }),
        );
      }
      try {
        const caller = identify(ctx);
        const level = accessOf(method);
        if (!allows(level, caller)) {
          const { message, action } = refusalText(level, caller);
          return fail(new ContractError('FORBIDDEN', message, { action }));
        }
        const handler = handlers[method] as Handler<Method>;
        const result = await handler(parsed.data as never, { ...ctx, caller });
        // A handler that breaks the contract is our bug: say INTERNAL, log the details.
        const checked = calls[method].response.safeParse(result);
        if (!checked.success) {
          log.error({ method, issues: toIssues(checked.error) }, 'handler broke the contract');
          return fail(new ContractError('INTERNAL', messages.internal));
        }
        return { ok: true, result: checked.data } as Envelope;
      } catch (error) {
        if (error instanceof ContractError) return fail(error);
        if (options.diskFull?.is(error)) {
          options.diskFull.report();
          return fail(new ContractError('DISK_FULL', messages.diskFull));
        }
        log.error({ method, transport: ctx.transport, err: error }, 'handler failed');
        return fail(new ContractError('INTERNAL', messages.internal));
      }
    },
  };
}

function fail(error: ContractError): Envelope {
  return { ok: false, error: error.body };
}
