/**
 * The member's event link to the hall node: an RPC peer over a WebSocket that presents the
 * device token, then relays the hall's events onto the local bus. The link reopens by itself
 * with capped, jittered back-off and reports every change of state, so pages can say "link
 * down" and resync on "up".
 */
import {
  checkedEvent,
  events,
  eventSpecs,
  type EventName,
} from '../../common/contract/contract.js';
import { ContractError } from '../../common/contract/errors.js';
import type { HallLinkState } from '../../common/contract/hall-link.js';
import { createRpcClient } from '../../common/rpc/client.js';
import { socketLink, wsUrlOf } from '../../common/rpc/socket-link.js';
import { nodeSocket } from './node-socket.js';

export interface EventLinkOptions {
  /** The hall node's base URL (http or https); the socket is `<url>/ws`. */
  url: string;
  token: string | null;
  /** A hall event to relay (already checked against the contract). */
  relay(event: EventName, data: unknown): void;
  /** Which of the hall's events to relay (default: its hall-wide events). */
  accept?: (event: string) => event is EventName;
  onState(state: HallLinkState): void;
  backoffMs?: { initial: number; max: number };
  random?: () => number;
}

export interface EventLink {
  readonly state: HallLinkState;
  close(): void;
}

/** Only the hall's events are relayed; this machine's devices, notices and cases stay its own. */
export const relayed = (event: string): event is EventName =>
  Object.hasOwn(events, event) && eventSpecs[event as EventName].scope === 'hall';

/** The hall node answered and refused the token (it may be enrolled later: keep trying). */
const isRefusal = (error: unknown): boolean =>
  error instanceof ContractError &&
  (error.body.code === 'FORBIDDEN' || error.body.code === 'BAD_REQUEST');

export function startEventLink(options: EventLinkOptions): EventLink {
  const accept = options.accept ?? relayed;
  let state: HallLinkState = 'connecting';
  let refused = false;
  let closed = false;
  const set = (next: HallLinkState): void => {
    if (closed || next === state) return;
    state = next;
    options.onState(next);
  };
  const link = socketLink({
    url: wsUrlOf(options.url),
    socket: nodeSocket,
    backoffMs: options.backoffMs ?? { initial: 500, max: 15_000 },
    random: options.random,
    // Back-off starts over only once the hall node has taken the token.
    settleOnOpen: false,
  });
  const client = createRpcClient(link, {
    checkEvent: (event, data) => (accept(event) ? checkedEvent({ t: 'event', event, data }) : null),
  });
  client.onEvent((event, data) => options.relay(event, data));

  // Without a token the hall node sends no queue events; the state stays honest about it.
  const authenticate = (): void => {
    client.call('queue.authenticate', { token: options.token ?? '' }).then(
      () => {
        link.settled();
        set('up');
      },
      (error: unknown) => {
        refused = isRefusal(error);
        if (refused) set('refused');
        // A refusal, or a busy hall node (rate limit, restart): down, and try again.
        link.reset();
      },
    );
  };
  client.onState((linkState) => {
    if (linkState === 'up') authenticate();
    // A refused socket's close is not "down"; a new attempt that fails is.
    else if (linkState === 'connecting') refused = false;
    else if (!refused) set('down');
  });

  return {
    get state() {
      return state;
    },
    close() {
      closed = true;
      client.close();
    },
  };
}
