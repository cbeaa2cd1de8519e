// One suite of dynamic-tile checks on every back end: PGlite and PostgreSQL cut tiles in memory,
// PostgreSQL + PostGIS in SQL (ST_AsMVT). Each must decode to the same features (ids, properties,
// geometry within a few tile units), and the PostGIS path recuts only the tiles a change touches.
import { VectorTile } from '@mapbox/vector-tile';
import { bbox } from '@turf/turf';
import { PbfReader } from 'pbf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BBox, DynamicLayer, VillageView } from '../common/api';
import { tileRange } from '../server/tiles/tile-areas';
import { createTestApp, TILE_BACKENDS, type Backend } from './helpers/app';
import { login, type Session } from './helpers/session';
import { tileOf } from './helpers/tile-coords';

type TestApp = Awaited<ReturnType<typeof createTestApp>>;

interface Decoded {
  properties: Record<string, unknown>;
  /** The geometry's box in tile units (0..4096 plus the buffer). */
  box: [number, number, number, number];
}

/** Source layer → feature id → feature, of one tile; empty for a 204. */
async function decodedTile(t: TestApp, layer: DynamicLayer, z: number, x: number, y: number): Promise<Map<string, Map<number, Decoded>>> {
  const res = await t.request(`/tiles/${layer}/${z}/${x}/${y}.mvt`);
  expect([200, 204]).toContain(res.status);
  const layers = new Map<string, Map<number, Decoded>>();
  if (res.status === 204) return layers;
  const tile = new VectorTile(new PbfReader(new Uint8Array(await res.arrayBuffer())));
  for (const [name, source] of Object.entries(tile.layers)) {
    const features = new Map<number, Decoded>();
    for (let i = 0; i < source.length; i++) {
      const f = source.feature(i);
      const points = f.loadGeometry().flat();
      const xs = points.map((p) => p.x);
      const ys = points.map((p) => p.y);
      features.set(Number(f.id), { properties: f.properties, box: [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)] });
    }
    layers.set(name, features);
  }
  return layers;
}

/** Every tile over the county at zoom z, as "z/x/y". */
function countyTiles(county: BBox, z: number): [number, number, number][] {
  const r = tileRange(county, z);
  const tiles: [number, number, number][] = [];
  for (let x = r.minX; x <= r.maxX; x++) for (let y = r.minY; y <= r.maxY; y++) tiles.push([z, x, y]);
  return tiles;
}

/** What the suite compares: a sample of zooms per layer, both low-zoom area bands and single villages. */
const ZOOMS: Record<DynamicLayer, number[]> = { villages: [5, 6, 7, 10, 13], sites: [9, 12], roads: [10, 13], water: [10, 13] };
/** Clipping and simplification differ a little between geojson-vt and ST_AsMVTGeom; a tile is 4096 units wide. */
const GEOMETRY_TOLERANCE = 24;

const apps = new Map<Backend, TestApp>();
let county: BBox;
beforeAll(async () => {
  for (const backend of TILE_BACKENDS) apps.set(backend, await createTestApp(backend));
  county = bbox(apps.get('pglite')!.dataset.county) as BBox;
}, 120_000);
afterAll(async () => {
  for (const t of apps.values()) await t.close();
});

describe.each(TILE_BACKENDS.filter((b) => b !== 'pglite'))('tiles on %s', (backend) => {
  it('decode to the same features as on PGlite: ids, properties and geometry', async () => {
    const reference = apps.get('pglite')!;
    const t = apps.get(backend)!;
    expect(t.tiles.cutterKind).toBe(backend === 'postgis' ? 'postgis' : 'memory');
    let compared = 0;
    for (const [layer, zooms] of Object.entries(ZOOMS) as [DynamicLayer, number[]][]) {
      for (const z of zooms) {
        for (const [tz, x, y] of countyTiles(county, z)) {
          const [expected, actual] = await Promise.all([decodedTile(reference, layer, tz, x, y), decodedTile(t, layer, tz, x, y)]);
          const where = `${layer} ${tz}/${x}/${y}`;
          expect([...actual.keys()], where).toEqual([...expected.keys()]);
          for (const [name, features] of expected) {
            const got = actual.get(name)!;
            // A polygon clipped down to a line or point on the buffer's edge is dropped by one cutter and kept by the other.
            const solid = ([, f]: [number, Decoded]) => f.box[2] - f.box[0] > 2 && f.box[3] - f.box[1] > 2;
            const missing = [...features].filter((e) => !got.has(e[0]) && solid(e)).map(([id, f]) => [id, f.box]);
            const extra = [...got].filter((e) => !features.has(e[0]) && solid(e)).map(([id, f]) => [id, f.box]);
            expect({ missing, extra }, `${where} ${name}`).toEqual({ missing: [], extra: [] });
            for (const [id, want] of features) {
              const have = got.get(id);
              if (!have) continue;
              expect(Object.keys(have.properties).sort(), `${where} ${id}`).toEqual(Object.keys(want.properties).sort());
              for (const [key, value] of Object.entries(want.properties)) {
                if (typeof value === 'number') expect(have.properties[key], `${where} ${id} ${key}`).toBeCloseTo(value, 9);
                else expect(have.properties[key], `${where} ${id} ${key}`).toBe(value);
              }
              have.box.forEach((v, i) => expect(Math.abs(v - want.box[i]), `${where} ${id} box`).toBeLessThanOrEqual(GEOMETRY_TOLERANCE));
              compared++;
            }
          }
        }
      }
    }
    // Every layer and band had features to compare.
    expect(compared).toBeGreaterThan(500);
  }, 120_000);
});

