// The relocation dashboard in Debian's chromium against the real server: every site with its
// occupancy, the county totals of the API, the sites below target marked, one flow line per origin
// village on the map, a site in focus on the map, and a site edited elsewhere updated without a reload.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SiteView, Summary, VillageView } from '../../common/api';
import { indicatorsBelowTarget, SITE_INDICATOR_KEYS } from '../../common/indicators';
import { openPortalPage, saveScreenshot, waitForMapIdle, type PortalPage } from '../helpers/browser';
import type { TestServer } from '../helpers/server';
import { login } from '../helpers/session';

// The dashboard's formats (web/src/i18n/format.ts) in its default language.
const num = (n: number) => n.toLocaleString('zh-CN');
const pct = (r: number | null) => `${(r! * 100).toFixed(1)}%`;

let portal: PortalPage;
let server: TestServer;
let page: Page;
let foreignRequests: string[];
let sites: SiteView[];

const api = async <T>(path: string): Promise<T> => (await fetch(`${server.url}${path}`)).json() as Promise<T>;
const text = async (testId: string, within: Page | ReturnType<Page['locator']> = page) =>
  (await within.getByTestId(testId).first().textContent())?.replace(/\s+/g, ' ').trim();
const row = (id: number) => page.locator(`[data-testid=site-row][data-site-id="${id}"]`);

/** Flow lines drawn on the map, once each: a line crossing tile borders comes back once per tile. */
const renderedFlows = () =>
  page.evaluate(() => [
    ...new Set(window.__map!.queryRenderedFeatures({ layers: ['flow-line'] }).map((f) => `${f.properties.siteId}:${f.properties.villageCode}`)),
  ]);

describe('relocation dashboard', () => {
  beforeAll(async () => {
    portal = await openPortalPage('/relocation');
    ({ server, page, foreignRequests } = portal);
    sites = await api<SiteView[]>('/api/sites');
    await page.waitForFunction(() => window.__map!.isSourceLoaded('flows'));
  });

  afterAll(() => portal?.close());

  it('lists every site with households and persons moved in against plan', async () => {
    expect(await page.getByTestId('site-row').count()).toBe(sites.length);
    for (const site of sites) {
      expect(await text('site-name', row(site.id))).toBe(site.name);
      expect(await text('site-households', row(site.id))).toBe(`${num(site.movedHouseholds)} / ${num(site.plannedHouseholds)}`);
      expect(await text('site-persons', row(site.id))).toBe(`${num(site.movedPersons)} / ${num(site.plannedPersons)}`);
      for (const key of SITE_INDICATOR_KEYS) expect(await text(`site-${key}`, row(site.id))).toBe(pct(site.indicators[key]));
    }
  });

  it('lists the lowest occupancy first and sorts by the column clicked, reversing on a second click', async () => {
    const order = () => page.getByTestId('site-row').evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-site-id'))));
    const by = (key: 'occupancyRate' | 'demolitionRate') =>
      [...sites].sort((a, b) => a.indicators[key]! - b.indicators[key]!).map((s) => s.id);
    expect(await order()).toEqual(by('occupancyRate'));
    const demolition = page.getByRole('button', { name: /拆除复垦/ });
    await demolition.click();
    expect(await order()).toEqual(by('demolitionRate'));
    await demolition.click();
    expect(await order()).toEqual(by('demolitionRate').reverse());
  });

  it('shows the county totals of the summary', async () => {
    const { relocation } = await api<Summary>('/api/stats/summary');
    expect(await text('total-sites')).toBe(`${relocation.sites} 个`);
    expect(await text('total-households')).toContain(`已入住 ${num(relocation.movedHouseholds)} / 计划 ${num(relocation.plannedHouseholds)}`);
    expect(await text('total-persons')).toContain(`已入住 ${num(relocation.movedPersons)} / 计划 ${num(relocation.plannedPersons)}`);
    for (const key of SITE_INDICATOR_KEYS) {
      expect(await text('total-value', page.getByTestId(`total-${key}`))).toBe(pct(relocation.indicators[key]));
    }
  });

  it('highlights exactly the sites below target', async () => {
    const below = sites.filter((s) => indicatorsBelowTarget(s.indicators).length > 0).map((s) => String(s.id));
    expect(below.length).toBeGreaterThan(0);
    expect(below.length).toBeLessThan(sites.length);
    const highlighted = await page.locator('[data-testid=site-row].below-target').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-site-id')));
    expect(highlighted.sort()).toEqual(below.sort());
    expect(await text('total-below-target')).toBe(`${below.length} 个未达标`);
  });

  it('draws one flow line from each origin village to its site', async () => {
    const expected = sites.flatMap((s) => s.originVillages.map((code) => `${s.id}:${code}`));
    expect(expected.length).toBeGreaterThan(sites.length);
    expect((await renderedFlows()).sort()).toEqual(expected.sort());
    await saveScreenshot(page, 'relocation');
  });

  it('puts a hovered site in focus on the map and frames a clicked one with its origin villages', async () => {
    const site = sites.find((s) => indicatorsBelowTarget(s.indicators).length > 0)!;
    await row(site.id).hover();
    const focus = () =>
      page.evaluate((id) => ({
        global: window.__map!.getGlobalState().focusSite,
        feature: window.__map!.getFeatureState({ source: 'sites', sourceLayer: 'sites', id }).selected,
      }), site.id);
    expect(await focus()).toEqual({ global: site.id, feature: true });

    await row(site.id).click();
    await page.mouse.move(0, 0);
    await waitForMapIdle(page);
    const origins = await Promise.all(site.originVillages.map((code) => api<VillageView>(`/api/villages/${code}`)));
    const listed = await page.getByTestId('site-origins').locator('.origin').allTextContents();
    expect(listed.map((name) => name.trim())).toEqual(origins.map((v) => v.name));
    const flowsOfSite = (await renderedFlows()).filter((f) => f.startsWith(`${site.id}:`));
    expect(flowsOfSite).toHaveLength(site.originVillages.length);
    expect(await focus()).toEqual({ global: site.id, feature: true });
    await saveScreenshot(page, 'relocation-site');
  });

  it('updates a site edited elsewhere without a reload', async () => {
    const site = sites.find((s) => s.movedHouseholds + 2 <= s.completedHouseholds)!;
    const staff = await login((path, init) => fetch(`${server.url}${path}`, init), 'banqian');
    const saved = await staff.send('PATCH', `/api/sites/${site.id}`, {
      version: site.version,
      movedHouseholds: site.movedHouseholds + 2,
      movedPersons: site.movedPersons + 5,
      // A change of moved-in households states the stable and demolished counts with it.
      stableHouseholds: site.stableHouseholds,
      demolishedHouseholds: site.demolishedHouseholds,
    });
    expect(saved.status).toBe(200);
    const expected = `${num(site.movedHouseholds + 2)} / ${num(site.plannedHouseholds)}`;
    await page.waitForFunction(
      ({ id, text }) => document.querySelector(`[data-site-id="${id}"] [data-testid=site-households]`)?.textContent?.trim() === text,
      { id: site.id, text: expected },
      { timeout: 10_000 },
    );
    const { relocation } = await api<Summary>('/api/stats/summary');
    expect(await text('total-households')).toContain(`已入住 ${num(relocation.movedHouseholds)} / 计划 ${num(relocation.plannedHouseholds)}`);
  });

  it('made no request to another host', () => {
    expect(foreignRequests).toEqual([]);
  });
});
