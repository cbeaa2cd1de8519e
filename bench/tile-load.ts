// (a) Tile throughput and latency under 50 concurrent clients: the server's PMTiles Range endpoint
// and dynamic MVT endpoint, each against nginx serving the very same bytes as static files.
import { mkdirSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import { dirname, join } from 'node:path';
import autocannon, { type Request } from 'autocannon';
import type { BBox, CountyInfo, TileVersions } from '../common/api';
import { createRandom } from '../data/build/random';
import { tilesCovering } from '../tiles/tile-grid';
import { listArchiveTiles } from './archive-tiles';
import type { StaticServer } from './nginx';
import type { ResultRow } from './report';

export const CONNECTIONS = 50;
const DURATION_S = 10;
const WARMUP_S = 2;
const P99_TARGET_MS = 20;
const RATIO_TARGET = 0.5;
/** Dynamic tiles from the zoom where the county fills the screen to the deepest the server cuts. */
const DYNAMIC_ZOOMS = [10, 11, 12, 13, 14];
const DYNAMIC_LAYERS_BENCHED = ['villages', 'roads'] as const;

export interface LoadFigures {
  rps: number;
  p50: number;
  p99: number;
  failures: number;
}

async function load(url: string, requests: Request[], duration: number): Promise<LoadFigures> {
  const r = await autocannon({ url, connections: CONNECTIONS, duration, requests });
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, failures: r.errors + r.timeouts + r.non2xx };
}

/** Warm up, then measure: the first seconds pay for JIT compilation and tile caches. */
export async function measure(url: string, requests: Request[]): Promise<LoadFigures> {
  await load(url, requests, WARMUP_S);
  return load(url, requests, DURATION_S);
}

function writeFile(root: string, path: string, bytes: Uint8Array): void {
  const file = join(root, path);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, bytes);
}

/** The same tiles in a shuffled order, so consecutive requests do not walk the archive in order. */
const shuffled = <T>(items: T[]) => createRandom(5).shuffle(items);

async function staticRequests(serverUrl: string, nginx: StaticServer) {
  const archive = new Uint8Array(await (await fetch(`${serverUrl}/tiles/static.pmtiles`)).arrayBuffer());
  const tiles = shuffled(await listArchiveTiles(archive));
  for (const t of tiles) writeFile(nginx.root, `static/${t.z}/${t.x}/${t.y}.mvt`, archive.subarray(t.offset, t.offset + t.length));
  return {
    count: tiles.length,
    server: tiles.map((t) => ({ path: '/tiles/static.pmtiles', headers: { Range: `bytes=${t.offset}-${t.offset + t.length - 1}` } })),
    nginx: tiles.map((t) => ({ path: `/static/${t.z}/${t.x}/${t.y}.mvt` })),
  };
}

/** The non-empty dynamic tiles over the county, fetched once (which also fills the server's cache) and written for nginx. */
async function dynamicRequests(serverUrl: string, nginx: StaticServer) {
  const get = async <T>(path: string) => (await (await fetch(`${serverUrl}${path}`)).json()) as T;
  const [county, versions] = await Promise.all([get<CountyInfo>('/api/county'), get<TileVersions>('/api/tiles/versions')]);
  const [w, s, e, n]: BBox = county.bbox;
  const paths: string[] = [];
  for (const layer of DYNAMIC_LAYERS_BENCHED) {
    for (const z of DYNAMIC_ZOOMS) {
      for (const { x, y } of tilesCovering([w, s, e, n], z)) {
        const path = `/tiles/${layer}/${z}/${x}/${y}.mvt`;
        const tile = await gzippedTile(`${serverUrl}${path}?v=${versions[layer]}`);
        if (!tile) continue;
        writeFile(nginx.root, path.slice(1), tile);
        paths.push(`${path}?v=${versions[layer]}`);
      }
    }
  }
  // nginx ignores the query string, so both servers get identical request lines; both send the
  // gzipped bytes, the server because it is asked as browsers ask, nginx because its files are them.
  const requests = shuffled(paths).map((path) => ({ path, headers: { 'Accept-Encoding': 'gzip' } }));
  return { count: paths.length, server: requests, nginx: requests };
}

/** The tile as sent to a browser, still gzipped (fetch would undo it); null for an empty one. */
function gzippedTile(url: string): Promise<Uint8Array | null> {
  return new Promise((resolve, reject) => {
    get(url, { headers: { 'Accept-Encoding': 'gzip' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve(res.statusCode === 200 ? Buffer.concat(chunks) : null));
    }).on('error', reject);
  });
}

function rows(endpoint: string, tiles: number, server: LoadFigures, nginx: LoadFigures): ResultRow[] {
  const section = `(a) tiles, ${CONNECTIONS} clients`;
  const ratio = server.rps / nginx.rps;
  const fmt = (f: LoadFigures) => `${Math.round(f.rps)} req/s, p50 ${f.p50} ms, p99 ${f.p99} ms${f.failures ? `, ${f.failures} failed` : ''}`;
  return [
    { section, measurement: `${endpoint}: server (${tiles} tiles)`, value: fmt(server), target: `p99 < ${P99_TARGET_MS} ms`, met: server.p99 < P99_TARGET_MS && server.failures === 0 },
    { section, measurement: `${endpoint}: nginx, same bytes as files`, value: fmt(nginx) },
    { section, measurement: `${endpoint}: server / nginx throughput`, value: ratio.toFixed(2), target: `≥ ${RATIO_TARGET}`, met: ratio >= RATIO_TARGET },
  ];
}

export async function benchTiles(serverUrl: string, nginx: StaticServer, log: (line: string) => void): Promise<ResultRow[]> {
  const results: ResultRow[] = [];
  for (const [endpoint, prepare] of [
    ['PMTiles Range /tiles/static.pmtiles', staticRequests],
    ['dynamic MVT /tiles/{layer}/{z}/{x}/{y}.mvt, answers already cut and cached in memory (gzip; no cutting timed, see (f))', dynamicRequests],
  ] as const) {
    const requests = await prepare(serverUrl, nginx);
    log(`${endpoint}: ${requests.count} tiles, ${DURATION_S} s per side`);
    const server = await measure(serverUrl, requests.server);
    const baseline = await measure(nginx.url, requests.nginx);
    results.push(...rows(endpoint, requests.count, server, baseline));
  }
  return results;
}
