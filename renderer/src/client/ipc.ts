/**
 * The Electron transport: the kiosk window's preload exposes `window.hallKiosk` (a frozen
 * bridge with one function per contract method). The link is the process itself, so it is
 * always up; a rejected invoke means the main process is going away.
 */
import type {
  EventData,
  EventName,
  Method,
  Request,
  Response,
} from '../../../main/contract/contract.js';
import type { KioskBridge } from '../../../main/transport/ipc.js';
import { ClientError, type HallClient } from './client.js';

export function createIpcClient(bridge: KioskBridge): HallClient {
  return {
    async call<M extends Method>(method: M, params: Request<M>): Promise<Response<M>> {
      // The bridge's per-method signatures are a union here; the contract ties them together.
      const invoke = bridge.calls[method] as (p: Request<M>) => ReturnType<KioskBridge['calls'][M]>;
      let envelope;
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
