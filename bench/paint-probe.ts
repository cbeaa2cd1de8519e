// A probe the pages under test run before the app's own scripts: window.__firstPaint resolves
// with the time (ms since navigation start) of the map's first 'idle' with villages rendered.
import type { Page } from 'playwright-core';

/** The web app's village fill layer (web/src/map/layers.ts). */
export const VILLAGE_LAYER = 'village-fill';

declare global {
  interface Window {
    __firstPaint?: Promise<number>;
  }
}

function paintProbe(layer: string): void {
  window.__firstPaint = new Promise((resolve) => {
    const attach = () => {
      const map = window.__map;
      if (!map) return void setTimeout(attach, 2);
      const check = () => {
        if (!map.getLayer(layer) || map.queryRenderedFeatures({ layers: [layer] }).length === 0) return;
        map.off('idle', check);
        resolve(performance.now());
      };
      map.on('idle', check);
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
