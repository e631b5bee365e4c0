/**
 * A member's link to its hall node, as one state: the event link's, then whose hall answers.
 * Each time the link comes up it asks the hall node which hall it serves, before its events
 * are relayed or the link is said to be up: a machine pointed at another hall's node (a typo
 * in hallNode.url) must not take that hall's numbers or show its calls. While the link is
 * known down, or known to be another hall's, a call fails at once.
 */
import type { EventBus } from '../../common/contract/bus.js';
import type { HallLinkState, HallLinkStatus } from '../../common/contract/hall-link.js';
import type { Logger } from '../log/logger.js';
import { startEventLink } from './event-link.js';
import type { HallCall } from './hall-node-client.js';
import { hallUnreachable, wrongHall } from './refusals.js';

export interface HallNodeLinkDeps {
  url: string;
  /** This machine's hall (config hall.id). */
  ours: string;
  deviceToken: string | null;
  /** Calls to the hall node, unguarded. */
  raw: HallCall;
  bus: EventBus;
  log: Logger;
  now: () => number;
  /** How many confirmations wait for the hall node (shown in the status). */
  pendingConfirms(): number;
  /** The link is up to our own hall: a moment to send what waits. */
  onOurs(): void;
}

export interface HallNodeLink {
  /** Calls to the hall node, refused at once while it is down or another hall's. */
  call: HallCall;
  status(): HallLinkStatus;
  close(): void;
}

type Whose = 'unchecked' | 'ours' | { theirs: string };

const RECHECK_MS = 10_000;

export function startHallNodeLink(deps: HallNodeLinkDeps): HallNodeLink {
  let since = new Date(deps.now()).toISOString();
  let hall: Whose = 'unchecked';
  const otherHall = () => (typeof hall === 'object' ? hall.theirs : null);

  const state = (): HallLinkState => {
    if (link.state !== 'up') return link.state;
    if (hall === 'ours') return 'up';
    return otherHall() === null ? 'connecting' : 'wrong-hall';
  };
  const status = (): HallLinkStatus => ({
    state: state(),
    since,
    pendingConfirms: deps.pendingConfirms(),
  });
  const announce = (): void => {
    since = new Date(deps.now()).toISOString();
    deps.log.info({ hallNode: deps.url, state: state() }, 'hall link');
    deps.bus.publish('hallLink.changed', status());
  };

  const checkHall = async (): Promise<void> => {
    try {
      const info = await deps.raw('system.info', {}, deps.deviceToken);
      hall = info.hallId === deps.ours ? 'ours' : { theirs: String(info.hallId) };
    } catch (error) {
      const why = 'hall link: cannot ask the hall node which hall it serves; will retry';
      deps.log.warn({ err: error }, why);
      return;
    }
    if (link.state !== 'up') return; // gone again meanwhile: its own change said so
    if (hall !== 'ours') {
      const fields = { hallNode: deps.url, theirs: otherHall(), ours: deps.ours };
      deps.log.error(fields, 'hall link: another hall');
    }
    announce();
    if (hall === 'ours') deps.onOurs();
  };

  const link = startEventLink({
    url: deps.url,
    token: deps.deviceToken,
    relay: (event, data) => {
      if (hall === 'ours') deps.bus.publish(event, data as never);
    },
    onState: (linkState) => {
      hall = 'unchecked';
      announce();
      if (linkState === 'up') void checkHall();
    },
  });
  // A check that failed is tried again; a link up to our hall gets its moment again.
  const recheck = setInterval(() => {
    if (link.state !== 'up') return;
    if (hall === 'unchecked') void checkHall();
    else if (hall === 'ours') deps.onOurs();
  }, RECHECK_MS);
  recheck.unref();

  const call: HallCall = (method, params, credential) => {
    if (link.state === 'down') return Promise.reject(hallUnreachable(deps.url));
    const theirs = otherHall();
    if (theirs !== null) return Promise.reject(wrongHall(deps.url, theirs, deps.ours));
    return deps.raw(method, params, credential);
  };
  return {
    call,
    status,
    close() {
      clearInterval(recheck);
      link.close();
    },
  };
}
