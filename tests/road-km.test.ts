// Road km inside a township: the geometry (turf) and the township summary that reports it.
import { length, lineString } from '@turf/turf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProjectView, Summary, TownshipView } from '../common/api';
import { lengthInside, roadKmInside, type Area } from '../server/services/road-km';
import { BACKENDS, createTestApp } from './helpers/app';
import { login } from './helpers/session';

/** A square of `size` degrees with its south-west corner at (lon, lat), in Yushe's latitudes. */
function square(lon: number, lat: number, size: number): GeoJSON.Polygon {
  return {
    type: 'Polygon',
    coordinates: [[[lon, lat], [lon + size, lat], [lon + size, lat + size], [lon, lat + size], [lon, lat]]],
  };
}

const line = (...coordinates: [number, number][]): GeoJSON.LineString => lineString(coordinates).geometry;
const km = (geometry: GeoJSON.LineString) => length({ type: 'Feature', geometry, properties: {} });

describe('length of a line inside an area', () => {
  const area = square(113, 37, 0.1);

  it('counts a line wholly inside in full, and one wholly outside not at all', () => {
    const inside = line([113.02, 37.02], [113.08, 37.05]);
    expect(lengthInside(inside, area)).toBeCloseTo(km(inside), 9);
    expect(lengthInside(line([113.2, 37.02], [113.3, 37.05]), area)).toBe(0);
  });

  it('counts only the stretch inside a line that crosses the boundary', () => {
    // From 0.05° west of the square to its middle: the inside half is 0.05° of the parallel.
    const crossing = line([112.95, 37.05], [113.05, 37.05]);
    const insideHalf = line([113, 37.05], [113.05, 37.05]);
    expect(lengthInside(crossing, area)).toBeCloseTo(km(insideHalf), 6);
    expect(lengthInside(crossing, area)).toBeCloseTo(km(crossing) / 2, 2);
  });

  it('adds up every stretch of a line that leaves the area and comes back', () => {
    // In at the west edge, out through the north edge, back in, out at the east edge.
    const wandering = line([112.98, 37.05], [113.03, 37.05], [113.05, 37.15], [113.07, 37.05], [113.12, 37.05]);
    const insideStretches = [
      line([113, 37.05], [113.03, 37.05], [113.04, 37.1]),
      line([113.06, 37.1], [113.07, 37.05], [113.1, 37.05]),
    ];
    expect(lengthInside(wandering, area)).toBeCloseTo(insideStretches.reduce((a, l) => a + km(l), 0), 6);
  });

  it('works on a township made of several polygons', () => {
    const twoParts: Area = {
      type: 'MultiPolygon',
      coordinates: [square(113, 37, 0.1).coordinates, square(113.2, 37, 0.1).coordinates],
    };
    const across = line([112.9, 37.05], [113.4, 37.05]);
    const insideParts = [line([113, 37.05], [113.1, 37.05]), line([113.2, 37.05], [113.3, 37.05])];
    expect(lengthInside(across, twoParts)).toBeCloseTo(km(insideParts[0]) + km(insideParts[1]), 6);
  });
});

describe('road km apportioned to an area', () => {
  const area = square(113, 37, 0.1);
  const halfIn = line([112.95, 37.05], [113.05, 37.05]);

  it('apportions the reported planned and done km by the share of the drawing inside', () => {
    const result = roadKmInside([{ geometry: halfIn, plannedKm: 10, doneKm: 4 }], area);
    expect(result.plannedKm).toBeCloseTo(5, 2);
    expect(result.doneKm).toBeCloseTo(2, 2);
  });

  it('sums several roads, skips those far away, and treats unreported progress as none done', () => {
    const roads = [
      { geometry: halfIn, plannedKm: 8, doneKm: null },
      { geometry: line([113.02, 37.02], [113.08, 37.02]), plannedKm: 3, doneKm: 3 },
      { geometry: line([114, 38], [114.1, 38.1]), plannedKm: 20, doneKm: 20 },
    ];
    const result = roadKmInside(roads, area);
    expect(result.plannedKm).toBeCloseTo(4 + 3, 2);
    expect(result.doneKm).toBeCloseTo(3, 6);
  });
});

