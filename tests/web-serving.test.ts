import { Hono } from 'hono';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webFastPath } from '../server/web/web-fast-path';
import { loadWebFiles } from '../server/web/web-files';
import { serveWebApp } from '../server/web/web-routes';
import { precompressFile } from '../web/build/precompress';
import { chunkGraph } from '../web/build/preload-start-page';
import { HANDED_ON, serveFastPathAlone } from './helpers/fast-path';
import { REPO_ROOT } from './helpers/server';

const root = mkdtempSync(join(tmpdir(), 'fupin-web-'));
const script = `export const villages = ${JSON.stringify(Array.from({ length: 300 }, (_, i) => ({ code: `1407211010${i}`, name: `村${i}` })))};\n`;
const index = '<!doctype html><html lang="zh-CN"><head><title>扶贫一张图</title></head><body><div id="app"></div></body></html>';

let app: Hono;
let alone: Awaited<ReturnType<typeof serveFastPathAlone>>;
let base: string;

beforeAll(async () => {
  mkdirSync(join(root, 'assets'));
  writeFileSync(join(root, 'index.html'), index);
  writeFileSync(join(root, 'assets/app-1a2b.js'), script);
  writeFileSync(join(root, 'assets/tiny-3c4d.css'), 'body{margin:0}');
  writeFileSync(join(root, 'sw.js'), 'const PRECACHE = [];');
  writeFileSync(join(root, 'manifest.webmanifest'), '{"name":"扶贫一张图"}');
  for (const name of ['index.html', 'assets/app-1a2b.js', 'assets/tiny-3c4d.css']) await precompressFile(join(root, name));
  const files = loadWebFiles(root)!;
  app = new Hono();
  serveWebApp(app, files);
  alone = await serveFastPathAlone(webFastPath(files));
  base = alone.base;
});

afterAll(async () => {
  await alone.close();
  rmSync(root, { recursive: true, force: true });
});

