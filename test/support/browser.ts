/** Debian's chromium for browser tests and benchmarks: never a downloaded browser. */
import { chromium, type Browser, type Page } from 'playwright-core';

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

/** A zh-CN touch page in its own context at `url`; page errors go to the test's output. */
export async function openTouchPage(
  browser: Browser,
  url: string,
  viewport: { width: number; height: number },
): Promise<Page> {
  const context = await browser.newContext({ viewport, locale: 'zh-CN', hasTouch: true });
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error(`${url}: ${e.message}`));
  await page.goto(url);
  return page;
}
