// A probe the pages under test run before the app's own scripts. window.__paint resolves with two
// times in ms since navigation start: `drawn`, the first frame with villages on the map (the first
// paint a user sees), and `idle`, the map's first 'idle' after that (every tile in view loaded and
// drawn, labels placed and faded in).
import type { Page } from 'playwright-core';

/** The web app's village fill layer (web/src/map/layers.ts). */
export const VILLAGE_LAYER = 'village-fill';

export interface PaintTimes {
  drawn: number;
  idle: number;
}

declare global {
  interface Window {
    __paint?: Promise<PaintTimes>;
  }
}

function paintProbe(layer: string): void {
  window.__paint = new Promise((resolve) => {
    const attach = () => {
      const map = window.__map;
      if (!map) return void setTimeout(attach, 2);
      let drawn = 0;
      const villagesShown = () => !!map.getLayer(layer) && map.queryRenderedFeatures({ layers: [layer] }).length > 0;
      const onRender = () => {
        if (!villagesShown()) return;
        drawn = performance.now();
        map.off('render', onRender);
      };
      const onIdle = () => {
        if (!drawn) return;
        map.off('idle', onIdle);
        resolve({ drawn, idle: performance.now() });
      };
      map.on('render', onRender);
      map.on('idle', onIdle);
    };
    attach();
  });
}

export async function installPaintProbe(page: Page): Promise<void> {
  // tsx compiles with esbuild's keepNames, which wraps named functions in __name(): functions
  // serialised into the page (this probe, later evaluate calls) need it defined there.
  await page.addInitScript({ content: 'window.__name = (fn) => fn;' });
  await page.addInitScript(paintProbe, VILLAGE_LAYER);
}
