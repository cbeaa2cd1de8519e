// The built app installs its service worker (web/src/sw/service-worker.ts), which keeps the shell
// and the county's tiles for work without a connection. Not under vite's dev server: its modules
// are not the built files the worker keeps. MODE rather than PROD: PROD follows NODE_ENV, which
// is 'test' when the test run builds the app.
export function registerServiceWorker(): void {
  if (import.meta.env.MODE === 'development' || !('serviceWorker' in navigator)) return;
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js').catch((e: unknown) => console.warn('service worker not installed:', e));
  });
}
