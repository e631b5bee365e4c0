/**
 * The Electron IPC link, on the page's side: calls go through the preload's bridge (one
 * function per contract call), whose answers come back as result frames; events arrive through
 * the bridge too. The link is the process itself, so it is up from the start; a rejected call
 * means the main process is going away.
 */
import type { KioskBridge } from '../contract/bridge.js';
import type { Method } from '../contract/contract.js';
import { messages } from '../contract/errors.js';
import type { CallFrame, ContractErrorBody } from '../contract/frames.js';
import type { ClientLink, LinkSink } from './links.js';

const notResponding: ContractErrorBody = {
  code: 'UNAVAILABLE',
  message: { 'zh-CN': '本机服务没有响应', en: 'The kiosk service is not responding' },
};

export function bridgeLink(bridge: KioskBridge): ClientLink {
  let sink: LinkSink | null = null;
  let stopEvents: (() => void) | undefined;
  const answer = (id: number, envelope: unknown): void => {
    const body = typeof envelope === 'object' && envelope !== null ? envelope : {};
    sink?.frame({ t: 'result', id, ...body });
  };
  return {
    open(target) {
      sink = target;
      stopEvents = bridge.onEvent((event, data) => sink?.frame({ t: 'event', event, data }));
      target.state('up');
    },
    send(frame: CallFrame) {
      const invoke = bridge.calls[frame.method as Method] as
        ((params: unknown) => Promise<unknown>) | undefined;
      if (!invoke) {
        const error = { code: 'UNKNOWN_METHOD', message: messages.unknownMethod(frame.method) };
        return answer(frame.id, { ok: false, error });
      }
      invoke(frame.params).then(
        (envelope) => answer(frame.id, envelope),
        () => answer(frame.id, { ok: false, error: notResponding }),
      );
    },
    reset() {},
    close() {
      stopEvents?.();
      sink = null;
    },
  };
}
