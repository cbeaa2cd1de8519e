// Field work in chromium as a project manager does it on site: "locate me" with the accuracy
// circle, a progress report that records where it was made with a camera photo (EXIF time and
// place shown in the history), and then the same without a connection: the installed app's shell
// and the county's map come from the service worker, the report and its photo wait in the outbox
// through a reload, go out in order when the connection returns, and a second browser sees them.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ProgressEntry, ProjectView } from '../../common/api';
import { launchBrowser, saveScreenshot, waitForMapIdle } from '../helpers/browser';
import { cameraJpeg } from '../helpers/photos';
import { openRoad, reportProgress, signIn } from '../helpers/portal-actions';
import { startTestServer, type TestServer } from '../helpers/server';

const VIEWPORT = { width: 1200, height: 800 };
let server: TestServer;
let browser: Browser;
const contexts: BrowserContext[] = [];
let field: Page;
let road: ProjectView;
/** Where the phone says it is: on the road, to 12 m. */
let here: { longitude: number; latitude: number; accuracy: number };
/** Errors the field page threw: a failure the user never sees must still fail the test. */
const pageErrors: string[] = [];

const reports = async () => (await (await fetch(`${server.url}/api/projects/${road.id}/progress`)).json()) as ProgressEntry[];
const projectNow = async () => (await (await fetch(`${server.url}/api/projects/${road.id}`)).json()) as ProjectView;

async function newContext(options: Parameters<Browser['newContext']>[0] = {}): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: VIEWPORT, locale: 'zh-CN', serviceWorkers: 'allow', ...options });
  contexts.push(context);
  return context;
}

/** The progress form, once the phone's position is in it. */
async function reportHere(page: Page, pct: number, name: string): Promise<void> {
  const buffer = await cameraJpeg({ lon: here.longitude, lat: here.latitude, clock: '2026:05:20 09:30:00' });
  await reportProgress(page, pct, { name, buffer }, () => page.getByTestId('made-at').filter({ hasText: '±12' }).waitFor());
}

