/**
 * The renderer's one client. Screens call `client.call(...)` and `client.on(...)`; they never
 * know whether IPC (the kiosk window) or WebSocket (any browser on the hall LAN) carries it:
 * both are the contract's RPC peer (common/rpc/client.ts) over a different link. Only types
 * and the light frame schemas come from common/, so the full contract stays out of the page.
 */
import type {
  EventData,
  EventName,
  Method,
  Request,
  Response,
} from '../../../common/contract/contract.js';

export interface HallClient {
  call<M extends Method>(method: M, params: Request<M>): Promise<Response<M>>;
  on<E extends EventName>(event: E, listener: (data: EventData<E>) => void): () => void;
  /** Called with true when the link to the core is up, false while it is down. */
  onConnection(listener: (up: boolean) => void): () => void;
  close(): void;
}

/** A refusal from the core (or a lost link), carrying the contract's typed error. */
export { ContractError as ClientError } from '../../../common/contract/errors.js';
