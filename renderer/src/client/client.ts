/**
 * The renderer's one client. Screens call `client.call(...)` and `client.on(...)`; they never
 * know whether IPC (the kiosk window) or WebSocket (any browser on the hall LAN) carries it.
 * Only types come from the contract, so zod stays out of the page bundle.
 */
import type {
  ContractErrorBody,
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
export class ClientError extends Error {
  constructor(readonly body: ContractErrorBody) {
    super(`${body.code}: ${body.message.en}`);
    this.name = 'ClientError';
  }
}