describe.each(BACKENDS)('township summary road km on %s', (backend) => {
  let t: Awaited<ReturnType<typeof createTestApp>>;
  beforeAll(async () => {
    t = await createTestApp(backend);
  });
  afterAll(() => t.close());

  it('splits every road km of the county among the townships it runs through', async () => {
    const townships = (await t.json<TownshipView[]>('/api/townships')).body;
    const county = (await t.json<Summary>('/api/stats/summary')).body;
    const perTownship = await Promise.all(
      townships.map(async (tw) => (await t.json<Summary>(`/api/stats/summary?township=${tw.code}`)).body.projects.road),
    );
    const sum = (key: 'plannedKm' | 'doneKm') => perTownship.reduce((a, road) => a + road.inside[key], 0);
    // Townships tile the county, so the stretches add up to the county's reported km.
    expect(sum('plannedKm')).toBeCloseTo(county.projects.road.plannedKm, 3);
    expect(sum('doneKm')).toBeCloseTo(county.projects.road.doneKm, 3);
    expect(county.projects.road.inside.plannedKm).toBeCloseTo(county.projects.road.plannedKm, 3);
    // Roads cross township borders, so km inside differ from km filed under the township somewhere.
    expect(perTownship.some((road) => Math.abs(road.inside.plannedKm - road.plannedKm) > 1)).toBe(true);
  });

  it('follows a change of reported progress', async () => {
    const code = '140721101';
    const before = (await t.json<Summary>(`/api/stats/summary?township=${code}`)).body.projects.road.inside;
    const roads = (await t.json<ProjectView[]>(`/api/projects?kind=road&township=${code}`)).body;
    const road = roads.find((p) => p.geometry.type === 'LineString' && p.status === 'under_construction');
    expect(road).toBeDefined();
    const addedKm = Math.min(1, road!.plannedKm! - road!.doneKm!);
    const pm = await login(t.request, 'xiangmu');
    const recorded = await pm.send('POST', `/api/projects/${road!.id}/progress`, {
      version: road!.version, recordedOn: '2019-06-30', doneKm: road!.doneKm! + addedKm, status: 'under_construction',
    });
    expect(recorded.status).toBe(201);
    const after = (await t.json<Summary>(`/api/stats/summary?township=${code}`)).body.projects.road.inside;
    expect(after.plannedKm).toBeCloseTo(before.plannedKm, 9);
    expect(after.doneKm).toBeGreaterThan(before.doneKm);
    expect(after.doneKm - before.doneKm).toBeLessThanOrEqual(addedKm + 1e-9);
  });

  it('moves the km of a redrawn road to the townships it now runs through', async () => {
    const townships = (await t.json<GeoJSON.FeatureCollection<Area, { code: string }>>('/api/geojson/townships')).body.features;
    const insideOf = async (code: string) => (await t.json<Summary>(`/api/stats/summary?township=${code}`)).body.projects.road.inside;
    const road = (await t.json<ProjectView[]>('/api/projects?kind=road')).body.find((p) => p.geometry.type === 'LineString' && p.plannedKm);
    // Asked once before, so whatever the server keeps of the old drawing is there to go stale.
    const before = await Promise.all(townships.map((tw) => insideOf(tw.properties.code)));
    const target = townships.find((tw) => tw.properties.code === '140721101')!;
    const centre = (await t.json<TownshipView[]>('/api/townships')).body.find((tw) => tw.code === target.properties.code)!.center;
    const redrawn = line(centre, [centre[0] + 0.01, centre[1] + 0.005]);
    expect(lengthInside(redrawn, target.geometry)).toBeCloseTo(km(redrawn), 6);

    const admin = await login(t.request, 'admin');
    const patched = await admin.send('PATCH', `/api/projects/${road!.id}`, { version: road!.version, geometry: redrawn });
    expect(patched.status).toBe(200);
    const after = await Promise.all(townships.map((tw) => insideOf(tw.properties.code)));
    const roads = (await t.json<ProjectView[]>('/api/projects?kind=road')).body
      .filter((p) => p.geometry.type === 'LineString' && p.plannedKm !== null)
      .map((p) => ({ geometry: p.geometry as GeoJSON.LineString, plannedKm: p.plannedKm!, doneKm: p.doneKm }));
    townships.forEach((tw, i) => {
      // What the server reports is what the new drawings give, worked out afresh here.
      expect(after[i].plannedKm, tw.properties.code).toBeCloseTo(roadKmInside(roads, tw.geometry).plannedKm, 6);
    });
    const gained = after[townships.indexOf(target)].plannedKm - before[townships.indexOf(target)].plannedKm;
    expect(gained).toBeGreaterThan(0);
    expect(gained).toBeLessThanOrEqual((patched.body as ProjectView).plannedKm! + 1e-9);
  });
});