/** The raw bytes as sent: fetch in Node would decode them and drop Content-Encoding's evidence. */
async function rawGet(path: string, acceptEncoding?: string) {
  const headers: Record<string, string> = acceptEncoding === undefined ? {} : { 'Accept-Encoding': acceptEncoding };
  const routed = await app.request(path, { headers });
  const fast = await new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }>((resolve, reject) => {
    get(base + path, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
  return { routed, routedBody: Buffer.from(await routed.arrayBuffer()), fast };
}

const decode = (encoding: string | null | undefined, body: Buffer) =>
  encoding === 'br' ? brotliDecompressSync(body) : encoding === 'gzip' ? gunzipSync(body) : body;

describe('the built web app, served from memory', () => {
  it('sends brotli when the browser takes it, the same bytes by both paths, cached for good', async () => {
    const { routed, routedBody, fast } = await rawGet('/assets/app-1a2b.js', 'gzip, deflate, br, zstd');
    expect(routed.status).toBe(200);
    expect(routed.headers.get('content-encoding')).toBe('br');
    expect(routed.headers.get('vary')).toBe('Accept-Encoding');
    expect(routed.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(routed.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(routedBody.length).toBeLessThan(script.length / 4);
    expect(decode('br', routedBody).toString()).toBe(script);
    expect(fast.status).toBe(200);
    expect(fast.headers['content-encoding']).toBe('br');
    expect(fast.headers['content-length']).toBe(String(routedBody.length));
    expect(fast.body).toEqual(routedBody);
  });

  it('falls back to gzip, or to the plain file, as Accept-Encoding allows', async () => {
    const gzip = await rawGet('/assets/app-1a2b.js', 'gzip, br;q=0');
    expect(gzip.routed.headers.get('content-encoding')).toBe('gzip');
    expect(decode('gzip', gzip.routedBody).toString()).toBe(script);
    expect(gzip.fast.headers['content-encoding']).toBe('gzip');

    const plain = await rawGet('/assets/app-1a2b.js');
    expect(plain.routed.headers.get('content-encoding')).toBeNull();
    expect(plain.routedBody.toString()).toBe(script);
    expect(plain.fast.body.toString()).toBe(script);
  });

  it('sends a file too small to be worth compressing as it is', async () => {
    const { routed, routedBody } = await rawGet('/assets/tiny-3c4d.css', 'br, gzip');
    expect(routed.headers.get('content-encoding')).toBeNull();
    expect(routed.headers.get('vary')).toBeNull();
    expect(routed.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(routedBody.toString()).toBe('body{margin:0}');
  });

  it('answers a missing asset 404, never with index.html, and the fast path hands it on', async () => {
    const { routed, fast } = await rawGet('/assets/gone-0000.js', 'br');
    expect(routed.status).toBe(404);
    expect(routed.headers.get('content-type')).not.toContain('text/html');
    expect(fast.status).toBe(HANDED_ON);
  });

  it('gives index.html, checked on every visit, for any page of the app', async () => {
    for (const path of ['/', '/screen', '/relocation?site=3']) {
      const { routed, routedBody, fast } = await rawGet(path, 'gzip');
      expect(routed.status).toBe(200);
      expect(routed.headers.get('cache-control')).toBe('no-cache');
      expect(decode(routed.headers.get('content-encoding'), routedBody).toString()).toBe(index);
      expect(fast.status).toBe(HANDED_ON);
    }
  });
});

describe('the start page preloaded from index.html', () => {
  const chunk = (fileName: string, facadeModuleId: string | null, imports: string[], isEntry = false) =>
    ({ type: 'chunk', fileName, facadeModuleId, imports, isEntry }) as never;

  it('lists the page chunk and what it imports, not the entry or other pages', () => {
    const bundle = {
      'index.js': chunk('index.js', '/web/src/main.ts', [], true),
      'MapPage.js': chunk('MapPage.js', '/web/src/views/MapPage.vue', ['maplibre.js', 'index.js', 'panel.js']),
      'panel.js': chunk('panel.js', null, ['index.js', 'format.js']),
      'format.js': chunk('format.js', null, ['index.js']),
      'maplibre.js': chunk('maplibre.js', null, []),
      'ScreenPage.js': chunk('ScreenPage.js', '/web/src/views/ScreenPage.vue', ['maplibre.js', 'echarts.js']),
      'echarts.js': chunk('echarts.js', null, []),
    };
    expect(chunkGraph(bundle, '/views/MapPage.vue').map((c) => c.fileName).sort()).toEqual(['MapPage.js', 'format.js', 'maplibre.js', 'panel.js']);
    expect(() => chunkGraph(bundle, '/views/Nowhere.vue')).toThrow(/no chunk/);
  });

  it('is in the built app: the map page and what it imports, each a file that exists', () => {
    const dist = join(REPO_ROOT, 'dist/web');
    const html = readFileSync(join(dist, 'index.html'), 'utf8');
    const preloaded = [...html.matchAll(/<link rel="modulepreload" crossorigin href="\/(assets\/[^"]+)">/g)].map((m) => m[1]);
    expect(preloaded.some((p) => /\/MapPage-[\w-]+\.js$/.test(p))).toBe(true);
    expect(preloaded.length).toBeGreaterThan(1);
    for (const p of preloaded) expect(existsSync(join(dist, p))).toBe(true);
  });
});

describe('the installable app\'s files beside index.html', () => {
  it('serves the service worker and the manifest under their own names and types, checked on every visit', async () => {
    const worker = await app.request('/sw.js');
    expect(worker.status).toBe(200);
    expect(worker.headers.get('content-type')).toContain('text/javascript');
    // The worker's name never changes, so a browser must ask again to see a new build's.
    expect(worker.headers.get('cache-control')).toBe('no-cache');
    expect(await worker.text()).toBe('const PRECACHE = [];');
    const manifest = await app.request('/manifest.webmanifest');
    expect(manifest.headers.get('content-type')).toBe('application/manifest+json');
    expect(await manifest.json()).toEqual({ name: '扶贫一张图' });
    // Any other path is still the app's page.
    expect(await (await app.request('/problems')).text()).toBe(index);
  });
});
