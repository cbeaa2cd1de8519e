// Road km lying inside an area, whichever township a project is filed under: a road filed under one
// township that runs on into the next counts in each for the stretch inside it.
import { along, bbox, booleanPointInPolygon, feature, length, lineSplit } from '@turf/turf';
import { createHash } from 'node:crypto';
import type { Summary } from '../../common/api';
import type { Queryable } from '../db/client';

export type Area = GeoJSON.Polygon | GeoJSON.MultiPolygon;

export interface RoadLine {
  geometry: GeoJSON.LineString;
  plannedKm: number;
  doneKm: number | null;
}

export interface KmInside {
  plannedKm: number;
  doneKm: number;
}

const overlaps = (a: number[], b: number[]) => a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];

/** Geodesic length (km) of the line inside the area: split at the boundary, keep the pieces whose middle is inside. */
export function lengthInside(line: GeoJSON.LineString, area: Area): number {
  const split = lineSplit(feature(line), feature(area)).features;
  // lineSplit returns nothing when the line never crosses the boundary: then the line is one piece.
  const pieces = split.length ? split : [feature(line)];
  let km = 0;
  for (const piece of pieces) {
    const pieceKm = length(piece);
    if (pieceKm > 0 && booleanPointInPolygon(along(piece, pieceKm / 2), area)) km += pieceKm;
  }
  return km;
}

/** The share (0..1) of the road's drawn line that lies inside the area. */
export function shareInside(line: GeoJSON.LineString, area: Area, areaBox = bbox(area)): number {
  if (!overlaps(bbox(line), areaBox)) return 0;
  const drawnKm = length(feature(line));
  return drawnKm === 0 ? 0 : Math.min(1, lengthInside(line, area) / drawnKm);
}

/**
 * The reported km of each road, apportioned by the share of its drawn line inside the area. The
 * reported figure is what counts in the bulletins; the drawing only says where it lies. Done km are
 * apportioned like planned km: progress reports do not say which end was built first.
 */
export function roadKmInside(roads: readonly RoadLine[], area: Area, share: (road: RoadLine) => number = (road) => shareInside(road.geometry, area)): KmInside {
  const total = { plannedKm: 0, doneKm: 0 };
  for (const road of roads) {
    const inside = share(road);
    total.plannedKm += road.plannedKm * inside;
    total.doneKm += (road.doneKm ?? 0) * inside;
  }
  return total;
}

/**
 * Shares already worked out, by area and road line. Splitting lines at a boundary is the slow part
 * of a summary and depends on the drawings alone, which edits of progress leave as they are; a
 * redrawn road has a new key. Bounded, oldest out first, for a database serving many counties.
 */
const shares = new Map<string, number>();
const SHARE_CACHE_LIMIT = 100_000;
const digest = (text: string) => createHash('sha1').update(text).digest('base64');

function cachedShare(key: string, compute: () => number): number {
  let share = shares.get(key);
  if (share === undefined) {
    share = compute();
    if (shares.size >= SHARE_CACHE_LIMIT) shares.delete(shares.keys().next().value!);
    shares.set(key, share);
  }
  return share;
}

/** Road km inside the county's or a township's boundary, for the summary of that scope. */
export async function roadKmInScope(db: Queryable, scope: Summary['scope']): Promise<KmInside> {
  const table = scope.level === 'county' ? 'counties' : 'townships';
  const [boundary] = await db.query<{ geom: Area }>(`SELECT geom FROM ${table} WHERE code = $1`, [scope.code]);
  // Roads cross township borders but stay inside their county (project edits check that), so the
  // county's roads are all a township could hold, however many counties the database serves.
  const roads = await db.query<RoadLine>(
    `SELECT geom AS geometry, planned_km AS "plannedKm", done_km AS "doneKm" FROM projects
     WHERE deleted_at IS NULL AND kind = 'road' AND planned_km IS NOT NULL AND geom->>'type' = 'LineString' AND township_code LIKE $1 || '%'`,
    [scope.code.slice(0, 6)],
  );
  const area = boundary.geom;
  const areaKey = digest(JSON.stringify(area));
  const areaBox = bbox(area);
  return roadKmInside(roads, area, (road) => cachedShare(`${areaKey}:${digest(JSON.stringify(road.geometry))}`, () => shareInside(road.geometry, area, areaBox)));
}
