/**
 * What the core needs from any reader that can tell who the resident is (SAM ID-card reader,
 * PC/SC social-security card, the demo's simulated reader): a device port that, on request,
 * waits for a card and reads it.
 */
import type { IdentityOutcome } from '../common/identity/identity.js';
import type { DevicePort } from './ports.js';

export interface IdentityReader extends DevicePort {
  readonly kind: 'idReader' | 'cardReader';
  /** Waits for a card and reads it; resolves (never rejects) with 'cancelled' on abort. */
  read(signal?: AbortSignal): Promise<IdentityOutcome>;
  /** Card present / removed (nothing personal). */
  onCard(listener: (present: boolean) => void): () => void;
}

export function isIdentityReader(port: DevicePort): port is IdentityReader {
  return 'read' in port && typeof (port as IdentityReader).read === 'function';
}