describe.each(TILE_BACKENDS)('an edit on %s', (backend) => {
  let t: TestApp;
  let editor: Session;
  beforeAll(async () => {
    t = apps.get(backend)!;
    editor = await login(t.request, 'admin');
  });

  const villageIn = async (t: TestApp, code: string, z: number) => {
    const v = (await t.json<VillageView>(`/api/villages/${code}`)).body;
    const { x, y } = tileOf(v.center[0], v.center[1], z);
    return (await decodedTile(t, 'villages', z, x, y));
  };

  it('is in its new tiles at every zoom band, and tiles it does not touch are recut only on the in-memory path', async () => {
    const villages = (await t.json<VillageView[]>('/api/villages')).body;
    const poor = villages.filter((v) => v.villageClass !== 'non_poor');
    const [edited] = poor;
    // Far enough from the edited village that no z12 tile holds both.
    const far = poor.find((v) => Math.abs(v.center[0] - edited.center[0]) + Math.abs(v.center[1] - edited.center[1]) > 0.15)!;
    const farId = Number(far.code);
    const editedId = Number(edited.code);
    const countyId = Number(edited.code.slice(0, 6));
    const countyShown = async () => [...(await villageIn(t, edited.code, 6)).get('village_areas')!.values()].find((f) => f.properties.code === edited.code.slice(0, 6))!;
    const before = { far: (await villageIn(t, far.code, 12)).get('villages')!.get(farId)!, county: await countyShown() };
    expect((await villageIn(t, edited.code, 12)).get('villages')!.get(editedId)!.properties.villageClass).toBe(edited.villageClass);

    // Changed behind the server's back: only a recut tile can show it.
    await t.db.write((tx) => tx.query("UPDATE villages SET name = '改过的名字' WHERE code = $1", [far.code]));
    const res = await editor.send('PATCH', `/api/villages/${edited.code}`, { version: edited.version, villageClass: 'non_poor', plannedExitYear: null, actualExitYear: null });
    expect(res.status, JSON.stringify(res.body)).toBe(200);

    const after = await villageIn(t, edited.code, 12);
    expect(after.get('villages')!.get(editedId)!.properties.villageClass).toBe('non_poor');
    const township = [...(await villageIn(t, edited.code, 7)).get('village_areas')!.values()].find((f) => f.properties.code === edited.code.slice(0, 9))!;
    expect(township.properties.poorVillages).toBe(poor.filter((v) => v.code.startsWith(edited.code.slice(0, 9))).length - 1);
    const countyNow = await countyShown();
    expect(Number(countyNow.properties.poorVillages)).toBe(Number(before.county.properties.poorVillages) - 1);
    expect(countyId).toBe(Number(countyNow.properties.code));

    const farNow = (await villageIn(t, far.code, 12)).get('villages')!.get(farId)!;
    expect(farNow.properties.name).toBe(t.tiles.cutterKind === 'postgis' ? before.far.properties.name : '改过的名字');
  });
});

describe.runIf(TILE_BACKENDS.includes('postgis'))('geometry columns on PostGIS', () => {
  it('follow the GeoJSON inside the writing transaction, for every table with geometry, and the area counts follow the villages', async () => {
    const t = apps.get('postgis')!;
    const [village] = await t.db.query<{ code: string; geom: GeoJSON.Polygon }>('SELECT code, geom FROM villages LIMIT 1');
    const moved: GeoJSON.Polygon = { type: 'Polygon', coordinates: [village.geom.coordinates[0].map(([x, y]) => [x + 0.01, y])] };
    const seen = await t.db.write(async (tx) => {
      await tx.query('UPDATE villages SET geom = $1::text::jsonb WHERE code = $2', [JSON.stringify(moved), village.code]);
      await tx.query('UPDATE sites SET lon = lon + 0.01 WHERE id = (SELECT min(id) FROM sites)');
      return tx.query<{ same: boolean }>(
        `SELECT ST_Equals(ST_SnapToGrid(ST_Transform(geom_3857, 4326), 1e-9), ST_SnapToGrid(ST_SetSRID(ST_GeomFromGeoJSON(geom), 4326), 1e-9)) AS same FROM villages WHERE code = $1
         UNION ALL SELECT ST_DWithin(ST_Transform(geom_3857, 4326), ST_SetSRID(ST_MakePoint(lon, lat), 4326), 1e-9) FROM sites WHERE id = (SELECT min(id) FROM sites)`,
        [village.code],
      );
    });
    expect(seen.map((r) => r.same)).toEqual([true, true]);
    const stale = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM (
         SELECT geom, geom_3857 FROM counties UNION ALL SELECT geom, geom_3857 FROM townships
         UNION ALL SELECT geom, geom_3857 FROM villages UNION ALL SELECT geom, geom_3857 FROM projects) AS g
       WHERE geom_3857 IS NULL OR NOT ST_Equals(geom_3857, fupin_mercator(geom))`,
    );
    expect(stale[0].n).toBe(0);
    // The low-zoom tiles' per-area counts followed the edits above.
    const [miscounted] = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM (
         SELECT left(code, 6) AS code, village_class, exit_status, count(*)::int AS villages FROM villages GROUP BY 1, 2, 3
         UNION ALL SELECT left(code, 9), village_class, exit_status, count(*)::int FROM villages GROUP BY 1, 2, 3) AS want
       FULL JOIN village_area_counts AS have USING (code, village_class, exit_status)
       WHERE want.villages IS DISTINCT FROM have.villages`,
    );
    expect(miscounted.n).toBe(0);
  });
});
