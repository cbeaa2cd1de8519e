// The built app installs its service worker (web/src/sw/service-worker.ts), which keeps the shell
// and the county's tiles for work without a connection. Not under vite's dev server: its modules
// are not the built files the worker keeps.
export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js').catch((e: unknown) => console.warn('service worker not installed:', e));
  });
}
