// Correcting mistakes as the users would, in chromium: a project manager retracts a wrong progress
// report and an admin restores it; a road is reshaped by dragging a vertex; a project is deleted
// with a reason and brought back from the admin's deleted records; Esc asks before a drawing is
// thrown away.
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ProgressEntry, ProjectView, VillageView } from '../../common/api';
import { openPortalPage, saveScreenshot, waitForMapIdle, type PortalPage } from '../helpers/browser';
import { openRoad, signIn } from '../helpers/portal-actions';
import { login, type Session } from '../helpers/session';

let portal: PortalPage;
let page: Page;
let manager: Session;
let roads: ProjectView[];

const project = async (id: number): Promise<{ status: number; body: ProjectView }> => manager.send('GET', `/api/projects/${id}`);
const reports = async (id: number) => (await manager.send<ProgressEntry[]>('GET', `/api/projects/${id}/progress`)).body;

async function signOut(): Promise<void> {
  await page.getByTestId('logout').click();
  await page.getByTestId('login-open').waitFor();
}

/** Two roads under construction, each used by one test, so the tests do not depend on each other. */
function road(index: number): ProjectView {
  return roads[index];
}

describe('correcting mistakes in the map page', () => {
  beforeAll(async () => {
    portal = await openPortalPage('/', { width: 1280, height: 860 });
    page = portal.page;
    manager = await login((path, init) => fetch(portal.server.url + path, init), 'xiangmu');
    const all: ProjectView[] = (await manager.send('GET', '/api/projects?kind=road&status=under_construction')).body;
    roads = all.filter((p) => p.geometry.type === 'LineString' && p.geometry.coordinates.length >= 3);
    expect(roads.length).toBeGreaterThanOrEqual(3);
    await signIn(page, 'xiangmu');
  });

  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail') await saveScreenshot(page, `corrections-failed-${task.name.slice(0, 30)}`);
    // Each test starts from the map with nothing open.
    await page.keyboard.press('Escape');
  });

  afterAll(async () => {
    expect(portal.foreignRequests).toEqual([]);
    expect(portal.pageErrors).toEqual([]);
    await portal?.close();
  });

  it('retracts a wrong progress report with a reason, and an admin restores it', async () => {
    const target = road(0);
    const before = (await project(target.id)).body;
    const wrongPct = Math.min(100, before.progressPct + 30);
    const recorded = await manager.send<ProjectView>('POST', `/api/projects/${target.id}/progress`, {
      version: before.version, recordedOn: new Date().toISOString().slice(0, 10), progressPct: wrongPct, status: 'under_construction',
    });
    expect(recorded.status).toBe(201);

    await openRoad(page, target);
    await page.getByTestId('tab-history').click();
    const newest = page.getByTestId('progress-report').first();
    await newest.getByTestId('report-retract').click();
    // No reason, no retraction: the audit must say why.
    await page.getByTestId('correction-form').getByTestId('edit-save').click();
    await page.getByTestId('correction-form').getByTestId('field-error').waitFor();
    expect((await project(target.id)).body.progressPct).toBe(wrongPct);

    await page.getByTestId('correction-reason').fill('填报时多写了30%');
    await page.getByTestId('correction-form').getByTestId('edit-save').click();
    await page.getByTestId('report-retracted').filter({ hasText: '填报时多写了30%' }).waitFor();
    expect((await project(target.id)).body.progressPct).toBe(before.progressPct);
    expect((await reports(target.id)).find((r) => r.progressPct === wrongPct)?.retracted).toBe(true);
    // A project manager cannot undo it: that is the admin's.
    expect(await page.getByTestId('report-restore').count()).toBe(0);

    await signOut();
    await signIn(page, 'admin');
    await page.getByTestId('report-restore').first().click();
    await page.getByTestId('correction-reason').fill('核实后确认原报告无误');
    await page.getByTestId('correction-form').getByTestId('edit-save').click();
    await page.getByTestId('report-retracted').waitFor({ state: 'detached' });
    expect((await project(target.id)).body.progressPct).toBe(wrongPct);
    await signOut();
    await signIn(page, 'xiangmu');
  });

  it('reshapes a road by dragging a vertex, shows the new length and saves it', async () => {
    const target = road(1);
    await openRoad(page, target);
    await page.getByTestId('edit-reshape').click();
    await page.getByTestId('reshape-form').waitFor();
    await expect(page.getByTestId('reshape-length').textContent()).resolves.toContain('尚未修改');

    // Dragged to a few pixels from the nearest village centre, the vertex lands exactly on it.
    const line = (target.geometry as GeoJSON.LineString).coordinates;
    const middle = line[Math.floor(line.length / 2)] as [number, number];
    const villages: VillageView[] = (await manager.send('GET', '/api/villages')).body;
    const centre = villages
      .map((v) => v.center)
      .sort((a, b) => Math.hypot(a[0] - middle[0], a[1] - middle[1]) - Math.hypot(b[0] - middle[0], b[1] - middle[1]))[0];
    await page.evaluate(([a, b]) => window.__map!.fitBounds([a, b], { padding: 200, animate: false, maxZoom: 15 }), [middle, centre]);
    await waitForMapIdle(page);
    const [from, to] = await page.evaluate((points) => {
      const map = window.__map!;
      const canvas = map.getCanvas().getBoundingClientRect();
      return points.map((point) => {
        const p = map.project(point);
        return { x: canvas.left + p.x, y: canvas.top + p.y };
      });
    }, [middle, centre]);
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    for (let step = 1; step <= 10; step++) await page.mouse.move(from.x + ((to.x + 4 - from.x) * step) / 10, from.y + ((to.y + 3 - from.y) * step) / 10);
    await page.mouse.up();
    await page.getByTestId('reshape-length').filter({ hasText: '现' }).waitFor();

    // Esc on the map asks first, and keeping the drawing keeps it.
    await page.locator('.maplibregl-canvas').focus();
    await page.keyboard.press('Escape');
    await page.getByTestId('discard-keep').click();
    await page.getByTestId('discard-confirm').waitFor({ state: 'detached' });
    await page.getByTestId('reshape-form').waitFor();

    const versionBefore = (await project(target.id)).body.version;
    await page.getByTestId('reshape-form').getByTestId('edit-save').click();
    await page.getByTestId('edit-saved').waitFor();
    const saved = (await project(target.id)).body;
    expect(saved.version).toBe(versionBefore + 1);
    const moved = (saved.geometry as GeoJSON.LineString).coordinates;
    expect(moved.length).toBe(line.length);
    expect(moved[Math.floor(line.length / 2)]).toEqual(centre);
    // Only the dragged vertex moved; the server measured the new length.
    expect(moved[0]).toEqual(line[0]);
    expect(saved.plannedKm).not.toBe(target.plannedKm);
    const history = (await manager.send('GET', `/api/projects/${target.id}/history?limit=1`)).body as { action: string; newValue: { geometry?: unknown } }[];
    expect(history[0].action).toBe('update');
    expect(history[0].newValue.geometry).toBeDefined();
  });

  it('asks before Esc throws away a new drawing, and keeps it when told to', async () => {
    await page.getByTestId('draw-open').click();
    await page.getByTestId('draw-upgrade').click();
    const canvas = (await page.locator('.maplibregl-canvas').boundingBox())!;
    const at = (fx: number, fy: number) => ({ x: canvas.x + canvas.width * fx, y: canvas.y + canvas.height * fy });
    for (const p of [at(0.45, 0.5), at(0.55, 0.55)]) await page.mouse.click(p.x, p.y);
    await page.getByTestId('draw-hint').waitFor();

    await page.keyboard.press('Escape');
    await page.getByTestId('discard-confirm').waitFor();
    // The keep button has the focus: a second Esc (or Enter) is the safe answer.
    await page.keyboard.press('Escape');
    await page.getByTestId('discard-confirm').waitFor({ state: 'detached' });
    await expect(page.getByTestId('draw-finish').isEnabled()).resolves.toBe(true);

    await page.getByTestId('draw-cancel').click();
    await page.getByTestId('discard-confirm-button').click();
    await page.getByTestId('draw-hint').waitFor({ state: 'detached' });
    await page.getByTestId('draw-open').waitFor();
  });

  it('deletes a project with a reason; it leaves the map, and an admin restores it from the deleted records', async () => {
    const target = road(2);
    await openRoad(page, target);
    await page.getByTestId('edit-delete').click();
    await page.getByTestId('correction-reason').fill('重复录入');
    await page.getByTestId('correction-form').getByTestId('edit-save').click();
    await page.getByTestId('detail-panel').waitFor({ state: 'detached' });
    expect((await project(target.id)).status).toBe(404);
    await expect
      .poll(() => page.evaluate((id) => window.__map!.queryRenderedFeatures({ layers: ['road-line'] }).some((f) => f.id === id), target.id), { timeout: 5000 })
      .toBe(false);

    await signOut();
    await signIn(page, 'admin');
    await page.getByTestId('nav-deleted').click();
    const row = page.getByTestId('deleted-project').filter({ hasText: target.name });
    await row.getByTestId('deleted-restore').click();
    await row.getByTestId('correction-reason').fill('误删，恢复');
    await row.getByTestId('edit-save').click();
    await page.getByTestId('deleted-restored').waitFor();
    await expect.poll(() => page.getByTestId('deleted-project').filter({ hasText: target.name }).count()).toBe(0);
    expect((await project(target.id)).status).toBe(200);
    await page.getByTestId('nav-map').click();
    await waitForMapIdle(page);
  });

  it('says in the UI language what a new problem is missing, before anything is sent', async () => {
    const posts: string[] = [];
    page.on('request', (r) => r.method() === 'POST' && r.url().endsWith('/api/problems') && posts.push(r.url()));
    await page.getByTestId('nav-problems').click();
    await page.getByTestId('problem-new').click();
    expect(await page.getByTestId('problem-form').getByTestId('required-mark').count()).toBe(3);
    await waitForMapIdle(page);
    const canvas = (await page.locator('.maplibregl-canvas').boundingBox())!;
    await page.mouse.click(canvas.x + canvas.width * 0.6, canvas.y + canvas.height * 0.5);
    await page.getByTestId('problem-target').filter({ hasText: '：' }).waitFor();
    await page.getByTestId('problem-submit').click();
    const message = page.getByTestId('problem-form-error');
    await message.filter({ hasText: '须填写问题标题' }).waitFor();
    expect(await message.textContent()).toContain('须填写责任单位');
    expect(posts).toEqual([]);
    await page.getByTestId('nav-map').click();
    await waitForMapIdle(page);
  });
});
