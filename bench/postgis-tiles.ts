// (f) Dynamic tiles at the scale of a province and the nation, on PostgreSQL + PostGIS, with data
// made by bench/synthetic-nation.ts (618,450 villages; province 14 alone is 20,615):
// - per-tile latency, cold (not cached) and warm (cached), z6 to z12 over province 14: the
//   in-memory cutter and the PostGIS cutter on a database holding the province alone, and the
//   PostGIS cutter on the national database; timed in process around DynamicTiles.tile();
// - the largest and median gzipped tile at each zoom, from each cutter;
// - a real server on the national database: PATCH village → change event on an open live
//   connection, and → the new tile (decoded, showing the edit) fetched at the event's version;
//   the slowest other request (tiles elsewhere and the village list) while the edits run;
//   the server process's resident memory at start, after the tiles and after the edits.
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BBox, ChangeEvent, TileVersions, VillageView } from '../common/api';
import type { Db } from '../server/db/client';
import { openDb } from '../server/db/open-db';
import { migrate } from '../server/db/migrate';
import { enablePostgis } from '../server/db/postgis';
import { dynamicLayerLoaders } from '../server/tiles/dynamic-layers';
import { DynamicTiles } from '../server/tiles/dynamic-tiles';
import { memoryCutter } from '../server/tiles/memory-cutter';
import { postgisCutter } from '../server/tiles/postgis-cutter';
import { tileRange } from '../server/tiles/tile-areas';
import { startPostgres, type PostgresCluster } from '../tests/helpers/postgres';
import { REPO_ROOT } from '../tests/helpers/server';
import { login } from '../tests/helpers/session';
import { sseReader } from '../tests/helpers/sse';
import { tileOf } from '../tests/helpers/tile-coords';
import { freePort, waitForHttp } from './processes';
import type { ResultRow } from './report';
import { median, percentile } from './stats';
import { loadSyntheticNation, provinceBox } from './synthetic-nation';

const PROVINCE = '14';
const COUNTY = '140721';
const ZOOMS = [6, 7, 8, 9, 10, 11, 12];
/** Tiles timed per zoom and path, spread evenly over the province. */
const SAMPLE = 40;
const EDITS = 20;
const OTHER_LABELS = { cached: 'z11 tiles cached before', uncached: 'z13 tiles cut afresh', list: 'the county village list' };
const ms = (v: number) => `${v.toFixed(v < 10 ? 1 : 0)} ms`;
const kib = (b: number) => `${(b / 1024).toFixed(1)} KiB`;

function sampleTiles(box: BBox, z: number): [number, number][] {
  const r = tileRange(box, z);
  const all: [number, number][] = [];
  for (let x = r.minX; x <= r.maxX; x++) for (let y = r.minY; y <= r.maxY; y++) all.push([x, y]);
  const step = Math.max(1, Math.floor(all.length / SAMPLE));
  return all.filter((_, i) => i % step === 0).slice(0, SAMPLE);
}

