// Big-screen mode on a 3840×2160 wall: the same layout scaled up, not a 1080p page lost in a corner
// (screenshot in tests/artifacts/). Its own file: a 4K map drawn in software takes a while.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, saveScreenshot, waitForMapIdle } from '../helpers/browser';
import { expectFitsTheScreen, num, openScreen, summaryIn, textOf } from '../helpers/screen';
import { startTestServer, type TestServer } from '../helpers/server';

let server: TestServer;
let browser: Browser;
let page: Page;

describe('big screen at 3840×2160', () => {
  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    page = await openScreen(browser, server.url, { width: 3840, height: 2160 }, 600);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('fills the screen with its text and its map scaled up for the room', async () => {
    await expectFitsTheScreen(page);
    const s = await summaryIn(page);
    expect(await textOf(page, 'kpi-exited')).toBe(num(s.villages.exited));
    // The map is drawn at 1/k of its box and scaled k times, with k times the pixels to stay sharp.
    const map = await page.evaluate(() => {
      const canvas = window.__map!.getCanvas();
      return { drawnWidth: canvas.width, cssWidth: canvas.clientWidth, shownWidth: canvas.getBoundingClientRect().width };
    });
    expect(map.shownWidth / map.cssWidth).toBeCloseTo(2.4, 1);
    expect(map.drawnWidth).toBeCloseTo(map.shownWidth, -1);

    await waitForMapIdle(page);
    await saveScreenshot(page, 'screen-3840x2160');
  });
});
