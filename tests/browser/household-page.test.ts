// The household list and a household's own page on a phone, in Debian's chromium against the real
// server: masked by default, income against the line, an ID number unmasked with a reason, the
// poverty office's export form, and the admin's log of it all.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, saveScreenshot } from '../helpers/browser';
import { startTestServer, type TestServer } from '../helpers/server';
import { login } from '../helpers/session';

let server: TestServer;
let browser: Browser;

async function phoneAs(username: string): Promise<{ context: BrowserContext; page: Page }> {
  const session = await login((path, init) => fetch(`${server.url}${path}`, init), username);
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
  const [name, value] = session.cookie.split('=');
  await context.addCookies([{ name, value, url: server.url }]);
  return { context, page: await context.newPage() };
}

describe('household pages on a phone', () => {
  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('lists households masked, opens one with its income chart, unmasks an ID number with a reason; the admin sees it logged', async () => {
    const { context, page } = await phoneAs('fupin');
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(`${server.url}/households`);
    const rows = page.getByTestId('households-table').locator('tbody tr');
    await rows.first().waitFor();
    for (const head of await rows.locator('td:nth-child(2)').allTextContents()) expect(head.trim()).toMatch(/^.\*+.$/u);
    await page.getByTestId('personal-export').waitFor();

    await page.getByTestId('households-search').fill('1407211002000001');
    await page.getByTestId('households-search').press('Enter');
    await expect.poll(() => rows.count()).toBe(1);
    await page.getByTestId('household-link').first().tap();
    await page.waitForURL(/\/household\/1407211002000001$/);
    const card = page.getByTestId('household-card');
    await card.getByTestId('income-chart').waitFor();
    expect(await card.getByTestId('income-chart').locator('rect').count()).toBeGreaterThan(0);
    await page.getByTestId('household-monitoring').waitFor();
    const ids = card.getByTestId('member-id-number');
    for (const id of await ids.allTextContents()) expect(id.trim()).toMatch(/^140721\*{8}\d{3}[\dX]$/);
    // Nothing wider than the phone: tables scroll inside their boxes.
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);

    await card.getByTestId('unmask-reason').fill('入户核对身份信息');
    await card.getByTestId('unmask-id-number').first().tap();
    await expect.poll(async () => (await ids.first().textContent())?.trim(), { timeout: 10_000 }).toMatch(/^140721\d{11}[\dX]$/);
    await saveScreenshot(page, 'household-page-phone');
    expect(pageErrors).toEqual([]);
    await context.close();

    const admin = await phoneAs('admin');
    await admin.page.goto(`${server.url}/unmask-log`);
    const first = admin.page.getByTestId('unmask-log').locator('tbody tr').first();
    await first.waitFor();
    const text = await first.textContent();
    expect(text).toContain('fupin');
    expect(text).toContain('1407211002000001');
    expect(text).toContain('入户核对身份信息');
    expect(text).not.toMatch(/140721\d{11}[\dX]/);
    await admin.context.close();
  });
});
