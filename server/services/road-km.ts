// Road km lying inside an area, whichever township a project is filed under: a road filed under one
// township that runs on into the next counts in each for the stretch inside it.
import { along, bbox, booleanPointInPolygon, feature, length, lineSplit } from '@turf/turf';
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

/**
 * The reported km of each road, apportioned by the share of its drawn line inside the area. The
 * reported figure is what counts in the bulletins; the drawing only says where it lies. Done km are
 * apportioned like planned km: progress reports do not say which end was built first.
 */
export function roadKmInside(roads: readonly RoadLine[], area: Area): KmInside {
  const areaBox = bbox(area);
  const total = { plannedKm: 0, doneKm: 0 };
  for (const road of roads) {
    if (!overlaps(bbox(road.geometry), areaBox)) continue;
    const drawnKm = length(feature(road.geometry));
    if (drawnKm === 0) continue;
    const share = Math.min(1, lengthInside(road.geometry, area) / drawnKm);
    total.plannedKm += road.plannedKm * share;
    total.doneKm += (road.doneKm ?? 0) * share;
  }
  return total;
}

/** Road km inside the county's or a township's boundary, for the summary of that scope. */
export async function roadKmInScope(db: Queryable, scope: Summary['scope']): Promise<KmInside> {
  const table = scope.level === 'county' ? 'counties' : 'townships';
  const [boundary] = await db.query<{ geom: Area }>(`SELECT geom FROM ${table} WHERE code = $1`, [scope.code]);
  // Roads cross township borders but stay inside their county (project edits check that), so the
  // county's roads are all a township could hold, however many counties the database serves.
  const roads = await db.query<RoadLine>(
    `SELECT geom AS geometry, planned_km AS "plannedKm", done_km AS "doneKm" FROM projects
     WHERE kind = 'road' AND planned_km IS NOT NULL AND geom->>'type' = 'LineString' AND township_code LIKE $1 || '%'`,
    [scope.code.slice(0, 6)],
  );
  return roadKmInside(roads, boundary.geom);
}
