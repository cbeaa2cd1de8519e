// The built web app (dist/web), read into memory once as the server starts, with the brotli and
// gzip copies the build made (web/build/precompress.ts). The files are a few megabytes and never
// change while the server runs; reading them per request, as a stream, made the map library the
// slowest thing a first visit waited for.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';

export type Encoding = 'br' | 'gzip';

export interface WebFile {
  type: string;
  bytes: Uint8Array;
  encoded: Partial<Record<Encoding, Uint8Array>>;
}

export interface WebFiles {
  index: WebFile;
  /** By URL path, /assets/<name>. */
  assets: Map<string, WebFile>;
  /** The installable app's files beside index.html (service worker, manifest, icons), by URL path /<name>. */
  root: Map<string, WebFile>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.webmanifest': 'application/manifest+json',
  '.woff2': 'font/woff2',
};
const SUFFIX: Record<Encoding, string> = { br: '.br', gzip: '.gz' };

function readWebFile(path: string): WebFile {
  const encoded: WebFile['encoded'] = {};
  for (const [encoding, suffix] of Object.entries(SUFFIX) as [Encoding, string][]) {
    if (existsSync(path + suffix)) encoded[encoding] = readFileSync(path + suffix);
  }
  return { type: TYPES[extname(path)] ?? 'application/octet-stream', bytes: readFileSync(path), encoded };
}

/** Null when the app has not been built there. */
export function loadWebFiles(root: string): WebFiles | null {
  const index = join(root, 'index.html');
  if (!existsSync(index)) return null;
  const assetsDir = join(root, 'assets');
  const plainFiles = (dir: string) => (existsSync(dir) ? readdirSync(dir, { withFileTypes: true }) : []).filter((e) => e.isFile() && !/\.(br|gz)$/.test(e.name)).map((e) => e.name);
  return {
    index: readWebFile(index),
    assets: new Map(plainFiles(assetsDir).map((name) => [`/assets/${name}`, readWebFile(join(assetsDir, name))])),
    root: new Map(plainFiles(root).filter((name) => name !== 'index.html').map((name) => [`/${name}`, readWebFile(join(root, name))])),
  };
}
