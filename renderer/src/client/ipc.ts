/**
 * The Electron transport: the kiosk window's preload exposes `window.hallKiosk` (a frozen
 * bridge with one function per contract method). The link is the process itself, so it is
 * always up; a rejected invoke means the main process is going away.
 */
import type {
  Envelope,
  EventData,
  EventName,
  Method,
  Request,
  Response,
} from '../../../common/contract/contract.js';
import type { KioskBridge } from '../../../common/contract/bridge.js';
import { ClientError, type HallClient } from './client.js';

export function createIpcClient(bridge: KioskBridge): HallClient {
  return {
    async call<M extends Method>(method: M, params: Request<M>): Promise<Response<M>> {
      // Indexed by a generic M, TypeScript sees a union of every method's function; the
      // contract ties request and response to the same M, which is what this cast says.
      const invoke = bridge.calls[method] as unknown as (p: Request<M>) => Promise<Envelope<M>>;
      let envelope: Envelope<M>;
      try {
        envelope = await invoke(params);
      } catch {
        throw new ClientError({
          code: 'UNAVAILABLE',
          message: { 'zh-CN': '本机服务没有响应', en: 'The kiosk service is not responding' },
        });
      }
      if (envelope.ok) return envelope.result as Response<M>;
      throw new ClientError(envelope.error);
    },
    on<E extends EventName>(event: E, listener: (data: EventData<E>) => void): () => void {
      return bridge.on(event, listener);
    },
    onConnection(listener: (up: boolean) => void): () => void {
      listener(true);
      return () => {};
    },
    close(): void {},
  };
}
