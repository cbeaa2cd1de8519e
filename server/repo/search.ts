// Search among the county's records (projects, relocation sites, problems), beside the townships
// and villages of geography.ts. The text goes into LIKE as a literal parameter.
import { bbox as turfBbox } from '@turf/turf';
import type { BBox, LonLat, SearchHit } from '../../common/api';
import type { ProjectKind, ProjectSubtype } from '../../common/domain';
import type { Queryable } from '../db/client';
import { likeLiteral } from './like';

export type RecordType = 'project' | 'site' | 'problem';

interface ProjectRow {
  id: number;
  name: string;
  kind: ProjectKind;
  subtype: ProjectSubtype;
  townshipCode: string;
  geom: GeoJSON.Point | GeoJSON.LineString;
}

const pointBox = ([lon, lat]: LonLat): BBox => [lon, lat, lon, lat];

/**
 * Projects whose name holds the text or whose subtype is one of `subtypes` (the caller matched the
 * text against the subtypes' labels), sites by name, problems by title; each kind at most `limit`.
 */
export async function searchRecords(
  db: Queryable,
  county: string,
  q: string,
  subtypes: readonly ProjectSubtype[],
  types: readonly RecordType[],
  limit: number,
): Promise<SearchHit[]> {
  const pattern = likeLiteral(q);
  const hits: SearchHit[] = [];
  if (types.includes('project')) {
    const rows = await db.query<ProjectRow>(
      `SELECT id, name, kind, subtype, township_code AS "townshipCode", geom FROM projects
       WHERE township_code LIKE $1 || '%' AND deleted_at IS NULL
         AND (name LIKE '%' || $2 || '%' OR subtype IN (SELECT jsonb_array_elements_text($3::text::jsonb)))
       ORDER BY (name = $4) DESC, id LIMIT $5`,
      [county, pattern, JSON.stringify(subtypes), q, limit],
    );
    for (const r of rows) {
      const box = turfBbox(r.geom) as BBox;
      const center: LonLat = [(box[0] + box[2]) / 2, (box[1] + box[3]) / 2];
      hits.push({ type: 'project', code: String(r.id), name: r.name, nameEn: r.name, townshipCode: r.townshipCode, center, bbox: box, kind: r.kind, subtype: r.subtype });
    }
  }
  if (types.includes('site')) {
    const rows = await db.query<{ id: number; name: string; nameEn: string; townshipCode: string; lon: number; lat: number }>(
      `SELECT id, name, name_en AS "nameEn", township_code AS "townshipCode", lon, lat FROM sites
       WHERE township_code LIKE $1 || '%' AND (name LIKE '%' || $2 || '%' OR lower(name_en) LIKE '%' || lower($2) || '%')
       ORDER BY (name = $3) DESC, id LIMIT $4`,
      [county, pattern, q, limit],
    );
    for (const r of rows) hits.push({ type: 'site', code: String(r.id), name: r.name, nameEn: r.nameEn, townshipCode: r.townshipCode, center: [r.lon, r.lat], bbox: pointBox([r.lon, r.lat]) });
  }
  if (types.includes('problem')) {
    const rows = await db.query<{ id: number; title: string; townshipCode: string; lon: number; lat: number }>(
      `SELECT id, title, township_code AS "townshipCode", lon, lat FROM problems
       WHERE township_code LIKE $1 || '%' AND title LIKE '%' || $2 || '%'
       ORDER BY (status = 'closed'), id DESC LIMIT $3`,
      [county, pattern, limit],
    );
    for (const r of rows) hits.push({ type: 'problem', code: String(r.id), name: r.title, nameEn: r.title, townshipCode: r.townshipCode, center: [r.lon, r.lat], bbox: pointBox([r.lon, r.lat]) });
  }
  return hits;
}
