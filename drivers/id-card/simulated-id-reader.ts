/**
 * The demo's ID-card reader: the demo panel places a sample resident's card, and the read goes
 * through the same decoder as a real SAM reply (bytes → identity), so demo mode exercises the
 * real checks (expired card and all).
 */
import type { DemoResidentId } from '../../common/contract/contract.js';
import { fault, type IdentityOutcome } from '../../common/identity/identity.js';
import type { IdentityReader } from '../identity-reader.js';
import type { DevicePort } from '../ports.js';
import { createSimulatedDevice } from '../simulated/simulated-device.js';
import { demoResidents } from './demo-residents.js';
import { encodeReadData, identityFromReadData } from './id-card-text.js';
import { sw3Detail, sw3Message } from './sw3.js';

export interface SimulatedIdReader extends IdentityReader {
  /** Places a sample card on the reader (null takes it off). */
  place(card: DemoResidentId | null): void;
  readonly card: DemoResidentId | null;
}

export function createSimulatedIdReader(now: () => Date = () => new Date()): SimulatedIdReader {
  const device = createSimulatedDevice('idReader');
  const cardListeners = new Set<(present: boolean) => void>();
  const waiters = new Set<() => void>();
  let card: DemoResidentId | null = null;

  const readCard = (id: DemoResidentId): IdentityOutcome =>
    id === 'unreadable'
      ? fault('unreadable', sw3Message(0x41), undefined, sw3Detail(0x41))
      : identityFromReadData(encodeReadData(demoResidents[id]), now());

  const place = (next: DemoResidentId | null): void => {
    const was = card !== null;
    card = next;
    if (was !== (card !== null)) for (const l of [...cardListeners]) l(card !== null);
    if (card) for (const w of [...waiters]) w();
  };

  return {
    ...device,
    kind: 'idReader',
    get card() {
      return card;
    },
    place,
    onCard(listener) {
      cardListeners.add(listener);
      return () => cardListeners.delete(listener);
    },
    read(signal) {
      return new Promise((resolve) => {
        const attempt = (): void => {
          if (!card) return;
          cleanup();
          const outcome = readCard(card);
          // The sample card goes back to the demo panel once read, as a resident takes theirs.
          place(null);
          resolve(outcome);
        };
        const onAbort = (): void => {
          cleanup();
          resolve(fault('cancelled', { 'zh-CN': '已取消读卡', en: 'Reading was cancelled' }));
        };
        const cleanup = (): void => {
          waiters.delete(attempt);
          signal?.removeEventListener('abort', onAbort);
        };
        if (signal?.aborted) return onAbort();
        signal?.addEventListener('abort', onAbort, { once: true });
        waiters.add(attempt);
        attempt();
      });
    },
    async close() {
      for (const w of [...waiters]) waiters.delete(w);
      cardListeners.clear();
      await device.close();
    },
  };
}

export function isSimulatedIdReader(port: DevicePort): port is SimulatedIdReader {
  return port.kind === 'idReader' && 'place' in port;
}
