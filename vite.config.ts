import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';
import { precompress } from './web/build/precompress.ts';
import { preloadStartPage } from './web/build/preload-start-page.ts';
import { pwa } from './web/build/pwa.ts';

// The Hono server serves /api and /tiles; in dev the SPA proxies to it so it stays same-origin.
const apiTarget = `http://localhost:${process.env.PORT ?? 8080}`;

export default defineConfig({
  root: fileURLToPath(new URL('./web', import.meta.url)),
  plugins: [vue(), preloadStartPage('/views/MapPage.vue'), pwa(), precompress()],
  build: {
    outDir: fileURLToPath(new URL('./dist/web', import.meta.url)),
    emptyOutDir: true,
    // MapLibre alone is ~1 MB minified; it is one chunk on purpose, so do not warn about it.
    chunkSizeWarningLimit: 1600,
  },
  server: {
    proxy: {
      '/api': apiTarget,
      '/tiles': apiTarget,
    },
  },
});
