// Headless Debian Chromium for browser tests. Playwright gives each launch a fresh temporary profile;
// the flags keep Chromium itself from phoning home, so a test can assert that nothing leaves the machine.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { REPO_ROOT, startTestServer, type TestServer } from './server';

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

/**
 * Idle: style and tiles loaded, the dynamic villages source included, and no camera animation
 * running. `sources`: only these need to be loaded (a test about one layer need not wait for all).
 */
export async function waitForMapIdle(page: Page, sources?: string[]): Promise<void> {
  await page
    .waitForFunction(
      (only) => {
        const map = window.__map;
        if (!map || map.isMoving()) return false;
        if (only) return map.isStyleLoaded() && only.every((id) => map.isSourceLoaded(id));
        return map.loaded() && map.isSourceLoaded('villages');
      },
      sources ?? null,
      // Ten looks a second, not one per animation frame: cheaper for the renderer the test waits on.
      { timeout: 30_000, polling: 100 },
    )
    .catch(async (e: Error) => {
      throw new Error(`${e.message}\nthe map then: ${await mapBusyWith(page)}`);
    });
}

/** What keeps a map from idling: for a failed wait to say which source was still loading. */
function mapBusyWith(page: Page): Promise<string> {
  return page
    .evaluate(() => {
      const map = window.__map;
      if (!map) return 'no map';
      const style = map.getStyle();
      const busy = Object.keys(style?.sources ?? {}).filter((id) => !map.isSourceLoaded(id));
      return JSON.stringify({ styleLoaded: map.isStyleLoaded(), moving: map.isMoving(), sourcesLoading: busy, online: navigator.onLine });
    })
    .catch((e: Error) => `unknown (${e.message})`);
}

/** Screenshots of a test run land in tests/artifacts/ (git-ignored) for a person to look at. */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  const dir = join(REPO_ROOT, 'tests/artifacts');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${name}.png`);
  await page.screenshot({ path });
  return path;
}

export interface PortalPage {
  server: TestServer;
  page: Page;
  /** Requests the page made to other hosts: there must be none. */
  foreignRequests: string[];
  /** Errors the page threw, from its first load on: there must be none. */
  pageErrors: string[];
  close(): Promise<void>;
}

/** The real server and one browser page on `path` of it, with its map drawn and idle. */
/** `env`: the server's, e.g. COUNTY_CODE of another area. */
export async function openPortalPage(path: string, viewport = { width: 1440, height: 900 }, env: Record<string, string> = {}): Promise<PortalPage> {
  const server = await startTestServer({ env });
  const browser = await launchBrowser().catch(async (e) => {
    await server.stop();
    throw e;
  });
  const close = async () => {
    await browser.close();
    await server.stop();
  };
  const page = await browser.newPage({ viewport });
  const foreignRequests = recordForeignRequests(page, new URL(server.url).origin);
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(server.url + path);
  await waitForMapIdle(page);
  return { server, page, foreignRequests, pageErrors, close };
}
