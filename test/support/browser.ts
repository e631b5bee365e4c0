/** Debian's chromium for browser tests and benchmarks: never a downloaded browser. */
import { chromium, type Browser } from 'playwright-core';

// Without the background-networking flags chromium keeps dialling out, which this closed
// network refuses; as root it needs --no-sandbox.
export const browserArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: browserArgs });
}
