// The national pipeline on one prefecture (Jinzhong, 1407: 11 counties, Yushe among them): data
// build, tiles and the database load with its county/province/national summaries. The full
// national build (npm run build:national) is far too slow for the test suite.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { PMTiles, type RangeResponse, type Source } from 'pmtiles';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProjectView, SiteView, Summary, VillageView } from '../common/api';
import type { Bulletin } from '../common/bulletin';
import { chinaToday } from '../common/problems';
import { EXIT_STATUSES } from '../common/indicators';
import { NATIONAL_FILES, type NationalCounty, type NationalMeta, type NationalVillage } from '../common/national-dataset';
import { isInside } from '../data/build/geo';
import { buildNationalDataset } from '../data/build/national/national-dataset';
import { readNdjsonGz } from '../data/build/national/ndjson';
import { readOutlineFeature } from '../data/build/national/outlines';
import { readCountyUnits } from '../data/build/units';
import { readCounties } from '../data/build/sources';
import { createApp } from '../server/app';
import { seedDemoUsers } from '../server/auth/users';
import type { Db } from '../server/db/client';
import { migrate } from '../server/db/migrate';
import { enablePostgis } from '../server/db/postgis';
import { seedNationalDataset } from '../server/db/national-seed';
import { memoryArchive } from '../server/tiles/archive-source';
import { buildNationalTiles, FULL_ZOOM, NATIONAL_ZOOMS, TILE_BUDGET_BYTES, type NationalTileResult } from '../tiles/build-national';
import { listArchiveTiles } from '../bench/archive-tiles';
import { BACKENDS, freshDb } from './helpers/app';
import { login } from './helpers/session';
import { HEADER_ROW, readSheet } from './helpers/xlsx';

const PREFECTURE = '1407';
let dir: string;
let meta: NationalMeta;
let villages: NationalVillage[];
let counties: NationalCounty[];

