// Office details at the desk: the header shows all eight figures on common office widths, dialogs
// hold the keyboard and Esc closes panels, an admin manages users in the page, anyone signed in
// changes their own password, and the file chooser speaks the portal's language.
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, saveScreenshot, waitForMapIdle } from '../helpers/browser';
import { signIn } from '../helpers/portal-actions';
import { startTestServer, type TestServer } from '../helpers/server';
import { login } from '../helpers/session';

let server: TestServer;
let browser: Browser;
let page: Page;

describe('office details', () => {
  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1366, height: 800 }, locale: 'zh-CN' });
    await page.goto(server.url);
    await waitForMapIdle(page);
  });

  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail') await saveScreenshot(page, `office-details-failed-${task.name.slice(0, 40)}`);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows all eight header figures from 1366 to 1600 px, in both languages', async () => {
    for (const language of ['zh-CN', 'en']) {
      if (language === 'en') await page.getByTestId('language-switch').click();
      for (const width of [1366, 1440, 1536, 1600]) {
        await page.setViewportSize({ width, height: 800 });
        const shown = await page.evaluate(() =>
          [...document.querySelectorAll<HTMLElement>('[data-testid="kpi-strip"] .kpi')].filter((kpi) => {
            const r = kpi.getBoundingClientRect();
            const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
            return r.width > 0 && r.right <= innerWidth && !!hit && kpi.contains(hit);
          }).length,
        );
        expect(shown, `${language} at ${width} px`).toBe(8);
      }
    }
    await page.getByTestId('language-switch').click();
  });

  it('holds the keyboard in the sign-in dialog, and Esc closes it and then a panel', async () => {
    await page.getByTestId('login-open').click();
    for (let i = 0; i < 8; i++) {
      await page.keyboard.press(i % 3 === 2 ? 'Shift+Tab' : 'Tab');
      expect(await page.evaluate(() => !!document.activeElement?.closest('[role="dialog"]')), `focus after key ${i + 1}`).toBe(true);
    }
    await page.keyboard.press('Escape');
    await page.getByTestId('login-dialog').waitFor({ state: 'detached' });
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('login-open');

    await page.getByTestId('crumb-county').click();
    await page.getByTestId('county-overview').waitFor();
    await page.keyboard.press('Escape');
    await page.getByTestId('county-overview').waitFor({ state: 'detached' });
  });

  it('lets an admin create, disable and reset a user in the users page', async () => {
    await signIn(page, 'admin');
    await page.getByTestId('nav-users').click();
    await page.getByTestId('users-table').waitFor();
    await page.getByTestId('user-xiangzhen').waitFor();
    expect(await page.getByTestId('user-xiangzhen').textContent()).toContain('箕城镇');

    await page.getByTestId('user-new-username').fill('li.si');
    await page.getByTestId('user-new-name').fill('李四');
    await page.getByTestId('user-new-role').selectOption('township_cadre');
    await page.getByTestId('user-new-township').selectOption({ index: 2 });
    await page.getByTestId('user-new-password').fill('lisi2026');
    await expect(page.getByTestId('user-new-password-problems').textContent()).resolves.toContain('密码至少12位');
    await page.getByTestId('user-new-password').fill('Township-Cadre-2026');
    expect(await page.getByTestId('user-new-password-problems').count()).toBe(0);
    await page.getByTestId('user-new-save').click();
    await page.getByTestId('user-li.si').waitFor();
    await login((p, i) => fetch(server.url + p, i), 'li.si', 'Township-Cadre-2026');

    await page.getByTestId('user-toggle-li.si').click();
    await page.getByTestId('user-li.si').filter({ hasText: '已停用' }).waitFor();
    await expect(login((p, i) => fetch(server.url + p, i), 'li.si', 'Township-Cadre-2026')).rejects.toThrow(/401/);
    await page.getByTestId('user-toggle-li.si').click();
    await page.getByTestId('user-li.si').filter({ hasText: '启用' }).waitFor();

    await page.getByTestId('user-reset-li.si').click();
    await page.getByTestId('user-reset-password').fill('Another-Cadre-2027');
    await page.getByTestId('user-reset-save').click();
    await page.getByTestId('user-reset-dialog').waitFor({ state: 'detached' });
    await login((p, i) => fetch(server.url + p, i), 'li.si', 'Another-Cadre-2027');
    await page.getByTestId('logout').click();
    await page.getByTestId('login-open').waitFor();
    expect(await page.getByTestId('nav-users').count()).toBe(0);
  });

  it('lets anyone signed in change their own password', async () => {
    await signIn(page, 'fupin');
    await page.getByTestId('session-user').click();
    await page.getByTestId('password-current').fill('fupin123');
    await page.getByTestId('password-new').fill('Poverty-Office-2026');
    await page.getByTestId('password-repeat').fill('Poverty-Office-2026');
    await page.getByTestId('password-save').click();
    await page.getByTestId('password-changed').waitFor();
    await page.keyboard.press('Escape');
    await page.getByTestId('password-dialog').waitFor({ state: 'detached' });
    await login((p, i) => fetch(server.url + p, i), 'fupin', 'Poverty-Office-2026');
  });

  it('chooses files with a button in the portal’s language', async () => {
    await page.getByTestId('logout').click();
    await signIn(page, 'admin');
    await page.getByTestId('nav-import').click();
    const chooser = page.locator('label.file-button').first();
    await expect(chooser.textContent()).resolves.toContain('选择文件');
    await page.getByTestId('language-switch').click();
    await expect(chooser.textContent()).resolves.toContain('Choose a file');
    await page.getByTestId('import-villages-file').setInputFiles({ name: 'villages.csv', mimeType: 'text/csv', buffer: Buffer.from('code\n') });
    await expect(chooser.textContent()).resolves.toContain('villages.csv');
    await page.getByTestId('language-switch').click();
  });
});
