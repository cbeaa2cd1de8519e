import { serveStatic } from '@hono/node-server/serve-static';
import type { Hono } from 'hono';
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Serves the built SPA; unknown non-API paths get index.html so client-side routes survive a reload. */
export function serveWebApp(app: Hono, webRoot: string) {
  const root = relative(process.cwd(), webRoot) || '.';
  const indexHtml = () => readFileSync(join(webRoot, 'index.html'), 'utf8');
  app.use('/assets/*', serveStatic({ root, onFound: (_p, c) => c.header('Cache-Control', 'public, max-age=31536000, immutable') }));
  app.use('/*', serveStatic({ root }));
  app.get('*', (c) => (existsSync(join(webRoot, 'index.html')) ? c.html(indexHtml()) : c.notFound()));
}