async function readAll<T>(file: string): Promise<T[]> {
  const records: T[] = [];
  for await (const r of readNdjsonGz<T>(join(dir, file))) records.push(r);
  return records;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'fupin-national-'));
  meta = await buildNationalDataset({ outDir: dir, prefix: PREFECTURE, workers: 1 });
  villages = await readAll(NATIONAL_FILES.villages);
  counties = await readAll(NATIONAL_FILES.counties);
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('national data build, one prefecture', () => {
  it('writes the same files on two threads in chunks of 3 counties as in one chunk on one thread', async () => {
    const other = mkdtempSync(join(tmpdir(), 'fupin-national-'));
    try {
      const chunked = await buildNationalDataset({ outDir: other, prefix: PREFECTURE, workers: 2, chunkCounties: 3 });
      expect(chunked).toEqual(meta);
      for (const file of [NATIONAL_FILES.counties, NATIONAL_FILES.townships, NATIONAL_FILES.villages]) {
        expect(gunzipSync(readFileSync(join(other, file))).equals(gunzipSync(readFileSync(join(dir, file)))), file).toBe(true);
      }
      expect(readdirSync(other).filter((f) => f.startsWith('.part-'))).toEqual([]);
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  }, 120_000);

  it('has every real village of the prefecture once, in code order', () => {
    const expected = readCounties(PREFECTURE).flatMap((c) => readCountyUnits(c.code).townships.flatMap((t) => t.villages.map((v) => v.code)));
    expect(villages.map((v) => v.code)).toEqual([...expected].sort());
    expect(meta.counts).toMatchObject({ provinces: 1, counties: counties.length, villages: expected.length });
    expect(meta.unplaced.villages).toBe(0);
  });

  it('places each village strictly inside the outline its county uses', () => {
    const outline = new Map(counties.map((c) => [c.code, readOutlineFeature(c.outline)]));
    for (const v of villages) expect(isInside([v.lon, v.lat], outline.get(v.code.slice(0, 6))!), v.code).toBe(true);
    const own = counties.filter((c) => c.match === 'id');
    expect(own.length).toBeGreaterThan(counties.length / 2);
    for (const c of counties) expect(c.hostCode === c.code).toBe(c.match === 'id' || c.match === 'name');
  });

  it('draws a county the same whether built alone or with its prefecture', async () => {
    const alone = mkdtempSync(join(tmpdir(), 'fupin-national-'));
    try {
      await buildNationalDataset({ outDir: alone, prefix: '140721' });
      const yushe: NationalVillage[] = [];
      for await (const v of readNdjsonGz<NationalVillage>(join(alone, NATIONAL_FILES.villages))) yushe.push(v);
      expect(yushe).toEqual(villages.filter((v) => v.code.startsWith('140721')));
    } finally {
      rmSync(alone, { recursive: true, force: true });
    }
  });
});

class BufferSource implements Source {
  constructor(private readonly bytes: Buffer) {}
  getKey = () => 'test';
  async getBytes(offset: number, length: number): Promise<RangeResponse> {
    return { data: this.bytes.buffer.slice(this.bytes.byteOffset + offset, this.bytes.byteOffset + offset + length) as ArrayBuffer };
  }
}

describe('national tiles, one prefecture', () => {
  let result: NationalTileResult;
  beforeAll(async () => {
    result = await buildNationalTiles(dir);
  });

  it('keeps every tile under the budget and thins villages only below the full zoom', () => {
    for (const zoom of result.zooms) expect(zoom.maxTileBytes, `z${zoom.z}`).toBeLessThan(TILE_BUDGET_BYTES);
    const byZoom = new Map(result.zooms.map((z) => [z.z, z.villages]));
    expect(byZoom.get(FULL_ZOOM)).toBe(villages.length);
    expect(byZoom.get(NATIONAL_ZOOMS.minZoom)!).toBeLessThan(villages.length / 10);
  });

  it('has every village, with its exit status, in the full-zoom tiles', async () => {
    const archive = new PMTiles(new BufferSource(result.archive));
    const seen = new Set<string>();
    for (const t of (await listArchiveTiles(result.archive)).filter((t) => t.z === FULL_ZOOM)) {
      const tile = new VectorTile(new PbfReader(new Uint8Array((await archive.getZxy(t.z, t.x, t.y))!.data)));
      const layer = tile.layers.villages;
      for (let i = 0; layer && i < layer.length; i++) {
        const { code, exitStatus } = layer.feature(i).properties;
        expect(EXIT_STATUSES).toContain(exitStatus);
        seen.add(String(code));
      }
    }
    expect(seen.size).toBe(villages.length);
  });
});

describe.each(BACKENDS)('national load and scoped summaries on %s', (backend) => {
  let db: Db;
  let app: ReturnType<typeof createApp>['app'];
  let counts: Awaited<ReturnType<typeof seedNationalDataset>>;
  beforeAll(async () => {
    db = await freshDb(backend);
    await migrate(db);
    // As load:national does: PostGIS's columns and triggers first, so the COPY fills them.
    if (backend === 'postgres') expect(await enablePostgis(db)).toBe(true);
    counts = await seedNationalDataset(db, { dir });
    await seedDemoUsers(db);
    ({ app } = createApp({ db, staticArchive: memoryArchive(new Uint8Array()), countyCode: '140721' }));
  }, 120_000);
  afterAll(() => db?.close());

  it.runIf(backend === 'postgres')('fills the PostGIS geometry columns, their indexes and the area counts during the COPY load', async () => {
    for (const table of ['counties', 'townships', 'villages']) {
      const [row] = await db.query<{ missing: number }>(`SELECT count(*) FILTER (WHERE geom_3857 IS NULL)::int AS missing FROM ${table}`);
      expect(row.missing, table).toBe(0);
    }
    const indexes = await db.query<{ name: string }>("SELECT indexname AS name FROM pg_indexes WHERE tablename = 'villages'");
    expect(indexes.map((i) => i.name)).toEqual(expect.arrayContaining(['villages_geom_3857', 'villages_township_prefix']));
    // The statement trigger ran over the COPY: every village counted once in its county and once in its township.
    const [counted] = await db.query<{ counties: number; townships: number }>(
      `SELECT coalesce(sum(villages) FILTER (WHERE length(code) = 6), 0)::int AS counties,
              coalesce(sum(villages) FILTER (WHERE length(code) = 9), 0)::int AS townships FROM village_area_counts`,
    );
    expect(counted).toEqual({ counties: villages.length, townships: villages.length });
  });
  const get = async <T>(path: string) => (await (await app.request(path)).json()) as T;

  it('sums townships, counties, the province and the database alike, and follows edits', async () => {
    expect(counts).toMatchObject({ counties: counties.length, villages: villages.length });
    const summary = async (query: string) => (await (await app.request(`/api/stats/summary${query}`)).json()) as Summary;

    const all = await summary('?scope=national');
    expect(all.scope).toMatchObject({ level: 'national', code: '' });
    // Unnamed, the scope is the portal's own county, not the whole database.
    expect((await summary('')).scope).toMatchObject({ level: 'county', code: '140721' });
    expect(all.villages.total).toBe(villages.length);
    expect((await summary('?province=14')).villages).toEqual(all.villages);
    const yushe = await summary('?county=140721');
    expect(yushe.scope).toMatchObject({ level: 'county', name: '榆社县' });
    expect(yushe.villages.total).toBe(villages.filter((v) => v.code.startsWith('140721')).length);
    const poor = villages.filter((v) => v.code.startsWith('140721') && v.villageClass !== 'non_poor');
    expect(yushe.villages.poor).toBe(poor.length);
    expect(yushe.villages.exited).toBe(poor.filter((v) => v.actualExitYear !== null).length);

    // The portal's lists are its county's, however much else the database holds.
    expect((await get<{ code: string }>('/api/county')).code).toBe('140721');
    const listed = await get<{ code: string }[]>('/api/townships');
    const ownTownships = await db.query<{ code: string }>(`SELECT code FROM townships WHERE county_code = '140721' ORDER BY code`);
    expect(listed.map((t) => t.code)).toEqual(ownTownships.map((t) => t.code));
    const villageList = await get<{ code: string }[]>('/api/villages');
    expect(villageList.length).toBe(yushe.villages.total);
    expect(villageList.every((v) => v.code.startsWith('140721'))).toBe(true);
    const ranking = await get<{ code: string }[]>('/api/stats/townships');
    expect(ranking.map((t) => t.code).sort()).toEqual(listed.map((t) => t.code));
    const bulletin = await get<Bulletin>('/api/bulletin');
    expect(bulletin.rows.map((r) => r.code).sort()).toEqual(listed.map((t) => t.code));
    expect(bulletin.county.poorVillages).toBe(yushe.villages.poor);

    // A township is summed from its village rows, a county from the rollups: the same numbers.
    const townships = await db.query<{ code: string }>(`SELECT code FROM townships WHERE county_code = '140721'`);
    const parts = await Promise.all(townships.map((t) => summary(`?township=${t.code}`)));
    expect(parts.reduce((n, s) => n + s.villages.exited, 0)).toBe(yushe.villages.exited);
    expect(parts.reduce((n, s) => n + s.population.poorPersons, 0)).toBe(yushe.population.poorPersons);

    // Rollups follow a write that bypasses the application, as an import would do.
    const target = poor.find((v) => v.actualExitYear !== null)!;
    await db.query(`UPDATE villages SET actual_exit_year = NULL WHERE code = $1`, [target.code]);
    expect((await summary('?county=140721')).villages.exited).toBe(yushe.villages.exited - 1);
    expect((await summary('?scope=national')).villages.exited).toBe(all.villages.exited - 1);
  }, 120_000);

  it("locates a road drawn in the portal's county in its own townships and villages, and lists only its county's sites, projects and problems", async () => {
    // A site and a project of another county, as a province's own data would hold them, and a site of the portal's.
    const [village] = await get<VillageView[]>('/api/villages');
    const [lon, lat] = village.center;
    const [elsewhere] = await db.query<{ code: string; lon: number; lat: number }>(
      `SELECT code, (center->>0)::float8 AS lon, (center->>1)::float8 AS lat FROM townships WHERE county_code <> '140721' ORDER BY code LIMIT 1`,
    );
    const addSite = (township: string, name: string, at: number[]) =>
      db.query(
        `INSERT INTO sites (township_code, name, name_en, lon, lat, planned_households, planned_persons, moved_households,
           moved_persons, completed_households, stable_households, demolished_households)
         VALUES ($1, $2, $2, $3, $4, 10, 30, 0, 0, 0, 0, 0)`,
        [township, name, ...at],
      );
    await addSite(elsewhere.code, '外县安置点', [elsewhere.lon, elsewhere.lat]);
    await addSite(village.townshipCode, '县内安置点', [lon, lat]);
    await db.query(
      `INSERT INTO projects (kind, subtype, township_code, name, name_en, geom, progress_pct, budget, spent, planned_start, planned_end, status)
       VALUES ('water', 'drinking_water', $1, '外县饮水工程', 'Other county water', $2::text::jsonb, 0, 1000, 0, '2020-01-01', '2020-12-31', 'planned')`,
      [elsewhere.code, JSON.stringify({ type: 'Point', coordinates: [elsewhere.lon, elsewhere.lat] })],
    );

    const pm = await login(app.request.bind(app), 'xiangmu');
    const drawn = await pm.send<ProjectView>('POST', '/api/projects', {
      kind: 'road', subtype: 'upgrade', name: '县内新建道路', geometry: { type: 'LineString', coordinates: [[lon, lat], [lon + 0.001, lat]] },
      budget: 100_000, plannedStart: '2020-03-01', plannedEnd: '2020-10-31',
    });
    expect(drawn.status).toBe(201);
    expect(drawn.body.townshipCode).toMatch(/^140721/);
    expect(drawn.body.villages).toContain(village.code);
    expect(drawn.body.villages.every((code) => code.startsWith('140721'))).toBe(true);

    const names = (rows: { name: string }[]) => rows.map((r) => r.name);
    expect(names(await get<ProjectView[]>('/api/projects'))).toEqual(['县内新建道路']);
    expect(names(await get<SiteView[]>('/api/sites'))).toEqual(['县内安置点']);
    const layer = async (name: string) => names((await get<GeoJSON.FeatureCollection>(`/api/geojson/${name}`)).features.map((f) => f.properties as { name: string }));
    expect(await layer('projects')).toEqual(['县内新建道路']);
    expect(await layer('sites')).toEqual(['县内安置点']);
    const sheetNames = async (file: string) => {
      // Signed in: the problem ledger's export names people.
      const { rows } = await readSheet(await (await app.request(`/api/export/${file}`, { headers: { Cookie: pm.cookie } })).arrayBuffer());
      return rows.slice(HEADER_ROW + 1).map((r) => r[1]);
    };
    expect(await sheetNames('sites.xlsx')).toEqual(['县内安置点']);
    expect(await sheetNames('projects.xlsx')).toEqual(['县内新建道路']);

    // Problems, likewise: one logged here on the drawn road, one of the other county's.
    await db.query(
      `INSERT INTO problems (entity_type, entity_id, township_code, lon, lat, title, source, responsible_unit, deadline, created_by)
       SELECT 'project', id::text, township_code, $2, $3, '外县问题', 'audit', '外县水利局', '2020-01-01', (SELECT min(id) FROM users)
       FROM projects WHERE township_code = $1`,
      [elsewhere.code, elsewhere.lon, elsewhere.lat],
    );
    const logged = await pm.send('POST', '/api/problems', {
      entityType: 'project', entityId: String(drawn.body.id), title: '县内问题', source: 'inspection', responsibleUnit: '县交通局', deadline: chinaToday(),
    });
    expect(logged.status).toBe(201);
    const titles = (rows: { title: string }[]) => rows.map((r) => r.title);
    expect(titles(await get<{ title: string }[]>('/api/problems'))).toEqual(['县内问题']);
    expect(titles((await get<GeoJSON.FeatureCollection>('/api/problems/map')).features.map((f) => f.properties as { title: string }))).toEqual(['县内问题']);
    expect(await sheetNames('problems.xlsx')).toEqual(['县内问题']);
  }, 120_000);
});
