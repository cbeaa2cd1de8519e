// A screen whose live connection silently stops (no FIN) notices from the missing heartbeat,
// says so in the header, reconnects, and gets what it missed meanwhile: here a problem logged
// on another machine appears in its ledger without a reload. A read sent down a connection that
// went silent is given up and the user told, rather than left waiting for minutes.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Problem } from '../../common/problems';
import type { VillageView } from '../../common/api';
import { READ_TIMEOUT_MS } from '../../web/src/api/silence-limit';
import { launchBrowser, saveScreenshot, waitForMapIdle } from '../helpers/browser';
import { startTestServer, type TestServer } from '../helpers/server';
import { login } from '../helpers/session';
import { startStallProxy, type StallProxy } from '../helpers/stall-proxy';

const HEARTBEAT_MS = 1_000;

let server: TestServer;
let proxy: StallProxy;
let browser: Browser;
let page: Page;

const liveStatus = () => page.getByTestId('live-indicator').getAttribute('data-status');

describe('a live connection that goes silent', () => {
  beforeAll(async () => {
    server = await startTestServer({ env: { LIVE_HEARTBEAT_MS: String(HEARTBEAT_MS) } });
    proxy = await startStallProxy(server.url);
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1200, height: 800 }, locale: 'zh-CN' });
    await page.goto(`${proxy.url}/problems`);
    await page.getByTestId('ledger-count').waitFor();
    await page.getByTestId('live-indicator').and(page.locator('[data-status="live"]')).waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await proxy?.close();
    await server?.stop();
  });

  it('is noticed within a few heartbeats, and the ledger catches up on reconnect', async () => {
    proxy.stall('live');
    const stalledAt = Date.now();
    const admin = await login((path, init) => fetch(`${server.url}${path}`, init), 'admin');
    const [village]: VillageView[] = await (await fetch(`${server.url}/api/villages?class=poor`)).json();
    const logged = await admin.send<Problem>('POST', '/api/problems', {
      entityType: 'village', entityId: village.code, title: '断线期间登记的问题', source: 'inspection', responsibleUnit: '县水利局', deadline: `${new Date().getFullYear() + 1}-12-31`,
    });
    expect(logged.status).toBe(201);

    // The header stops claiming live once the heartbeat is overdue...
    await page.waitForFunction(() => document.querySelector('[data-testid="live-indicator"]')?.getAttribute('data-status') !== 'live', undefined, {
      timeout: HEARTBEAT_MS * 6,
      polling: 100,
    });
    expect(Date.now() - stalledAt).toBeLessThan(HEARTBEAT_MS * 5);
    // ...reconnects, and the problem logged meanwhile is in the list.
    await page.getByTestId(`problem-${logged.body.id}`).waitFor({ timeout: 30_000 });
    expect(await liveStatus()).toBe('live');
    await saveScreenshot(page, 'live-reconnect-ledger');
  });

  it('gives up a search sent down a connection gone silent and says so, rather than wait for minutes', async () => {
    const map = await browser.newPage({ viewport: { width: 1200, height: 800 }, locale: 'zh-CN' });
    await map.goto(`${proxy.url}/`);
    await waitForMapIdle(map);
    const search = map.getByTestId('search-input');
    await search.fill('城关');
    await map.getByTestId('search-hit').first().waitFor();
    // Every connection goes silent, new ones too: both tries of the next search get nothing.
    proxy.stall('everything');
    const asked = Date.now();
    await search.fill('城关村');
    await map.getByTestId('error-toast').filter({ hasText: '没有应答' }).waitFor({ timeout: 2 * READ_TIMEOUT_MS + 10_000 });
    expect(Date.now() - asked).toBeGreaterThanOrEqual(READ_TIMEOUT_MS);
    await map.close();
  }, 90_000);
});
