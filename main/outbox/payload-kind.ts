/**
 * What the capability that enqueues a kind of payload tells the outbox about it: the outbox
 * never looks inside a payload itself (decision 0025).
 */
export interface PayloadKind {
  /** Refuses a body that must not be stored as it is (plain text in the outbox row). */
  check?(body: object): void;
  /**
   * The exact texts to send for picked rows whose stored payload the owner completes (a
   * case's envelope joined with its sealed personal part), in the rows' order; an Error for a
   * row that cannot be opened. Without it the stored payload is sent as it is.
   */
  complete?(rows: readonly { id: number; refId: number; payload: string }[]): (string | Error)[];
  /** Rows of this kind just marked delivered, inside the same transaction. */
  delivered?(rows: readonly { refId: number; result: string }[]): void;
  /** What the dead-letter list shows of parked rows, by their ref id. */
  describe?(refIds: readonly number[]): Map<number, Partial<DeadLetterDetail>>;
}

export interface DeadLetterDetail {
  receiptNumber: string | null;
  serviceId: string | null;
}

export type PayloadKinds = Record<string, PayloadKind>;

/** The registered kind, or a refusal: a row of an unknown kind is a wiring mistake. */
export function kindOf(kinds: PayloadKinds, kind: string): PayloadKind {
  const spec = kinds[kind];
  if (!spec) throw new Error(`outbox: no payload kind "${kind}" is registered`);
  return spec;
}
