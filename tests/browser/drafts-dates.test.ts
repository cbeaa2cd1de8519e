// Unsaved input kept as a draft of its record: it survives a reload, is restored when the same
// record's form opens again, is only offered when the record changed meanwhile, and is gone once
// saved. Date and month fields speak the UI language, in their text and in their calendar.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SiteView } from '../../common/api';
import { openPortalPage, waitForMapIdle, type PortalPage } from '../helpers/browser';

let portal: PortalPage;
let site: SiteView;

async function logIn(page: Page): Promise<void> {
  await page.getByTestId('login-open').click();
  await page.getByTestId('login-username').fill('admin');
  await page.getByTestId('login-password').fill('admin123');
  await page.getByTestId('login-submit').click();
  await page.getByTestId('session-user').waitFor();
}

/** Through the lists page to the site's panel on the map, and its edit form. */
async function openSiteForm(page: Page): Promise<void> {
  await page.getByTestId('nav-lists').click();
  await page.getByTestId('lists-layer-sites').click();
  await page.getByTestId('list-row').filter({ hasText: site.name }).click();
  await page.getByTestId('panel-title').filter({ hasText: site.name }).waitFor();
  await page.getByTestId('edit-site').click();
  await page.getByTestId('edit-form').waitFor();
}

const draftKeys = (page: Page) => page.evaluate(() => Object.keys(sessionStorage).filter((k) => k.startsWith('fupin.draft.')));

describe('drafts and dates', () => {
  beforeAll(async () => {
    portal = await openPortalPage('/');
    [site] = await (await fetch(`${portal.server.url}/api/sites`)).json();
    await logIn(portal.page);
  });
  afterAll(() => portal?.close());

  it('keeps a site form as a draft through a reload, restores it on reopening and clears it on save', async () => {
    const { page } = portal;
    await openSiteForm(page);
    await page.getByTestId('site-plannedPersons').fill(String(site.plannedPersons + 7));
    await page.getByTestId('edit-note').fill('草稿：核对后补录');
    await expect.poll(() => draftKeys(page)).toEqual([`fupin.draft.site.${site.id}`]);

    await page.reload();
    await waitForMapIdle(page);
    await openSiteForm(page);
    expect(await page.getByTestId('site-plannedPersons').inputValue()).toBe(String(site.plannedPersons + 7));
    expect(await page.getByTestId('edit-note').inputValue()).toBe('草稿：核对后补录');
    expect(await page.getByTestId('draft-offer').count()).toBe(0);

    await page.getByTestId('edit-save').click();
    await page.getByTestId('edit-saved').waitFor();
    expect(await draftKeys(page)).toEqual([]);
    const saved: SiteView = await (await fetch(`${portal.server.url}/api/sites/${site.id}`)).json();
    expect(saved.plannedPersons).toBe(site.plannedPersons + 7);
    site = saved;

    await page.getByTestId('edit-site').click();
    expect(await page.getByTestId('edit-note').inputValue()).toBe('');
  });

  it('offers, and does not apply, a draft typed against an older version of the record; cancel drops it', async () => {
    const { page } = portal;
    await page.getByTestId('edit-cancel').click();
    await page.evaluate(
      ({ id, version }) =>
        sessionStorage.setItem(`fupin.draft.site.${id}`, JSON.stringify({ version, fields: { model: { plannedPersons: 1 }, note: '旧草稿' } })),
      { id: site.id, version: site.version - 1 },
    );
    await page.getByTestId('edit-site').click();
    await page.getByTestId('draft-offer').waitFor();
    expect(await page.getByTestId('edit-note').inputValue()).toBe('');
    await page.getByTestId('draft-restore').click();
    expect(await page.getByTestId('edit-note').inputValue()).toBe('旧草稿');
    expect(await page.getByTestId('site-plannedPersons').inputValue()).toBe('1');
    await page.getByTestId('edit-note').press('Escape');
    await page.getByTestId('edit-form').waitFor({ state: 'detached' });
    expect(await draftKeys(page)).toEqual([]);
  });

  it('shows dates and months in English, with an English calendar, when the UI is in English', async () => {
    const { page } = portal;
    await page.evaluate(() => localStorage.setItem('fupin.locale', 'en'));
    await page.goto(`${portal.server.url}/bulletin`);
    const month = page.getByTestId('bulletin-month');
    await expect.poll(() => month.inputValue()).toMatch(/^(January|February|March|April|May|June|July|August|September|October|November|December) \d{4}$/);

    await page.goto(`${portal.server.url}/problems`);
    await page.getByTestId('problem-new').click();
    const deadline = page.getByTestId('problem-deadline');
    expect(await deadline.inputValue()).toMatch(/^\d{1,2} [A-Z][a-z]{2} \d{4}$/);

    // The calendar opens from the keyboard, in English, and a day is picked with the arrows.
    await deadline.focus();
    await deadline.press('ArrowDown');
    const calendar = page.getByTestId('date-calendar');
    await calendar.waitFor();
    expect(await calendar.getByTestId('date-heading').textContent()).toMatch(/^[A-Z][a-z]+ \d{4}$/);
    expect(await calendar.getByTestId('date-weekday').allTextContents()).toEqual(['Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa', 'Su']);
    expect(await calendar.getByTestId('date-next').getAttribute('aria-label')).toBe('Next month');
    const before = await deadline.inputValue();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter');
    await calendar.waitFor({ state: 'detached' });
    const after = await deadline.inputValue();
    expect(after).toMatch(/^\d{1,2} [A-Z][a-z]{2} \d{4}$/);
    expect(Date.parse(after) - Date.parse(before)).toBe(24 * 3600 * 1000);

    // What is typed the English way is read back.
    await deadline.fill('30 Jun 2031');
    await deadline.blur();
    expect(await deadline.inputValue()).toBe('30 Jun 2031');
    expect(await deadline.getAttribute('aria-invalid')).toBeNull();
  });
});
