/**
 * A resident's card on this core's simulated ID reader (the device boundary), read through the
 * core's own identity.read as the kiosk's window reads it: the core then holds the card for the
 * session, which a resident's cases and appointments need.
 */
import type { Core } from '../../main/core/core.js';
import { isSimulatedIdReader } from '../../drivers/id-card/simulated-id-reader.js';
import type { DemoResidentId } from '../../common/contract/contract.js';

const WINDOW = { transport: 'ipc' as const, peer: 'app://kiosk/index.html' };

export async function holdCard(core: Core, sample: DemoResidentId = 'elder'): Promise<void> {
  const reader = core.devices.find(isSimulatedIdReader);
  if (!reader) throw new Error('this core has no simulated ID reader to place a card on');
  reader.place(sample);
  const reply = await core.dispatcher.dispatch('identity.read', { timeoutMs: 2000 }, WINDOW);
  if (!reply.ok || !(reply.result as { ok: boolean }).ok)
    throw new Error(`the card was not read: ${JSON.stringify(reply)}`);
}
