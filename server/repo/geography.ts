import type { BBox, CountyInfo, SearchHit, TownshipView } from '../../common/api';
import { DEMO_LAYERS } from '../../common/boundaries';
import type { Queryable } from '../db/client';
import { demoFlags } from './boundaries';
import { likeLiteral } from './like';

export async function getCounty(db: Queryable, code: string): Promise<CountyInfo | undefined> {
  const [row] = await db.query<{ code: string; name: string; nameEn: string; demo: boolean; sources: string[] }>(
    `SELECT code, name, name_en AS "nameEn", demo, sources FROM counties WHERE code = $1`,
    [code],
  );
  if (!row) return undefined;
  const [bbox] = await db.query<{ bbox: BBox }>(
    `SELECT jsonb_build_array(min((bbox->>0)::float8), min((bbox->>1)::float8), max((bbox->>2)::float8), max((bbox->>3)::float8)) AS bbox
     FROM townships WHERE county_code = $1`,
    [row.code],
  );
  const b = bbox.bbox;
  const flags = await demoFlags(db, row.code);
  const demoLayers = DEMO_LAYERS.filter((layer) => flags[layer]);
  return { code: row.code, name: row.name, nameEn: row.nameEn, demo: row.demo, sources: row.sources, demoLayers, bbox: b, center: [(b[0] + b[2]) / 2, (b[1] + b[3]) / 2] };
}

export async function listTownships(db: Queryable, countyCode: string): Promise<TownshipView[]> {
  return db.query<TownshipView>(
    `SELECT t.code, t.name, t.name_en AS "nameEn", t.county_code AS "countyCode", t.bbox, t.center,
            (SELECT count(*)::int FROM villages v WHERE v.township_code = t.code) AS "villageCount"
     FROM townships t WHERE t.county_code = $1 ORDER BY t.code`,
    [countyCode],
  );
}

/** The county's townships, or one of them, with their polygons. */
export async function townshipAreas(
  db: Queryable,
  countyCode: string,
  township?: string,
): Promise<{ code: string; name: string; nameEn: string; geom: GeoJSON.Geometry }[]> {
  return db.query(
    `SELECT code, name, name_en AS "nameEn", geom FROM townships
     WHERE ($1::text IS NULL OR code = $1) AND county_code = $2 ORDER BY code`,
    [township ?? null, countyCode],
  );
}

/** Townships and villages of the county whose name or code matches. */
export async function search(db: Queryable, countyCode: string, q: string, limit: number): Promise<SearchHit[]> {
  return db.query<SearchHit>(
    `SELECT * FROM (
       SELECT 'township' AS type, code, name, name_en AS "nameEn", code AS "townshipCode", center, bbox FROM townships WHERE county_code = $3
       UNION ALL
       SELECT 'village', code, name, name_en, township_code, center, bbox FROM villages WHERE township_code LIKE $3 || '%'
     ) hits
     WHERE name LIKE '%' || $4 || '%' OR lower("nameEn") LIKE '%' || lower($4) || '%' OR code LIKE $4 || '%'
     ORDER BY (name = $1 OR code = $1) DESC, type = 'township' DESC, code
     LIMIT $2`,
    [q, limit, countyCode, likeLiteral(q)],
  );
}

export type Area = { code: string; geom: GeoJSON.Polygon | GeoJSON.MultiPolygon };

/** The county's outline and the polygons of its own townships and villages, in code order. */
export async function countyAreas(db: Queryable, countyCode: string): Promise<{ county: Area | undefined; townships: Area[]; villages: Area[] }> {
  const [county] = await db.query<Area>('SELECT code, geom FROM counties WHERE code = $1', [countyCode]);
  const townships = await db.query<Area>('SELECT code, geom FROM townships WHERE county_code = $1 ORDER BY code', [countyCode]);
  const villages = await db.query<Area>(`SELECT code, geom FROM villages WHERE township_code LIKE $1 || '%' ORDER BY code`, [countyCode]);
  return { county, townships, villages };
}
