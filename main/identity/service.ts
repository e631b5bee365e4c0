/**
 * The core's side of identification: one read request at a time races every configured
 * reader, and the answer goes back to the caller alone. Personal data never touches the event
 * bus (every UI in the hall hears the bus); only "a card arrived / left" does.
 */
import type { IdentityReader } from '../../drivers/identity-reader.js';
import type {
  DemoResidentId,
  EventData,
  IdentityReadResult,
  ResidentIdentity,
} from '../../common/contract/contract.js';
import { ContractError } from '../../common/contract/errors.js';
import { fault, type IdentityOutcome } from '../../common/identity/identity.js';

export interface IdentityService {
  read(timeoutMs: number): Promise<IdentityReadResult>;
  /**
   * The identity this kiosk's own reader last read, for the resident now at the screen: what
   * the core derives a ticket's priority from. Null once the session ended or it grew old.
   */
  held(): ResidentIdentity | null;
  /** The resident's session ended (kiosk.endSession): nothing read is held any longer. */
  forget(): void;
  /** Ends every waiting read with 'cancelled'; returns how many there were. */
  cancel(): number;
  /** Demo mode: put a sample card on the simulated reader. */
  demoCard(card: DemoResidentId | null): DemoResidentId | null;
  close(): void;
}

export interface IdentityServiceDeps {
  readers: IdentityReader[];
  publish: (data: EventData<'identity.card'>) => void;
  /** The simulated ID reader, in demo mode only. */
  demo?: { place(card: DemoResidentId | null): void; readonly card: DemoResidentId | null };
  now?: () => number;
}

/** Longer than any idle timeout: a session the page never ended is not held past this. */
const HELD_MS = 15 * 60_000;

export function createIdentityService(deps: IdentityServiceDeps): IdentityService {
  const pending = new Set<AbortController>();
  const now = deps.now ?? Date.now;
  let held: { identity: ResidentIdentity; at: number } | null = null;
  const unsubscribe = deps.readers.map((r) =>
    r.onCard((present) => deps.publish({ device: r.kind, present })),
  );

  return {
    async read(timeoutMs) {
      const usable = deps.readers.filter((r) => r.status().state !== 'absent');
      if (usable.length === 0) {
        return fault(
          'no-reader',
          { 'zh-CN': '本机没有可用的读卡器', en: 'No card reader is available on this kiosk' },
          { 'zh-CN': '请点击“手动输入身份证号”', en: 'Tap "Type the ID number"' },
        );
      }
      const ac = new AbortController();
      pending.add(ac);
      const timer = setTimeout(() => ac.abort('timeout'), timeoutMs);
      try {
        // The first reader to answer wins; the others are told to stop.
        const outcome = await firstAnswer(usable.map((r) => r.read(ac.signal)));
        if (!outcome.ok && outcome.fault.code === 'cancelled' && ac.signal.reason === 'timeout') {
          return fault('timeout', { 'zh-CN': '未检测到证件', en: 'No card was found' });
        }
        // Strip anything a driver added (timings): the contract's shape only.
        if (outcome.ok) held = { identity: outcome.identity, at: now() };
        return outcome.ok
          ? { ok: true, identity: outcome.identity }
          : { ok: false, fault: outcome.fault };
      } finally {
        clearTimeout(timer);
        ac.abort('done');
        pending.delete(ac);
      }
    },
    held() {
      if (held && now() - held.at > HELD_MS) held = null;
      return held?.identity ?? null;
    },
    forget() {
      held = null;
    },
    cancel() {
      const n = pending.size;
      for (const ac of pending) ac.abort('cancelled');
      return n;
    },
    demoCard(card) {
      if (!deps.demo) {
        throw new ContractError('FORBIDDEN', {
          'zh-CN': '仅演示模式可使用示例证件',
          en: 'Sample cards exist in demo mode only',
        });
      }
      deps.demo.place(card);
      return deps.demo.card;
    },
    close() {
      for (const ac of pending) ac.abort('cancelled');
      unsubscribe.forEach((u) => u());
    },
  };
}

/**
 * The first outcome, except that a reader which went away (`no-reader`) does not end the read
 * while another reader still waits for a card: only when every reader has gone is that the
 * answer (the first such fault, so the resident hears which one).
 */
function firstAnswer(reads: Promise<IdentityOutcome>[]): Promise<IdentityOutcome> {
  return new Promise((resolve, reject) => {
    const gone: IdentityOutcome[] = [];
    for (const read of reads) {
      read.then((o) => {
        if (!o.ok && o.fault.code === 'no-reader') {
          gone.push(o);
          if (gone.length === reads.length) resolve(gone[0]!);
        } else resolve(o);
      }, reject);
    }
  });
}
