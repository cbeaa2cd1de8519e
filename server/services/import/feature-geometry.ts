// The geometry an imported project or site may have: a point or a single line, in longitude and
// latitude (a projected file would put it far outside any range), with no zero-length line.
import { feature, length } from '@turf/turf';
import type { z } from 'zod';
import type { ImportIssue } from '../../../common/imports';
import { projectGeometry } from '../../../common/schemas';
import { featureIssue, schemaIssues } from './feature-properties';
import { WITH_INPUT } from '../../../common/issue-messages';
import { positionOutOfRange, positionsOf } from './declared-crs';

export type PointOrLine = z.infer<typeof projectGeometry>;

/** About 0.1 m: finer digits in a file are noise from conversions. */
const round6 = (n: number) => Math.round(n * 1e6) / 1e6;

/** About 0.5 m: an export rounds its coordinates, so a re-imported unchanged file differs by less. */
const SAME_PLACE_DEGREES = 5e-6;

const samePosition = (a: GeoJSON.Position, b: GeoJSON.Position) => Math.abs(a[0] - b[0]) <= SAME_PLACE_DEGREES && Math.abs(a[1] - b[1]) <= SAME_PLACE_DEGREES;

/** The same point or line, vertex by vertex, within rounding. */
export function sameGeometry(a: GeoJSON.Point | GeoJSON.LineString, b: GeoJSON.Point | GeoJSON.LineString): boolean {
  if (a.type === 'Point' || b.type === 'Point') return a.type === b.type && samePosition(a.coordinates as GeoJSON.Position, b.coordinates as GeoJSON.Position);
  return a.coordinates.length === b.coordinates.length && a.coordinates.every((p, i) => samePosition(p, b.coordinates[i]));
}

export function pointOrLine(raw: GeoJSON.Geometry | null, row: number, code: string): { geometry: PointOrLine } | { issues: ImportIssue[] } {
  const refuse = (zh: string, en: string) => ({ issues: [featureIssue(row, code, zh, en, 'geometry')] });
  if (!raw) return refuse('要素没有几何', 'the feature has no geometry');
  let single: unknown = raw;
  // Shapefiles store every line as a polyline and GIS tools often save points as multipoints.
  if (raw.type === 'MultiLineString' || raw.type === 'MultiPoint') {
    if (!Array.isArray(raw.coordinates) || raw.coordinates.length !== 1) {
      return refuse(`${raw.type} 含多个部分，请拆分为单独的要素`, `${raw.type} has several parts: split it into separate features`);
    }
    single = { type: raw.type === 'MultiLineString' ? 'LineString' : 'Point', coordinates: raw.coordinates[0] };
  }
  const far = positionsOf(single as GeoJSON.Geometry).find(positionOutOfRange) as number[] | undefined;
  if (far) {
    // One issue for the feature, not one per vertex.
    return refuse(
      `坐标 (${far[0]}, ${far[1]}) 超出经纬度范围，像是投影坐标（米）：请先转换为经纬度`,
      `longitude out of range at (${far[0]}, ${far[1]}): these look like projected coordinates (metres), convert to longitude/latitude first`,
    );
  }
  const parsed = projectGeometry.safeParse(single, WITH_INPUT);
  if (!parsed.success) {
    const type = (single as { type?: unknown }).type;
    if (type !== 'Point' && type !== 'LineString') return refuse(`不支持的几何类型 ${String(type)}，须为点或线`, `unsupported geometry type ${String(type)}: expected a point or a line`);
    return { issues: schemaIssues(row, code, parsed.error).map((i) => ({ ...i, field: 'geometry' })) };
  }
  const g = parsed.data;
  const flat = (p: number[]): [number, number] => [round6(p[0]), round6(p[1])];
  const geometry: PointOrLine =
    g.type === 'Point' ? { type: 'Point', coordinates: flat(g.coordinates) } : { type: 'LineString', coordinates: g.coordinates.map(flat) };
  if (geometry.type === 'LineString' && length(feature(geometry)) === 0) return refuse('线的长度为零', 'the line has zero length');
  return { geometry };
}
