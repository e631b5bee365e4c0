/**
 * Demo mode's city platform, loaded only when a demo asks for it: a source checkout has the
 * simulator (main/demo/platform.ts), the packaged app does not, and there the cases say the demo platform
 * could not start instead of the app failing.
 */
import type { DemoPlatform } from '../outbox/platform-link.js';

export const demoPlatform: DemoPlatform = async (config, dataDir, now) => {
  const { startDemoPlatform } = await import('../demo/platform.js');
  return startDemoPlatform(config, dataDir, now);
};
