// The wall through an outage: the connection drops, and the screen keeps its figures with no error
// in front of the audience, only a quiet mark and the time of its last good data; it is back
// within a couple of seconds of the link returning.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, waitForMapIdle } from '../helpers/browser';
import { openScreen } from '../helpers/screen';
import { startTestServer, type TestServer } from '../helpers/server';
import { startStallProxy, type StallProxy } from '../helpers/stall-proxy';

const HEARTBEAT_MS = 1000;
let server: TestServer;
let proxy: StallProxy;
let browser: Browser;

describe('the wall in bad times', () => {
  beforeAll(async () => {
    server = await startTestServer({ env: { LIVE_HEARTBEAT_MS: String(HEARTBEAT_MS) } });
    proxy = await startStallProxy(server.url);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await proxy?.close();
    await server?.stop();
  });

  it('keeps its figures through an outage, says how old they are, and comes back quickly', async () => {
    const page = await openScreen(browser, proxy.url, { width: 1600, height: 900 }, 600);
    await waitForMapIdle(page);
    const mark = page.getByTestId('data-as-of');
    await page.locator('[data-testid="data-as-of"][data-status="live"]').waitFor();
    expect(await mark.textContent()).toMatch(/数据截至 \d\d:\d\d/);
    // The panels' figures, not the clock and the data time in the header.
    const figures = () =>
      page.evaluate(() =>
        [...document.querySelectorAll('.screen > :not(.screen-header)')].map((el) => el.textContent.match(/[\d,.]+%?/g)?.join(' ')).join(' '),
      );
    const before = await figures();

    // The cable is pulled: the open connection goes silent, new ones fail.
    proxy.stall();
    await page.context().setOffline(true);
    await page.locator('[data-testid="data-as-of"][data-status="offline"]').waitFor({ timeout: 15_000 });
    // A panel refetching figures meanwhile fails quietly.
    await page.evaluate(() => fetch('/api/stats/summary').catch(() => null));
    await page.waitForTimeout(1500);
    expect(await page.getByTestId('error-toast').count()).toBe(0);
    expect(await page.locator('[role="alert"]').count()).toBe(0);
    expect(await mark.textContent()).toMatch(/数据截至 \d\d:\d\d/);
    expect(await page.locator('.screen').textContent()).not.toContain('…');

    await page.context().setOffline(false);
    const back = Date.now();
    await page.locator('[data-testid="data-as-of"][data-status="live"]').waitFor({ timeout: 15_000 });
    // Offline for a few seconds, the backoff has not grown past a few seconds.
    expect(Date.now() - back).toBeLessThan(10_500);
    expect(await figures()).toBe(before);
    await page.close();
  }, 90_000);
});
