// What a user does in the portal that browser tests and the benchmark need: signing in through
// the dialog, opening a road by clicking it on the map, reporting progress with a photo. No vitest
// here: the benchmark runs outside it.
import type { Page } from 'playwright-core';
import type { ProjectView } from '../../common/api';
import { HIT_TARGETS, LAYER } from '../../web/src/map/layers';
import { waitForMapIdle } from './browser';

export const ROAD_LAYER = LAYER.road;

/** Signs in with the demo password through the login dialog. */
export async function signIn(page: Page, username: string): Promise<void> {
  await page.getByTestId('login-open').click();
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(`${username}123`);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('session-user').waitFor();
}

/**
 * Where on the page a click on a vertex of the road opens that road, if one does: clear of panels,
 * and asking the map what it answers a click (HIT_TARGETS, slack included), so a bus stop, water
 * point or other road a few pixels away does not take the click.
 */
export function roadVertexOnScreen(page: Page, road: ProjectView): Promise<{ x: number; y: number } | null> {
  return page.evaluate(
    // No named functions in here: the benchmark runs this file through tsx, whose esbuild names
    // them with a helper the page does not have.
    ({ id, vertices, layer, targets }) => {
      const map = window.__map!;
      const canvas = map.getCanvas().getBoundingClientRect();
      for (const vertex of vertices) {
        const p = map.project(vertex as [number, number]);
        // Not under a panel laid over the map.
        if (document.elementFromPoint(canvas.left + p.x, canvas.top + p.y) !== map.getCanvas()) continue;
        let hit: ReturnType<typeof map.queryRenderedFeatures>[number] | undefined;
        for (const { layer: targetLayer, slackPx: s } of targets) {
          [hit] = map.queryRenderedFeatures([[p.x - s, p.y - s], [p.x + s, p.y + s]], { layers: [targetLayer] });
          if (hit) break;
        }
        if (hit?.layer.id === layer && hit.id === id) return { x: canvas.left + p.x, y: canvas.top + p.y };
      }
      return null;
    },
    { id: road.id, vertices: (road.geometry as GeoJSON.LineString).coordinates, layer: ROAD_LAYER, targets: HIT_TARGETS },
  );
}

/** Centres the map on the road and clicks a vertex the road layer really draws there. */
export async function openRoad(page: Page, road: ProjectView): Promise<void> {
  const coordinates = (road.geometry as GeoJSON.LineString).coordinates;
  await page.evaluate((center) => window.__map!.jumpTo({ center: center as [number, number], zoom: 13 }), coordinates[Math.floor(coordinates.length / 2)]);
  // The roads are what is clicked: another layer still loading (a basemap, say) does not matter.
  await waitForMapIdle(page, ['roads']);
  const point = await roadVertexOnScreen(page, road);
  if (!point) throw new Error(`no vertex of road ${road.id} is clear of panels and other features`);
  await page.mouse.click(point.x, point.y);
  await page.getByTestId('panel-title').filter({ hasText: road.name }).waitFor();
}

/**
 * Records progress in the open detail panel: a percentage, and a photo as the phone camera gives it.
 * `formOpen` runs once the form is on screen (a test waits there for the device's position).
 */
export async function reportProgress(page: Page, pct: number, photo: { name: string; buffer: Buffer }, formOpen?: () => Promise<void>): Promise<void> {
  await page.getByTestId('edit-progress').click();
  await formOpen?.();
  if (await page.getByTestId('progress-by-pct').count()) await page.getByTestId('progress-by-pct').check();
  await page.getByTestId('progress-pct').fill(String(pct));
  await page.getByTestId('photo-input').setInputFiles({ name: photo.name, mimeType: 'image/jpeg', buffer: photo.buffer });
  await page.getByTestId('edit-save').click();
  await page.getByTestId('edit-saved').waitFor();
}
