// The map's search box finds projects by type and relocation sites, and a pick flies to the
// feature and opens its panel.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SiteView } from '../../common/api';
import { openPortalPage, waitForMapIdle, type PortalPage } from '../helpers/browser';

let portal: PortalPage;

describe('search for everything on the map page', () => {
  beforeAll(async () => {
    portal = await openPortalPage('/');
  });
  afterAll(() => portal?.close());

  it('finds bridges by their type and opens the one picked', async () => {
    const { page } = portal;
    await page.getByTestId('search-input').fill('危桥');
    await page.getByTestId('search-results').waitFor();
    const hits = page.getByTestId('search-hit');
    await hits.first().waitFor();
    expect(await hits.first().textContent()).toContain('项目');
    expect(await hits.first().textContent()).toContain('危桥改造');
    const name = (await hits.first().locator('.name').textContent())!.trim();
    await hits.first().dispatchEvent('mousedown');
    await page.getByTestId('panel-title').filter({ hasText: name }).waitFor();
    await waitForMapIdle(page);
  });

  it('finds a relocation site by name and flies to it', async () => {
    const { page, server } = portal;
    const [site]: SiteView[] = await (await fetch(`${server.url}/api/sites`)).json();
    await page.getByTestId('search-input').fill(site.name);
    const hit = page.getByTestId('search-hit').filter({ hasText: '安置点' }).first();
    await hit.waitFor();
    await hit.dispatchEvent('mousedown');
    await page.getByTestId('panel-title').filter({ hasText: site.name }).waitFor();
    await waitForMapIdle(page);
    const inView = await page.evaluate(([lon, lat]) => window.__map!.getBounds().contains([lon, lat]), [site.lon, site.lat]);
    expect(inView).toBe(true);
  });
});
