// (o) Field work offline, in headless chromium against the county server:
// - a repeat visit served by the service worker against one served by the browser's HTTP cache
//   alone (workers blocked): time from navigation start to the first contentful paint (the shell)
//   and to the first frame with the county's villages drawn;
// - from the connection coming back (context.setOffline(false)) to a progress report made offline,
//   with a photo, shown in another browser's open project panel (sent from the outbox, announced
//   over the live feed).
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { ProjectView } from '../common/api';
import { launchBrowser, waitForMapIdle } from '../tests/helpers/browser';
import { cameraJpeg } from '../tests/helpers/photos';
import { openRoad, reportProgress, signIn } from '../tests/helpers/portal-actions';
import { installPaintProbe, type PaintTimes } from './paint-probe';
import { withTimeout } from './processes';
import type { ResultRow } from './report';
import { median } from './stats';

const RUNS = 5;
const RECONNECTS = 3;
const VIEWPORT = { width: 1280, height: 800 };
const SECTION = '(o) offline field work';

interface VisitTimes extends PaintTimes {
  shell: number;
}

async function visit(page: Page, url: string): Promise<VisitTimes> {
  await page.goto(url);
  const paint = await withTimeout(page.evaluate(() => window.__paint!), 60_000, 'villages drawn');
  const shell = await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN);
  return { ...paint, shell };
}

/** Repeat visits in one context, after a first visit that filled the caches (and installed the worker). */
async function repeatVisits(browser: Browser, url: string, serviceWorkers: 'allow' | 'block'): Promise<VisitTimes[]> {
  const context = await browser.newContext({ viewport: VIEWPORT, serviceWorkers });
  try {
    const page = await context.newPage();
    await installPaintProbe(page);
    await visit(page, url);
    if (serviceWorkers === 'allow') {
      await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
      // Controlled from the next load, which also fills the worker's caches.
      await visit(page, url);
    }
    const times: VisitTimes[] = [];
    for (let run = 0; run < RUNS; run++) times.push(await visit(page, url));
    if (serviceWorkers === 'allow' && !(await page.evaluate(() => navigator.serviceWorker.controller !== null))) throw new Error('the service worker does not control the page');
    return times;
  } finally {
    await context.close();
  }
}

async function reconnections(browser: Browser, url: string): Promise<number[]> {
  const contexts: BrowserContext[] = [];
  const open = async () => {
    const context = await browser.newContext({ viewport: VIEWPORT, serviceWorkers: 'allow' });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(url);
    await waitForMapIdle(page);
    return page;
  };
  try {
    const roads: ProjectView[] = await (await fetch(`${url}/api/projects?kind=road&status=under_construction`)).json();
    const road = roads.find((p) => p.geometry.type === 'LineString' && p.progressPct < 50)!;
    const [field, viewer] = [await open(), await open()];
    await signIn(field, 'xiangmu');
    await Promise.all([openRoad(field, road), openRoad(viewer, road)]);
    await viewer.getByTestId('live-indicator').and(viewer.locator('[data-status="live"]')).waitFor();
    const buffer = await cameraJpeg({ lon: 113, lat: 37, clock: '2026:05:20 09:30:00' });
    const times: number[] = [];
    for (let run = 0; run < RECONNECTS; run++) {
      const current: ProjectView = await (await fetch(`${url}/api/projects/${road.id}`)).json();
      const pct = Math.round(current.progressPct) + 3;
      await field.context().setOffline(true);
      await reportProgress(field, pct, { name: `IMG_${run}.jpg`, buffer });
      await field.getByTestId('outbox').and(field.locator('[data-count="1"]')).waitFor();
      const shown = viewer.getByTestId('detail-panel').filter({ hasText: `${pct.toFixed(1)}%` });
      const t0 = performance.now();
      await field.context().setOffline(false);
      await shown.waitFor({ timeout: 60_000 });
      times.push(performance.now() - t0);
    }
    return times;
  } finally {
    for (const context of contexts) await context.close();
  }
}

export async function benchFieldOffline(url: string, log: (line: string) => void): Promise<ResultRow[]> {
  const browser = await launchBrowser();
  try {
    const withWorker = await repeatVisits(browser, url, 'allow');
    const without = await repeatVisits(browser, url, 'block');
    const figures = (t: VisitTimes[]) => `shell ${median(t.map((v) => v.shell)).toFixed(0)} ms, villages drawn ${median(t.map((v) => v.drawn)).toFixed(0)} ms, idle ${median(t.map((v) => v.idle)).toFixed(0)} ms`;
    log(`repeat visit, service worker: ${figures(withWorker)}; HTTP cache only: ${figures(without)}`);
    const back = await reconnections(browser, url);
    log(`online again → other screen: ${back.map((t) => t.toFixed(0)).join(', ')} ms`);
    return [
      { section: SECTION, measurement: `repeat visit served by the service worker, median of ${RUNS}`, value: figures(withWorker) },
      { section: SECTION, measurement: `repeat visit, HTTP cache only (workers blocked), median of ${RUNS}`, value: figures(without) },
      {
        section: SECTION,
        measurement: `back online → offline progress report (with a photo) in another browser's panel, median of ${RECONNECTS}`,
        value: `${median(back).toFixed(0)} ms (runs: ${back.map((t) => t.toFixed(0)).join(', ')} ms)`,
      },
    ];
  } finally {
    await browser.close();
  }
}
