// Builds the web app when dist/web is missing or older than its sources, so `npm start` and
// `npm test` always serve what the working tree says without rebuilding every time.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..');
const SOURCES = ['web', 'common', 'vite.config.ts', 'package-lock.json'].map((p) => join(ROOT, p));
const BUILT = join(ROOT, 'dist/web/index.html');

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newestMtime(join(path, name))));
}

export function webBuildIsStale(): boolean {
  return !existsSync(BUILT) || statSync(BUILT).mtimeMs < Math.max(...SOURCES.map(newestMtime));
}

export function ensureWebBuild(): void {
  if (!webBuildIsStale()) return;
  console.log('[web] building the web app (vite build)…');
  execFileSync(process.execPath, [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
}

if (import.meta.url === `file://${process.argv[1]}`) ensureWebBuild();
