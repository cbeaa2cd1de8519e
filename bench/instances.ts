// (g) Several instances behind nginx (deploy/nginx.conf) on one throwaway PostgreSQL: the same
// requests through nginx to one instance and to two, round robin, for dynamic tiles (answers
// already cut and cached) and for the API (a village's record and the county summary, read from
// the database each time); and the static archive's Range requests answered by nginx from the file
// against the Node server answering them itself.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Request } from 'autocannon';
import type { BBox, CountyInfo, TileVersions, VillageView } from '../common/api';
import { archivePath } from '../server/bootstrap';
import { loadConfig } from '../server/config';
import { openDb } from '../server/db/open-db';
import { deployedNginx, type Nginx } from '../tests/helpers/nginx';
import { startPostgres } from '../tests/helpers/postgres';
import { startTestServer, type TestServer } from '../tests/helpers/server';
import { tilesCovering } from '../tiles/tile-grid';
import { listArchiveTiles } from './archive-tiles';
import type { ResultRow } from './report';
import { CONNECTIONS, measure, type LoadFigures } from './tile-load';

const SECTION = `(g) instances behind nginx, ${CONNECTIONS} clients`;

async function tileRequests(base: string): Promise<Request[]> {
  const get = async <T>(path: string) => (await (await fetch(`${base}${path}`)).json()) as T;
  const [county, versions] = await Promise.all([get<CountyInfo>('/api/county'), get<TileVersions>('/api/tiles/versions')]);
  const [w, s, e, n]: BBox = county.bbox;
  const requests: Request[] = [];
  for (const z of [10, 11, 12, 13]) {
    for (const { x, y } of tilesCovering([w, s, e, n], z)) requests.push({ path: `/tiles/villages/${z}/${x}/${y}.mvt?v=${versions.villages}`, headers: { 'Accept-Encoding': 'gzip' } });
  }
  return requests;
}

async function apiRequests(base: string): Promise<Request[]> {
  const villages = (await (await fetch(`${base}/api/villages`)).json()) as VillageView[];
  return [
    ...villages.slice(0, 50).map((v) => ({ path: `/api/villages/${v.code}` })),
    ...Array.from({ length: 10 }, () => ({ path: '/api/stats/summary' })),
  ];
}

function archiveRequests(archive: Uint8Array): Promise<Request[]> {
  return listArchiveTiles(archive).then((tiles) =>
    tiles.map((t) => ({ path: '/tiles/static.pmtiles', headers: { Range: `bytes=${t.offset}-${t.offset + t.length - 1}` } })),
  );
}

const fmt = (f: LoadFigures) => `${Math.round(f.rps)} req/s, p50 ${f.p50} ms, p99 ${f.p99} ms${f.failures ? `, ${f.failures} failed` : ''}`;

export async function benchInstances(log: (line: string) => void): Promise<ResultRow[]> {
  const cluster = (await startPostgres())!;
  const servers: TestServer[] = [];
  const proxies: Nginx[] = [];
  try {
    const admin = await openDb({ databaseUrl: cluster.url });
    await admin.exec('CREATE DATABASE bench_instances');
    await admin.close();
    const archive = archivePath(loadConfig({}));
    const env = {
      DATABASE_URL: cluster.url.replace(/\/[^/]*$/, '/bench_instances'), PII_KEY: randomBytes(32).toString('base64'), STATIC_ARCHIVE: archive, TRUST_PROXY: '1',
    };
    // The first creates and seeds the schema; the second finds it.
    servers.push(await startTestServer({ env }));
    servers.push(await startTestServer({ env }));
    const [a, b] = servers;
    const one = await deployedNginx([a.url], archive);
    proxies.push(one);
    const two = await deployedNginx([a.url, b.url], archive);
    proxies.push(two);

    const rows: ResultRow[] = [];
    for (const [what, requests] of [
      ['dynamic villages tiles z10-z13 (cut and cached)', await tileRequests(a.url)],
      ['API: village records and county summaries', await apiRequests(a.url)],
    ] as const) {
      log(`${what}: ${requests.length} distinct requests, one instance then two`);
      // Each instance asked everything once first: both measure answers they have cut before.
      for (const r of requests) await Promise.all(servers.map((s) => fetch(`${s.url}${r.path}`, { headers: r.headers })));
      const single = await measure(one.url, [...requests]);
      const double = await measure(two.url, [...requests]);
      rows.push(
        { section: SECTION, measurement: `${what}: nginx → 1 instance`, value: fmt(single) },
        { section: SECTION, measurement: `${what}: nginx → 2 instances`, value: fmt(double) },
        { section: SECTION, measurement: `${what}: 2 instances / 1`, value: (double.rps / single.rps).toFixed(2) },
      );
    }

    const ranges = await archiveRequests(readFileSync(archive));
    log(`static archive: ${ranges.length} tile ranges, the Node server then nginx from the file`);
    const node = await measure(a.url, ranges);
    const direct = await measure(two.url, ranges);
    rows.push(
      { section: SECTION, measurement: 'static archive Range requests: one Node instance', value: fmt(node) },
      { section: SECTION, measurement: 'static archive Range requests: nginx from the file (deploy/nginx.conf)', value: fmt(direct) },
      { section: SECTION, measurement: 'static archive: nginx / Node', value: (direct.rps / node.rps).toFixed(2) },
    );
    return rows;
  } finally {
    await Promise.all(proxies.map((p) => p.stop()));
    await Promise.all(servers.map((s) => s.stop()));
    cluster.stop();
  }
}
