// The geometry an imported project or site may have: a point or a single line, in longitude and
// latitude (a projected file would put it far outside any range), with no zero-length line.
import { feature, length } from '@turf/turf';
import type { z } from 'zod';
import type { ImportIssue } from '../../../common/imports';
import { projectGeometry } from '../../../common/schemas';
import { featureIssue, schemaIssues } from './feature-properties';
import { WITH_INPUT } from '../../../common/issue-messages';

export type PointOrLine = z.infer<typeof projectGeometry>;

/** About 0.1 m: finer digits in a file are noise from conversions. */
const round6 = (n: number) => Math.round(n * 1e6) / 1e6;

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