describe('field capture in the browser', () => {
  beforeAll(async () => {
    server = await startTestServer();
    const roads: ProjectView[] = await (await fetch(`${server.url}/api/projects?kind=road&status=under_construction`)).json();
    road = roads.find((p) => p.geometry.type === 'LineString' && p.progressPct < 60)!;
    const [longitude, latitude] = (road.geometry as GeoJSON.LineString).coordinates[0];
    here = { longitude, latitude, accuracy: 12 };
    browser = await launchBrowser();
    field = await (await newContext({ geolocation: here, permissions: ['geolocation'] })).newPage();
    field.on('pageerror', (e) => pageErrors.push(e.message));
    await field.goto(server.url);
    await waitForMapIdle(field);
  });

  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail') await saveScreenshot(field, `field-capture-failed-${task.name.slice(0, 30)}`);
    expect(pageErrors.splice(0)).toEqual([]);
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await server?.stop();
  });

  it('locates the user: the dot, the accuracy circle and the accuracy in words', async () => {
    await field.getByTestId('locate-me').click();
    await field.getByTestId('locate-status').filter({ hasText: '12' }).waitFor();
    await waitForMapIdle(field);
    const drawn = await field.evaluate(async () => {
      const source = window.__map!.getSource('my-position') as unknown as { getData(): Promise<GeoJSON.FeatureCollection> } | undefined;
      return (await source?.getData())?.features.map((f) => f.geometry.type);
    });
    expect(drawn).toEqual(['Polygon', 'Point']);
    const center = await field.evaluate(() => window.__map!.getCenter().toArray());
    expect(center[0]).toBeCloseTo(here.longitude, 3);
    expect(center[1]).toBeCloseTo(here.latitude, 3);
    expect(await field.getByTestId('locate-me').boundingBox()).toMatchObject({ width: 44, height: 44 });
  });

  it('records a progress report with where it was made and a camera photo, shown in the history and on the map', async () => {
    await signIn(field, 'xiangmu');
    await openRoad(field, road);
    await reportHere(field, Math.round(road.progressPct) + 5, 'IMG_0001.jpg');

    const latest = (await reports()).at(-1)!;
    expect(latest.madeAt).toMatchObject({ lon: here.longitude, lat: here.latitude, accuracy: 12 });
    expect(latest.photoIds).toHaveLength(1);

    await field.getByTestId('tab-history').click();
    const report = field.getByTestId('progress-report').first();
    await report.getByTestId('photo-thumb').waitFor();
    expect(await report.getByTestId('made-at').textContent()).toContain('±12');
    // The EXIF time, read as China time, shown in the viewer's locale.
    expect(await report.getByTestId('photo-caption').textContent()).toMatch(/拍摄于 2026年5月20日.*拍摄位置/);
    // The thumbnail loads after its element is in place.
    await expect.poll(() => report.getByTestId('photo-thumb').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    await field.waitForFunction(() => Number(document.querySelector('[data-testid="photo-markers"]')?.getAttribute('data-count')) >= 1);
  });

  it('offline: the app starts from the service worker, keeps a report with its photo through a reload, and sends it when the connection returns', async () => {
    // The installed worker controls the page from the next load; that load fills its caches.
    await field.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    await field.reload();
    await waitForMapIdle(field);
    expect(await field.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);

    const viewer = await (await newContext()).newPage();
    await viewer.goto(server.url);
    await waitForMapIdle(viewer);
    await openRoad(viewer, await projectNow());
    await viewer.getByTestId('live-indicator').and(viewer.locator('[data-status="live"]')).waitFor();

    await field.context().setOffline(true);
    await field.reload();
    await waitForMapIdle(field);
    // The county's static tiles came from the worker: the county outline is drawn.
    expect(await field.evaluate(() => window.__map!.querySourceFeatures('static', { sourceLayer: 'county' }).length)).toBeGreaterThan(0);

    const before = await projectNow();
    const reportsBefore = (await reports()).length;
    const pct = Math.round(before.progressPct) + 7;
    await openRoad(field, before);
    await reportHere(field, pct, 'IMG_0002.jpg');
    await field.getByTestId('outbox').and(field.locator('[data-count="1"]')).waitFor();
    await field.getByTestId('outbox-offline').waitFor();
    expect((await reports()).length).toBe(reportsBefore);
    expect((await projectNow()).version).toBe(before.version);

    await field.reload();
    await field.getByTestId('outbox').and(field.locator('[data-count="1"]')).waitFor();
    await field.getByTestId('outbox-toggle').click();
    expect(await field.getByTestId('outbox-entry').textContent()).toContain('1 张照片');

    await field.context().setOffline(false);
    await viewer.getByTestId('detail-panel').filter({ hasText: `${pct.toFixed(1)}%` }).waitFor({ timeout: 20_000 });
    await field.getByTestId('outbox').waitFor({ state: 'detached' });
    const sent = (await reports()).at(-1)!;
    expect(sent.progressPct).toBe(pct);
    expect(sent.photoIds).toHaveLength(1);
    expect(sent.madeAt).toMatchObject({ accuracy: 12 });
  }, 240_000);

  it('offline: a report whose project moved on meanwhile comes back as a conflict the user re-applies', async () => {
    await field.context().setOffline(true);
    const before = await projectNow();
    const pct = Math.round(before.progressPct) + 3;
    await openRoad(field, before);
    await reportHere(field, pct, 'IMG_0003.jpg');
    await field.getByTestId('outbox').and(field.locator('[data-count="1"]')).waitFor();

    // Meanwhile, from the office: a note on the project moves its version on.
    const login = await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json', Origin: server.url }, body: JSON.stringify({ username: 'admin', password: 'admin123' }) });
    const cookie = login.headers.get('set-cookie')!.split(';')[0];
    const patched = await fetch(`${server.url}/api/projects/${road.id}`, {
      method: 'PATCH', headers: { 'Content-Type': 'application/json', Cookie: cookie, Origin: server.url }, body: JSON.stringify({ version: before.version, note: '办公室更正', budget: before.budget + 1 }),
    });
    expect(patched.status).toBe(200);

    await field.context().setOffline(false);
    await field.getByTestId('outbox-entry').and(field.locator('[data-state="conflict"]')).waitFor({ timeout: 20_000 });
    expect(await field.getByTestId('outbox-problem').textContent()).toContain('冲突');
    await field.getByTestId('outbox-reapply').click();
    await field.getByTestId('outbox').waitFor({ state: 'detached', timeout: 40_000 });
    expect((await reports()).at(-1)!.progressPct).toBe(pct);
  }, 180_000);

  it('offline: retracting a report does not wait in the outbox, and the form says so instead of failing', async () => {
    await openRoad(field, await projectNow());
    await field.getByTestId('tab-history').click();
    // The list as the server has it now, before the connection goes: a list still on its way would
    // come from the service worker's copy, where the newest report is an older one.
    const newest = field.getByTestId('progress-report').first();
    await newest.filter({ hasText: `${(await reports()).at(-1)!.progressPct}%` }).waitFor();
    await field.context().setOffline(true);
    await newest.getByTestId('report-retract').click();
    const form = field.getByTestId('correction-form');
    await form.getByTestId('edit-online-only').filter({ hasText: '须联网' }).waitFor();
    await field.getByTestId('correction-reason').fill('重复填报');
    expect(await form.getByTestId('edit-save').isDisabled()).toBe(true);

    await field.context().setOffline(false);
    await form.getByTestId('edit-online-only').waitFor({ state: 'detached' });
    await form.getByTestId('edit-save').click();
    await newest.getByTestId('report-retracted').filter({ hasText: '重复填报' }).waitFor();
    expect((await reports()).at(-1)!.retracted).toBe(true);
  }, 120_000);

  it('keeps a problem whose answer was lost in the outbox, sends it again, and the ledger holds it once', async () => {
    const title = `护栏缺失 ${Date.now()}`;
    let answersLost = 0;
    // The server makes the problem; its answer never reaches the phone.
    await field.context().route('**/api/problems', async (route) => {
      if (route.request().method() !== 'POST' || answersLost > 0) return route.fallback();
      answersLost++;
      await route.fetch();
      await route.abort('connectionreset');
    });
    await field.getByTestId('nav-problems').click();
    await field.getByTestId('problem-new').click();
    await waitForMapIdle(field);
    const canvas = (await field.locator('.maplibregl-canvas').boundingBox())!;
    await field.mouse.click(canvas.x + canvas.width * 0.5, canvas.y + canvas.height * 0.5);
    await field.getByTestId('problem-target').filter({ hasText: '：' }).waitFor();
    await field.getByTestId('problem-title').fill(title);
    await field.getByTestId('problem-unit').fill('县交通局');
    await field.getByTestId('problem-submit').click();
    await field.getByTestId('outbox').and(field.locator('[data-count="1"]')).waitFor();

    // The outbox tries again by itself; the second copy gets the first answer back.
    await field.getByTestId('outbox').waitFor({ state: 'detached', timeout: 40_000 });
    const logged = ((await (await fetch(`${server.url}/api/problems`)).json()) as { title: string }[]).filter((p) => p.title === title);
    expect(answersLost).toBe(1);
    expect(logged).toHaveLength(1);
    await field.context().unroute('**/api/problems');
  }, 120_000);
});
