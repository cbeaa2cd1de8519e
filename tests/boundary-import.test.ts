// Real boundaries: CGCS2000 Gauss-Krüger (3° and 6° zones, with and without the zone number) and
// the other systems offices receive, detected from the .prj or chosen, taken to WGS-84 with proj4
// and checked here against an independent transverse Mercator; features matched to villages by
// code or name; the commit replaces the polygons, marks them real and rebuilds the static tiles.
import shpwrite from '@mapbox/shp-write';
import { area, distance } from '@turf/turf';
import { readFileSync, rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiError, CountyInfo, VillageView } from '../common/api';
import type { BoundaryImportPreview } from '../common/boundaries';
import type { ImportResult } from '../common/imports';
import type { BoundaryTarget } from '../server/repo/boundaries';
import { crsOfGeoJsonMember, crsOfWkt, resolveCrs, toWgs84, type CrsRequest } from '../server/services/import/boundary-crs';
import { matchFeatures } from '../server/services/import/boundary-match';
import { archivePath, ensureDataset } from '../server/bootstrap';
import { loadConfig } from '../server/config';
import { BACKENDS, createTestApp } from './helpers/app';
import { login, type Session } from './helpers/session';
import { startTestServer } from './helpers/server';
import { upload } from './helpers/upload';

/**
 * Gauss-Krüger forward (Krüger's n-series to n⁶, Karney 2011 eq. 35-36) on the CGCS2000 ellipsoid,
 * written independently of proj4 to give the expected grid coordinates.
 */
function gaussKruger(lon: number, lat: number, centralMeridian: number, falseEasting: number): [number, number] {
  const a = 6378137;
  const f = 1 / 298.257222101;
  const n = f / (2 - f);
  const n2 = n * n, n3 = n2 * n, n4 = n3 * n, n5 = n4 * n, n6 = n5 * n;
  const A = (a / (1 + n)) * (1 + n2 / 4 + n4 / 64 + n6 / 256);
  const alpha = [
    n / 2 - (2 * n2) / 3 + (5 * n3) / 16 + (41 * n4) / 180 - (127 * n5) / 288 + (7891 * n6) / 37800,
    (13 * n2) / 48 - (3 * n3) / 5 + (557 * n4) / 1440 + (281 * n5) / 630 - (1983433 * n6) / 1935360,
    (61 * n3) / 240 - (103 * n4) / 140 + (15061 * n5) / 26880 + (167603 * n6) / 181440,
    (49561 * n4) / 161280 - (179 * n5) / 168 + (6601661 * n6) / 7257600,
    (34729 * n5) / 80640 - (3418889 * n6) / 1995840,
    (212378941 * n6) / 319334400,
  ];
  const e = (2 * Math.sqrt(n)) / (1 + n);
  const phi = (lat * Math.PI) / 180;
  const lambda = ((lon - centralMeridian) * Math.PI) / 180;
  const t = Math.sinh(Math.atanh(Math.sin(phi)) - e * Math.atanh(e * Math.sin(phi)));
  const xi1 = Math.atan2(t, Math.cos(lambda));
  const eta1 = Math.atanh(Math.sin(lambda) / Math.sqrt(1 + t * t));
  let xi = xi1, eta = eta1;
  alpha.forEach((al, i) => {
    const j = 2 * (i + 1);
    xi += al * Math.sin(j * xi1) * Math.cosh(j * eta1);
    eta += al * Math.cos(j * xi1) * Math.sinh(j * eta1);
  });
  return [falseEasting + A * eta, A * xi];
}

const metres = (a: number[], b: number[]) => distance(a, b, { units: 'kilometers' }) * 1000;
const CGCS2000 = 'GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]';
const arcgisGk = (title: string, cm: number, fe: number, geogcs = CGCS2000) =>
  `PROJCS["${title}",${geogcs},PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",${fe}.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",${cm}.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]`;
const XIAN80 = 'GEOGCS["GCS_Xian_1980",DATUM["D_Xian_1980",SPHEROID["Xian_1980",6378140.0,298.257]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]';
const BEIJING54 = 'GEOGCS["GCS_Beijing_1954",DATUM["D_Beijing_1954",SPHEROID["Krasovsky_1940",6378245.0,298.3]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]';
const CGCS = { choice: 'auto', datum: 'cgcs2000' } as const satisfies CrsRequest;

