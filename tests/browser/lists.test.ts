// 列表: a list per layer, filtered and sorted by column; a row flies to its feature on the map and
// opens its panel; on a phone the rows are big enough for a finger.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VillageView } from '../../common/api';
import type { Project } from '../../common/domain';
import { launchBrowser, openPortalPage, waitForMapIdle, type PortalPage } from '../helpers/browser';
import { login } from '../helpers/session';
import { touchOffenders } from '../helpers/touch-targets';

let portal: PortalPage;

const cellTexts = (column: number) =>
  portal.page.$$eval(`[data-testid=list-row] td:nth-child(${column})`, (cells) => cells.map((c) => c.textContent.trim()));

describe('the lists page', () => {
  beforeAll(async () => {
    portal = await openPortalPage('/');
    await portal.page.getByTestId('nav-lists').click();
    await portal.page.getByTestId('list-row').first().waitFor();
  });
  afterAll(() => portal?.close());

  it('filters villages by exit status and township and sorts them by a column', async () => {
    const { page, server } = portal;
    const villages: VillageView[] = await (await fetch(`${server.url}/api/villages`)).json();
    await expect.poll(() => page.getByTestId('list-row').count()).toBe(villages.length);

    await page.getByTestId('lists-exit-status').selectOption('exited');
    const exited = villages.filter((v) => v.exitStatus === 'exited');
    await expect.poll(() => page.getByTestId('list-row').count()).toBe(exited.length);
    expect(new Set(await cellTexts(4))).toEqual(new Set(['已退出']));

    const township = exited[0].townshipCode;
    await page.getByTestId('lists-township').selectOption(township);
    await expect.poll(() => page.getByTestId('list-row').count()).toBe(exited.filter((v) => v.townshipCode === township).length);

    await page.getByTestId('lists-exit-status').selectOption('');
    await page.getByTestId('lists-township').selectOption('');
    // 贫困发生率, highest first on the first click, lowest first on the second.
    await page.getByTestId('list-sort-incidence').locator('button').click();
    const highest = Math.max(...villages.map((v) => v.povertyIncidence ?? -1));
    const top = villages.find((v) => v.povertyIncidence === highest)!;
    await expect.poll(async () => (await cellTexts(1))[0]).toBe(top.name);
    expect(await page.getByTestId('list-sort-incidence').getAttribute('aria-sort')).toBe('descending');
    await page.getByTestId('list-sort-incidence').locator('button').click();
    expect(await page.getByTestId('list-sort-incidence').getAttribute('aria-sort')).toBe('ascending');
    await expect.poll(async () => (await cellTexts(1))[0]).not.toBe(top.name);
  });

  it('filters projects by kind and status, and a row flies to the project and opens its panel', async () => {
    const { page, server } = portal;
    const projects: Project[] = await (await fetch(`${server.url}/api/projects`)).json();
    await page.getByTestId('lists-layer-projects').click();
    await page.getByTestId('lists-kind').selectOption('road');
    await page.getByTestId('lists-project-status').selectOption('under_construction');
    const wanted = projects.filter((p) => p.kind === 'road' && p.status === 'under_construction');
    expect(wanted.length).toBeGreaterThan(0);
    await expect.poll(() => page.getByTestId('list-row').count()).toBe(wanted.length);
    expect(new Set(await cellTexts(4))).toEqual(new Set(['在建']));

    const name = (await cellTexts(1))[0];
    const project = wanted.find((p) => p.name === name)!;
    await page.getByTestId('list-row').first().click();
    await page.waitForURL((url) => url.pathname === '/');
    await page.getByTestId('panel-title').filter({ hasText: name }).waitFor();
    await waitForMapIdle(page);
    const [lon, lat] = project.geometry.type === 'Point' ? project.geometry.coordinates : project.geometry.coordinates[0];
    expect(await page.evaluate(([x, y]) => window.__map!.getBounds().contains([x, y]), [lon, lat])).toBe(true);
    expect(await page.evaluate(() => window.__map!.getZoom())).toBeGreaterThan(10);
  });

  it('lists sites below the occupancy target and open problems as they are logged, a problem opening in the ledger', async () => {
    const { page, server } = portal;
    await page.getByTestId('nav-lists').click();
    await page.getByTestId('lists-layer-sites').click();
    await page.getByTestId('list-row').first().waitFor();
    const all = await page.getByTestId('list-row').count();
    await page.getByTestId('lists-below-target').check();
    await expect.poll(() => page.getByTestId('list-row').count()).toBeLessThan(all);
    for (const rate of await cellTexts(5)) expect(Number.parseFloat(rate)).toBeLessThan(90);

    await page.getByTestId('lists-layer-problems').click();
    await page.getByTestId('lists-problems-all').click();
    await expect.poll(() => page.getByTestId('lists-count').textContent()).toContain('共');
    // Logged on another screen: the open list picks it up from the live feed.
    const admin = await login((path, init) => fetch(`${server.url}${path}`, init), 'admin');
    const [village]: VillageView[] = await (await fetch(`${server.url}/api/villages`)).json();
    const title = '列表测试：护栏缺失';
    const logged = await admin.send('POST', '/api/problems', {
      entityType: 'village', entityId: village.code, title, source: 'inspection', responsibleUnit: '县交通局', deadline: `${new Date().getFullYear() + 1}-06-30`,
    });
    expect(logged.status).toBe(201);
    const row = page.getByTestId('list-row').filter({ hasText: title });
    await row.waitFor();
    await page.getByTestId('lists-problems-overdue').click();
    await expect.poll(() => row.count()).toBe(0);
    await page.getByTestId('lists-problems-open').click();
    await row.click();
    await page.waitForURL((url) => url.pathname === '/problems');
    await page.getByTestId('ledger').getByText(title).first().waitFor();
  });

  it('gives a finger rows and filters of at least 44 px on a phone', async () => {
    const browser = await launchBrowser();
    try {
      const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'zh-CN' });
      const phone = await context.newPage();
      await phone.goto(`${portal.server.url}/lists`);
      await phone.getByTestId('list-row').first().waitFor();
      const heights = await phone.$$eval('[data-testid=list-row]', (rows) => rows.slice(0, 5).map((r) => r.getBoundingClientRect().height));
      for (const h of heights) expect(h).toBeGreaterThanOrEqual(44);
      const { small } = await touchOffenders(phone);
      expect(small).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
