// The setup page of a production portal in Debian's chromium: county search by Chinese name, the
// shared password rule as you type, the token from the log, then the county's own portal.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, recordForeignRequests, saveScreenshot, waitForMapIdle } from '../helpers/browser';
import { startTestServer, type TestServer } from '../helpers/server';

let server: TestServer;
let browser: Browser;
let page: Page;
let foreignRequests: string[];

describe('setup page', () => {
  beforeAll(async () => {
    server = await startTestServer({ env: { FUPIN_MODE: 'production' } });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    foreignRequests = recordForeignRequests(page, new URL(server.url).origin);
    await page.goto(`${server.url}/`);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('finds 驿城区 by name and shows the password problems of the shared rule', async () => {
    await page.getByTestId('setup-county-search').fill('驿城区');
    await page.getByTestId('setup-county-hits').getByRole('button', { name: /驿城区/ }).click();
    expect(await page.getByTestId('setup-county-chosen').textContent()).toContain('411702');
    await page.getByTestId('setup-username').fill('wang.li');
    await page.getByTestId('setup-password').fill('wang.li2026');
    const problems = await page.getByTestId('setup-password-problems').textContent();
    expect(problems).toContain('密码至少12位');
    expect(problems).toContain('不能包含用户名');
    expect(await page.getByTestId('setup-submit').isDisabled()).toBe(true);
  });

  it('sets up with the token from the log and opens the county’s portal', async () => {
    const token = /setup token (\S+)/.exec(server.output())![1];
    await page.getByTestId('setup-password').fill('Yicheng-Office-2026');
    await page.getByTestId('setup-token').fill(token);
    await saveScreenshot(page, 'setup-page');
    await page.getByTestId('setup-submit').click();
    await page.getByTestId('setup-done').waitFor({ timeout: 60_000 });
    await page.waitForURL(`${server.url}/`);
    await waitForMapIdle(page);
    const county = await page.evaluate(() => fetch('/api/county').then((r) => r.json()));
    expect(county).toMatchObject({ code: '411702', name: '驿城区', demo: false });
    expect(foreignRequests).toEqual([]);
  }, 120_000);
});