describe('Gauss-Krüger to WGS-84', () => {
  // Yushe county and its edges: 3° zone 38 (central meridian 114°E), 6° zone 19 (111°E).
  const points: [number, number][] = [[112.9789, 37.0712], [112.6512, 36.8891], [113.2504, 37.2733]];
  const zones = [
    { title: 'CGCS2000_3_Degree_GK_Zone_38', cm: 114, fe: 38_500_000, epsg: 4526 },
    { title: 'CGCS2000_3_Degree_GK_CM_114E', cm: 114, fe: 500_000, epsg: 4547 },
    { title: 'CGCS2000_GK_Zone_19', cm: 111, fe: 19_500_000, epsg: 4497 },
    { title: 'CGCS2000_GK_CM_111E', cm: 111, fe: 500_000, epsg: 4508 },
  ];

  it.each(zones)('$title: grid coordinates go back to their longitude/latitude within 0.1 m', ({ title, cm, fe, epsg }) => {
    const crs = crsOfWkt(arcgisGk(title, cm, fe));
    expect(crs).toMatchObject({ kind: 'gk', datum: 'cgcs2000', epsg, zone: { centralMeridian: cm, zonePrefix: fe > 1e6 } });
    const grid = points.map(([lon, lat]) => gaussKruger(lon, lat, cm, fe));
    const transform = toWgs84(resolveCrs('t.shp', crs, CGCS, grid.map((g) => g[0])));
    grid.forEach((g, i) => expect(metres(transform(g), points[i])).toBeLessThan(0.1));
  });

  it('takes the zone from the eastings\' zone number, or from the chosen central meridian, when there is no .prj', () => {
    const [lon, lat] = points[0];
    const zone38 = gaussKruger(lon, lat, 114, 38_500_000);
    const crs = resolveCrs('t.shp', null, { choice: 'gk3', datum: 'cgcs2000' }, [zone38[0]]);
    expect(crs).toMatchObject({ kind: 'gk', epsg: 4526 });
    expect(metres(toWgs84(crs)(zone38), [lon, lat])).toBeLessThan(0.1);
    const cm111 = gaussKruger(lon, lat, 111, 500_000);
    const chosen = resolveCrs('t.shp', null, { choice: 'gk6', datum: 'cgcs2000', centralMeridian: 111 }, [cm111[0]]);
    expect(chosen).toMatchObject({ kind: 'gk', epsg: 4508 });
    expect(metres(toWgs84(chosen)(cm111), [lon, lat])).toBeLessThan(0.1);
    expect(() => resolveCrs('t.shp', null, { choice: 'gk6', datum: 'cgcs2000' }, [cm111[0]])).toThrow(/中央经线/);
    expect(() => resolveCrs('t.shp', null, CGCS, [cm111[0]])).toThrow(/选择坐标系/);
    // Eastings of zone 38 read as zone 37 are refused, not put 3° west.
    expect(() => resolveCrs('t.shp', crsOfWkt(arcgisGk('CGCS2000_3_Degree_GK_Zone_37', 111, 37_500_000)), CGCS, [zone38[0]])).toThrow(/第 37 带/);
  });

  it('reads geographic .prj files and GeoJSON crs members', () => {
    expect(crsOfWkt(CGCS2000)).toEqual({ kind: 'lonlat', shift: 'wgs84', datum: 'cgcs2000' });
    expect(crsOfWkt('GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]')).toEqual({ kind: 'lonlat', shift: 'wgs84' });
    expect(crsOfGeoJsonMember({ type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::4547' } })).toMatchObject({ kind: 'gk', zone: { centralMeridian: 114, width: 3, zonePrefix: false } });
    expect(crsOfGeoJsonMember({ type: 'name', properties: { name: 'EPSG:4490' } })).toMatchObject({ kind: 'lonlat', datum: 'cgcs2000' });
    expect(crsOfWkt('PROJCS["WGS_1984_Web_Mercator_Auxiliary_Sphere",GEOGCS["GCS_WGS_1984"],PROJECTION["Mercator_Auxiliary_Sphere"]]')).toMatchObject({ kind: 'other' });
  });

  it('refuses Xian 1980 and Beijing 1954 unless the seven parameters are given, then applies them', () => {
    const xian = crsOfWkt(arcgisGk('Xian_1980_3_Degree_GK_CM_114E', 114, 500_000, XIAN80));
    const beijing = crsOfWkt(arcgisGk('Beijing_1954_3_Degree_GK_Zone_38', 114, 38_500_000, BEIJING54));
    expect(xian).toMatchObject({ kind: 'gk', datum: 'xian80', epsg: 2383 });
    expect(beijing).toMatchObject({ kind: 'gk', datum: 'beijing54', epsg: 2414 });
    const [e, n] = gaussKruger(112.9789, 37.0712, 114, 500_000);
    expect(() => resolveCrs('x.shp', xian, CGCS, [e])).toThrow(/Xian 1980.*七参数/);
    expect(() => resolveCrs('b.shp', beijing, CGCS, [e + 38e6])).toThrow(/Beijing 1954.*七参数/);
    // Zero parameters: only the ellipsoid differs (a = 6378140), which moves a point by metres, not kilometres.
    const moved = toWgs84(resolveCrs('x.shp', xian, { ...CGCS, towgs84: [0, 0, 0, 0, 0, 0, 0] }, [e]), [0, 0, 0, 0, 0, 0, 0])([e, n]);
    expect(metres(moved, [112.9789, 37.0712])).toBeGreaterThan(0.5);
    expect(metres(moved, [112.9789, 37.0712])).toBeLessThan(50);
  });
});

describe('matching features to villages', () => {
  const target = (code: string, name: string, townshipCode: string): BoundaryTarget => ({ code, name, townshipCode, bbox: [0, 0, 0, 0], center: [0, 0], boundaryDemo: true, version: 1 });
  const targets = [target('140721100200', '城关村', '140721100'), target('140721101201', '东村', '140721101'), target('140721102201', '东村', '140721102')];
  const townships = [{ code: '140721100', name: '箕城镇' }, { code: '140721101', name: '云簇镇' }, { code: '140721102', name: '郝北镇' }];
  const label = (row: number, properties: Record<string, unknown>) => ({ row, properties });

  it('matches by code (the survey\'s 19-digit one too) and by name within the township, listing the rest', () => {
    const { matches, issues } = matchFeatures('villages', [
      label(1, { ZLDWDM: '1407211002000000000', ZLDWMC: '城关村民委员会' }),
      label(2, { 村名: '东村村委会', 乡镇名称: '云簇镇' }),
      label(3, { 村名: '东村' }),
      label(4, { 村名: '西村', 乡镇代码: '140721102' }),
      label(5, { 村代码: '140721999999' }),
      label(6, { 村代码: '141121100200', 村名: '城关村' }),
    ], targets, townships);
    expect(matches.map((m) => [m.index, m.target.code, m.matchedBy])).toEqual([[0, '140721100200', 'code'], [1, '140721101201', 'name']]);
    expect(issues.map((i) => [i.row, i.code])).toEqual([[3, '东村'], [4, '西村'], [5, '140721999999'], [6, '141121100200']]);
    expect(issues[0].message).toMatch(/多个村.*140721101201.*140721102201/);
  });

  it('lists every feature of a village claimed twice and takes neither', () => {
    const { matches, issues } = matchFeatures('villages', [label(1, { code: '140721100200' }), label(2, { name: '城关村', 乡镇: '箕城镇' })], targets, townships);
    expect(matches).toEqual([]);
    expect(issues.map((i) => i.row)).toEqual([1, 2]);
    expect(issues[0].message).toContain('第 1、2 个要素');
  });
});

describe.each(BACKENDS)('boundary import on %s', (backend) => {
  let t: Awaited<ReturnType<typeof createTestApp>>;
  let admin: Session;
  let villages: VillageView[];

  beforeAll(async () => {
    t = await createTestApp(backend);
    admin = await login(t.request, 'admin');
    villages = (await t.json<VillageView[]>('/api/villages')).body;
  });
  afterAll(() => t.close());

  const preview = (file: { name: string; bytes: Uint8Array | string }, fields: Record<string, string>) =>
    upload<BoundaryImportPreview>(t.request, admin, '/api/import/boundaries/preview', file, fields);
  const commit = (token: string | null) => admin.send<ImportResult & ApiError>('POST', '/api/import/boundaries/commit', { token });
  const archive = async () => new Uint8Array(await (await t.request('/tiles/static.pmtiles')).arrayBuffer());

  /** The demo village polygons in 3° zone 38 with the zone number, moved 30 m east. */
  const SHIFT = 30;
  const projectedVillages = () => ({
    type: 'FeatureCollection' as const,
    features: t.dataset.villages.map((v) => ({
      type: 'Feature' as const,
      properties: { ZLDWDM: `${v.properties.code}0000000`, ZLDWMC: v.properties.name },
      geometry: {
        type: 'Polygon' as const,
        coordinates: (v.geometry as GeoJSON.Polygon).coordinates.map((ring) => ring.map(([lon, lat]) => {
          const [x, y] = gaussKruger(lon, lat, 114, 38_500_000);
          return [x + SHIFT, y];
        })),
      },
    })),
  });

  it('refuses a Xian 1980 file without the seven parameters and asks for the system of a file without .prj', async () => {
    const fc = projectedVillages();
    const xian = { ...fc, crs: { type: 'name', properties: { name: 'EPSG:2362' } } };
    const refused = await preview({ name: 'xian.geojson', bytes: JSON.stringify(xian) }, { level: 'villages' });
    expect(refused.status).toBe(422);
    expect(refused.body.error).toMatchObject({ code: 'datum_needs_parameters' });
    expect(refused.body.error.messageEn).toMatch(/Xian 1980/);
    const unknown = await preview({ name: 'plain.geojson', bytes: JSON.stringify(fc) }, { level: 'villages' });
    expect(unknown.body.error).toMatchObject({ code: 'crs_required' });
  });

  it('previews a zipped Shapefile in CGCS2000 3° zone 38, lists what is not matched, and commits nothing while anything is', async () => {
    const fc = projectedVillages();
    fc.features.push({ ...fc.features[0], properties: { ZLDWDM: '1407219999990000000', ZLDWMC: '' } });
    const zip = (await shpwrite.zip(fc, { outputType: 'uint8array', compression: 'DEFLATE', prj: arcgisGk('CGCS2000_3_Degree_GK_Zone_38', 114, 38_500_000) } as never)) as Uint8Array;
    const { status, body } = await preview({ name: '村级调查区.zip', bytes: zip }, { level: 'villages' });
    expect(status).toBe(200);
    expect(body.crs).toBe('CGCS2000 GK 3° zone 38 (EPSG:4526)');
    expect(body.changes).toHaveLength(villages.length);
    expect(body.errors.map((e) => [e.row, e.code])).toEqual([[villages.length + 1, '1407219999990000000']]);
    expect(body.token).toBeNull();
    expect(body.changes.every((c) => c.matchedBy === 'code')).toBe(true);
  });

  it('writes nothing when a village changed between the preview and the commit', async () => {
    const fc = projectedVillages();
    fc.features = fc.features.slice(0, 3);
    const geojson = { ...fc, crs: { type: 'name', properties: { name: 'EPSG:4526' } } };
    const { body } = await preview({ name: 'three.geojson', bytes: JSON.stringify(geojson) }, { level: 'villages' });
    expect(body.changes).toHaveLength(3);
    const last = body.changes[2].code;
    await t.db.query('UPDATE villages SET version = version + 1 WHERE code = $1', [last]);
    const done = await commit(body.token);
    expect(done.status).toBe(409);
    expect(done.body.error.code).toBe('stale_preview');
    const rows = await t.db.query<{ boundary_demo: boolean }>('SELECT boundary_demo FROM villages WHERE code = ANY($1::text[])', [body.changes.map((c) => c.code)]);
    expect(rows.map((r) => r.boundary_demo)).toEqual([true, true, true]);
  });

  it('imports township boundaries from GeoJSON in EPSG:4547 (no zone number), matched by name, audited as townships', async () => {
    const fc = {
      type: 'FeatureCollection',
      crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::4547' } },
      features: t.dataset.townships.map((tw) => ({
        type: 'Feature',
        properties: { 乡镇名称: `${tw.properties.name}人民政府` },
        geometry: tw.geometry.type === 'Polygon'
          ? { type: 'Polygon', coordinates: tw.geometry.coordinates.map((ring) => ring.map(([lon, lat]) => gaussKruger(lon, lat, 114, 500_000))) }
          : { type: 'MultiPolygon', coordinates: tw.geometry.coordinates.map((p) => p.map((ring) => ring.map(([lon, lat]) => gaussKruger(lon, lat, 114, 500_000)))) },
      })),
    };
    const { status, body } = await preview({ name: '乡镇界.geojson', bytes: JSON.stringify(fc) }, { level: 'townships' });
    expect(status).toBe(200);
    expect(body.crs).toBe('CGCS2000 GK 3° CM 114E (EPSG:4547)');
    expect(body.errors).toEqual([]);
    expect(body.changes.map((c) => [c.code, c.matchedBy])).toEqual(t.dataset.townships.map((tw) => [tw.properties.code, 'name']));
    // The same polygons come back: the same areas.
    body.changes.forEach((c, i) => expect(c.areaKm2).toBeCloseTo(area(t.dataset.townships[i]) / 1e6, 1));
    expect((await commit(body.token)).status).toBe(200);
    const [entry] = await t.db.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_log WHERE entity_type = 'township' AND action = 'import'");
    expect(entry.n).toBe(t.dataset.townships.length);
    expect((await t.json<CountyInfo>('/api/county')).body.demoLayers).not.toContain('townshipBoundaries');
  });

  it('commits a whole file: new polygons in the GeoJSON, boundaries no longer demo, audited, the static archive rebuilt', async () => {
    const fc = projectedVillages();
    const zip = (await shpwrite.zip(fc, { outputType: 'uint8array', compression: 'DEFLATE', prj: arcgisGk('CGCS2000_3_Degree_GK_Zone_38', 114, 38_500_000) } as never)) as Uint8Array;
    const { body } = await preview({ name: '村级调查区.zip', bytes: zip }, { level: 'villages' });
    expect(body.errors).toEqual([]);
    expect(body.missing).toEqual([]);
    const before = await archive();
    expect((await t.json<CountyInfo>('/api/county')).body.demoLayers).toContain('villageBoundaries');

    const done = await commit(body.token);
    expect(done.status).toBe(200);
    expect(done.body.applied).toBe(villages.length);

    const layer = (await t.json<GeoJSON.FeatureCollection<GeoJSON.Polygon, VillageView>>('/api/geojson/villages')).body;
    const original = t.dataset.villages[0];
    const stored = layer.features.find((f) => f.properties.code === original.properties.code)!;
    expect(stored.properties.boundaryDemo).toBe(false);
    // 30 m of grid east is 30 m on the ground to within the zone's scale (1.00012 here).
    const moved = metres(stored.geometry.coordinates[0][0], (original.geometry as GeoJSON.Polygon).coordinates[0][0]);
    expect(Math.abs(moved - SHIFT)).toBeLessThan(0.1);
    const [entry] = await t.db.query<{ action: string; note: string }>("SELECT action, note FROM audit_log WHERE entity_type = 'village' AND entity_id = $1 ORDER BY id DESC LIMIT 1", [original.properties.code]);
    expect(entry).toMatchObject({ action: 'import' });
    expect(entry.note).toContain('EPSG:4526');

    const after = await archive();
    expect(Buffer.from(after).equals(Buffer.from(before))).toBe(false);
    expect((await t.json<CountyInfo>('/api/county')).body.demoLayers).toEqual(['villageFigures', 'sites', 'projects']);
  });
});

describe('the running server', () => {
  it('serves the rebuilt archive on its fast path after a commit and again after a restart, leaving the demo archive on disk alone', async () => {
    const config = loadConfig({});
    const dataset = await ensureDataset(config);
    const onDisk = () => readFileSync(archivePath(config));
    const demoArchive = onDisk();
    let server = await startTestServer({ keepData: true });
    const dataDir = server.dataDir;
    try {
      const fetcher = (path: string, init?: RequestInit) => fetch(server.url + path, init);
      const archive = async () => Buffer.from(await (await fetcher('/tiles/static.pmtiles')).arrayBuffer());
      expect((await archive()).equals(demoArchive)).toBe(true);
      const admin = await login(fetcher, 'admin');
      const [village] = dataset.villages;
      const fc = {
        type: 'FeatureCollection',
        crs: { type: 'name', properties: { name: 'EPSG:4526' } },
        features: [{
          type: 'Feature', properties: { 村代码: village.properties.code },
          geometry: { type: 'Polygon', coordinates: (village.geometry as GeoJSON.Polygon).coordinates.map((ring) => ring.map(([lon, lat]) => gaussKruger(lon, lat, 114, 38_500_000)).map(([x, y]) => [x + 200, y])) },
        }],
      };
      const { body } = await upload<BoundaryImportPreview>(fetcher, admin, '/api/import/boundaries/preview', { name: 'one.geojson', bytes: JSON.stringify(fc) }, { level: 'villages' });
      expect((await admin.send('POST', '/api/import/boundaries/commit', { token: body.token })).status).toBe(200);
      const rebuilt = await archive();
      expect(rebuilt.equals(demoArchive)).toBe(false);
      await server.stop();
      server = await startTestServer({ dataDir });
      expect((await archive()).equals(rebuilt)).toBe(true);
      expect(onDisk().equals(demoArchive)).toBe(true);
    } finally {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});
