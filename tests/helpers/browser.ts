// Headless Debian Chromium for browser tests. Playwright gives each launch a fresh temporary profile;
// the flags keep Chromium itself from phoning home, so a test can assert that nothing leaves the machine.
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Collects every request a page makes to a host other than the test server's. */
export function recordForeignRequests(page: Page, allowedOrigin: string): string[] {
  const foreign: string[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.protocol === 'data:' || url.protocol === 'blob:') return;
    if (url.origin !== allowedOrigin) foreign.push(request.url());
  });
  return foreign;
}
