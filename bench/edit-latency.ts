// (c) Edit-to-other-browser latency: one browser (a project manager) edits a village through the
// API; another (a viewer) gets the change over /api/events, refetches the village tiles and
// re-renders. Measured from just before the PATCH to the viewer's map going idle with the new
// tile version, on one clock (both pages run in one browser on this machine).
import type { Page } from 'playwright-core';
import type { VillageView } from '../common/api';
import { launchBrowser } from '../tests/helpers/browser';
import { installPaintProbe } from './paint-probe';
import { withTimeout } from './processes';
import type { ResultRow } from './report';
import { median, percentile } from './stats';

const EDITS = 10;
const WARMUP_EDITS = 1;
const EDIT_TIMEOUT_MS = 15_000;
const EDITOR = { username: 'xiangmu', password: 'xiangmu123' };

declare global {
  interface Window {
    __villagesRendered?: Promise<number>;
  }
}

/** The version in the viewer's village tile URL (…/{z}/{x}/{y}.mvt?v=N). */
async function shownVersion(viewer: Page): Promise<number> {
  const url = await viewer.evaluate(() => (window.__map!.getSource('villages') as unknown as { tiles: string[] }).tiles[0]);
  return Number(/[?&]v=(\d+)$/.exec(url)![1]);
}

/** Arms the viewer: resolves at the first idle once its village tiles carry `version`. */
async function armViewer(viewer: Page, version: number): Promise<void> {
  await viewer.evaluate((v) => {
    const map = window.__map!;
    window.__villagesRendered = new Promise((resolve) => {
      const check = () => {
        const tiles = (map.getSource('villages') as unknown as { tiles: string[] }).tiles;
        if (!tiles[0].endsWith(`?v=${v}`) || !map.isSourceLoaded('villages') || !map.areTilesLoaded()) return;
        map.off('idle', check);
        resolve(performance.timeOrigin + performance.now());
      };
      map.on('idle', check);
    });
  }, version);
}

/** Toggles the village's water item; returns the wall-clock time just before the request left. */
async function edit(editor: Page, code: string): Promise<number> {
  return editor.evaluate(async (villageCode) => {
    const current = (await (await fetch(`/api/villages/${villageCode}`)).json()) as VillageView;
    const sentAt = performance.timeOrigin + performance.now();
    const res = await fetch(`/api/villages/${villageCode}`, {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ version: current.version, infra: { water: !current.infra.water }, note: 'bench' }),
    });
    if (!res.ok) throw new Error(`edit failed: ${res.status} ${await res.text()}`);
    return sentAt;
  }, code);
}

export async function benchEditLatency(url: string, log: (line: string) => void): Promise<ResultRow[]> {
  const browser = await launchBrowser();
  try {
    const viewer = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
    await installPaintProbe(viewer);
    await viewer.goto(url);
    await withTimeout(viewer.evaluate(() => window.__paint!), EDIT_TIMEOUT_MS * 4, 'viewer map');

    const editor = await (await browser.newContext()).newPage();
    await editor.goto(`${url}/api/county`);
    const code = await editor.evaluate(async (user) => {
      const login = await fetch('/api/auth/login', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(user) });
      if (!login.ok) throw new Error(`login failed: ${login.status}`);
      const villages = (await (await fetch('/api/villages')).json()) as VillageView[];
      return villages[0].code;
    }, EDITOR);

    const latencies: number[] = [];
    for (let i = 0; i < WARMUP_EDITS + EDITS; i++) {
      await armViewer(viewer, (await shownVersion(viewer)) + 1);
      const sentAt = await edit(editor, code);
      const renderedAt = await withTimeout(viewer.evaluate(() => window.__villagesRendered!), EDIT_TIMEOUT_MS, 'viewer re-render');
      if (i >= WARMUP_EDITS) latencies.push(renderedAt - sentAt);
      log(`edit ${i}: ${(renderedAt - sentAt).toFixed(0)} ms`);
    }
    const section = '(c) edit → other browser';
    return [
      { section, measurement: `PATCH village → viewer re-rendered, median of ${EDITS}`, value: `${median(latencies).toFixed(0)} ms` },
      { section, measurement: `PATCH village → viewer re-rendered, p90 of ${EDITS}`, value: `${percentile(latencies, 90).toFixed(0)} ms` },
    ];
  } finally {
    await browser.close();
  }
}