async function newDatabase(cluster: PostgresCluster, name: string, province: string | undefined, log: (l: string) => void): Promise<{ db: Db; url: string }> {
  const admin = await openDb({ databaseUrl: cluster.url });
  await admin.exec(`CREATE DATABASE ${name}`);
  await admin.close();
  const url = cluster.url.replace(/\/[^/]*$/, `/${name}`);
  const db = await openDb({ databaseUrl: url });
  await migrate(db);
  if (!(await enablePostgis(db))) throw new Error('PostGIS is not installed (apt-get install postgresql-15-postgis-3)');
  const t0 = performance.now();
  const villages = await loadSyntheticNation(db, province);
  log(`${name}: ${villages} villages made in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  return { db, url };
}

interface PathTimes {
  label: string;
  tiles: DynamicTiles;
  firstTileMs?: number;
}

async function timeTile(tiles: DynamicTiles, z: number, x: number, y: number): Promise<{ ms: number; bytes: number }> {
  const t0 = performance.now();
  const data = await tiles.tile('villages', z, x, y);
  return { ms: performance.now() - t0, bytes: data?.length ?? 0 };
}

async function perTileLatency(paths: PathTimes[], box: BBox, log: (l: string) => void): Promise<ResultRow[]> {
  const rows: ResultRow[] = [];
  const section = `(f) villages tile cutting, province ${PROVINCE}`;
  for (const path of paths) {
    const [x, y] = sampleTiles(box, ZOOMS[0])[0];
    path.firstTileMs = (await timeTile(path.tiles, ZOOMS[0], x, y)).ms;
    rows.push({ section, measurement: `${path.label}: first tile after start (in memory: the whole layer is read and indexed first)`, value: ms(path.firstTileMs) });
  }
  for (const z of ZOOMS) {
    const tiles = sampleTiles(box, z);
    const sizes: string[] = [];
    for (const path of paths) {
      const cold: number[] = [];
      const warm: number[] = [];
      const bytes: number[] = [];
      for (const [x, y] of tiles) {
        const first = await timeTile(path.tiles, z, x, y);
        cold.push(first.ms);
        bytes.push(first.bytes);
        warm.push((await timeTile(path.tiles, z, x, y)).ms);
      }
      rows.push({
        section, measurement: `z${z}, ${tiles.length} tiles: ${path.label}`,
        value: `cold median ${ms(median(cold))}, p90 ${ms(percentile(cold, 90))}; warm median ${ms(median(warm))}`,
      });
      sizes.push(`${path.label} largest ${kib(Math.max(...bytes))}, median ${kib(median(bytes))}`);
    }
    rows.push({ section: `(f) villages tile sizes gzipped, province ${PROVINCE}`, measurement: `z${z}`, value: sizes.join('; ') });
    log(`z${z} timed`);
  }
  return rows;
}

const rssMb = (pid: number, field: 'VmRSS' | 'VmHWM') => {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith(field))!;
  return Math.round(Number(/(\d+)/.exec(line)![1]) / 1024);
};

async function decodedVillage(url: string, code: string, z: number, x: number, y: number, version: number) {
  const res = await fetch(`${url}/tiles/villages/${z}/${x}/${y}.mvt?v=${version}`);
  if (res.status !== 200) return undefined;
  const layer = new VectorTile(new PbfReader(new Uint8Array(await res.arrayBuffer()))).layers.villages;
  for (let i = 0; i < (layer?.length ?? 0); i++) if (layer.feature(i).properties.code === code) return layer.feature(i).properties;
  return undefined;
}

/** A real server on the national database: edits, the requests around them, memory. */
async function nationalServer(url: string, box: BBox, postgis: boolean, log: (l: string) => void): Promise<ResultRow[]> {
  const section = `(f) national database (618450 villages), server cutting tiles ${postgis ? 'with PostGIS' : 'in memory (POSTGIS=off)'}`;
  // In memory, every edit rebuilds the national layer (seconds): a few edits show it.
  const edits = postgis ? EDITS : 3;
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  // One key per database: a server restarted on the same database must find the key it made.
  const { port: dbPort, pathname } = new URL(url);
  const keyFile = join(tmpdir(), `fupin-bench-${dbPort}${pathname.replace('/', '-')}.pii.key`);
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: REPO_ROOT,
    env: {
      ...process.env, PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: url, COUNTY_CODE: COUNTY, PII_KEY_FILE: keyFile,
      STATIC_ARCHIVE: join(REPO_ROOT, 'data/generated', `${COUNTY}.pmtiles`), POSTGIS: postgis ? 'auto' : 'off',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const rows: ResultRow[] = [];
  try {
    await waitForHttp(`${base}/api/tiles/versions`, child, 600_000);
    const pid = child.pid!;
    log(`national server up on ${base}`);
    rows.push({ section, measurement: 'server resident memory after start', value: `${rssMb(pid, 'VmRSS')} MB` });
    const first = tileOf(box[0] + 1, box[1] + 1, 12);
    const t0 = performance.now();
    await fetch(`${base}/tiles/villages/12/${first.x}/${first.y}.mvt`).then((r) => r.arrayBuffer());
    rows.push({ section, measurement: 'first z12 villages tile after start', value: ms(performance.now() - t0) });
    for (const z of ZOOMS) for (const [x, y] of sampleTiles(box, z)) await fetch(`${base}/tiles/villages/${z}/${x}/${y}.mvt`).then((r) => r.arrayBuffer());
    rows.push({ section, measurement: `after ${ZOOMS.length * SAMPLE} villages tiles z6-z12 over province ${PROVINCE}`, value: `${rssMb(pid, 'VmRSS')} MB` });

    const admin = await login((path, init) => fetch(base + path, init), 'admin');
    const villages = (await (await fetch(`${base}/api/villages`, { headers: { Cookie: admin.cookie } })).json()) as VillageView[];
    const edited = villages.filter((v) => v.villageClass !== 'non_poor').slice(0, edits);
    const live = await fetch(`${base}/api/events`, { headers: { Cookie: admin.cookie } });
    const events = sseReader(live.body!);
    await events.nextOf('hello');

    // Other requests while the edits run, elsewhere in the nation: tiles already cached, tiles cut
    // afresh (a zoom nobody asked for yet), and the village list.
    let editing = true;
    const others = { cached: [] as number[], uncached: [] as number[], list: [] as number[] };
    const elsewhere = sampleTiles([100, 30, 120, 40], 11);
    for (const [x, y] of elsewhere) await fetch(`${base}/tiles/villages/11/${x}/${y}.mvt`).then((r) => r.arrayBuffer());
    const fresh = sampleTiles([100, 30, 120, 40], 13);
    const background = (async () => {
      for (let i = 0; editing; i++) {
        const [kind, path] = i % 3 === 0 ? ['cached', `/tiles/villages/11/${elsewhere[(i / 3) % elsewhere.length].join('/')}.mvt`] as const
          : i % 3 === 1 ? ['uncached', `/tiles/villages/13/${fresh[Math.floor(i / 3) % fresh.length].join('/')}.mvt`] as const
          : ['list', '/api/villages'] as const;
        const t0 = performance.now();
        await fetch(base + path, { headers: { Cookie: admin.cookie } }).then((r) => r.arrayBuffer());
        others[kind].push(performance.now() - t0);
      }
    })();

    const toEvent: number[] = [];
    const toTile: number[] = [];
    for (const village of edited) {
      const { x, y } = tileOf(village.center[0], village.center[1], 12);
      const versions = (await (await fetch(`${base}/api/tiles/versions`)).json()) as TileVersions;
      const before = await decodedVillage(base, village.code, 12, x, y, versions.villages);
      const broadband = !village.infra.broadband;
      const t0 = performance.now();
      const res = await admin.send('PATCH', `/api/villages/${village.code}`, { version: village.version, infra: { broadband } });
      if (res.status !== 200) throw new Error(`PATCH ${village.code}: ${res.status} ${JSON.stringify(res.body)}`);
      let event: ChangeEvent;
      do event = JSON.parse((await events.nextOf('change')).data) as ChangeEvent;
      while (event.id !== village.code);
      toEvent.push(performance.now() - t0);
      const after = await decodedVillage(base, village.code, 12, x, y, event.versions.villages);
      toTile.push(performance.now() - t0);
      if (after?.infraCompletion === before?.infraCompletion) throw new Error(`tile of ${village.code} unchanged after the edit`);
    }
    editing = false;
    await background;
    log(`${edits} edits timed`);
    await events.cancel();
    rows.push(
      { section, measurement: `PATCH village → change event on an open live connection, median / p90 of ${edits}`, value: `${ms(median(toEvent))} / ${ms(percentile(toEvent, 90))}`, target: '< 1000 ms', met: percentile(toEvent, 90) < 1000 },
      { section, measurement: `PATCH village → its new z12 tile served and decoded, median / p90 of ${edits}`, value: `${ms(median(toTile))} / ${ms(percentile(toTile, 90))}`, target: '< 1000 ms', met: percentile(toTile, 90) < 1000 },
      ...(Object.entries(others) as [keyof typeof others, number[]][]).map(([kind, times]) => ({
        section, measurement: `other requests during the edits, ${OTHER_LABELS[kind]} (${times.length}): median / p99 / slowest`,
        value: `${ms(median(times))} / ${ms(percentile(times, 99))} / ${ms(Math.max(...times))}`, target: '< 100 ms', met: Math.max(...times) < 100,
      })),
      { section, measurement: 'server resident memory after the edits; peak over the run', value: `${rssMb(pid, 'VmRSS')} MB; peak ${rssMb(pid, 'VmHWM')} MB`, target: '< 1024 MB', met: rssMb(pid, 'VmHWM') < 1024 },
    );
  } finally {
    child.kill('SIGTERM');
  }
  return rows;
}

export async function benchPostgisTiles(log: (line: string) => void): Promise<ResultRow[]> {
  const cluster = await startPostgres();
  if (!cluster) throw new Error('PostgreSQL server binaries not found');
  try {
    const province = await newDatabase(cluster, 'bench_province', PROVINCE, log);
    const nation = await newDatabase(cluster, 'bench_nation', undefined, log);
    const box = await provinceBox(nation.db, PROVINCE);
    const paths: PathTimes[] = [
      { label: 'in-memory, province database', tiles: new DynamicTiles(memoryCutter(dynamicLayerLoaders(province.db))) },
      { label: 'PostGIS, province database', tiles: new DynamicTiles(postgisCutter(province.db)) },
      { label: 'PostGIS, national database', tiles: new DynamicTiles(postgisCutter(nation.db)) },
    ];
    const rows = await perTileLatency(paths, box, log);
    await province.db.close();
    await nation.db.close();
    rows.push(...(await nationalServer(nation.url, box, true, log)));
    rows.push(...(await nationalServer(nation.url, box, false, log)));
    return rows;
  } finally {
    cluster.stop();
  }
}
