import type { PortalArea } from '../../common/area';
import type { BBox, CountyInfo, CountyView, SearchHit, TownshipView } from '../../common/api';
import { DEMO_LAYERS } from '../../common/boundaries';
import type { Queryable } from '../db/client';
import { demoFlags } from './boundaries';
import { likeLiteral } from './like';

type Polygonal = GeoJSON.Polygon | GeoJSON.MultiPolygon;
type AreaRow = { code: string; name: string; nameEn: string; demo: boolean; sources: string[]; geom: Polygonal };

/** The area's own row: a prefecture's, or a county's. Table names from this closed map only. */
export async function areaRow(db: Queryable, area: Pick<PortalArea, 'level' | 'code'>): Promise<AreaRow | undefined> {
  const table = area.level === 'prefecture' ? 'prefectures' : 'counties';
  const [row] = await db.query<AreaRow>(`SELECT code, name, name_en AS "nameEn", demo, sources, geom FROM ${table} WHERE code = $1`, [area.code]);
  return row;
}

/** The portal's area for the web app: its name, extent, demo layers and level. */
export async function getCounty(db: Queryable, area: PortalArea): Promise<CountyInfo | undefined> {
  const row = await areaRow(db, area);
  if (!row) return undefined;
  const [bbox] = await db.query<{ bbox: BBox }>(
    `SELECT jsonb_build_array(min((bbox->>0)::float8), min((bbox->>1)::float8), max((bbox->>2)::float8), max((bbox->>3)::float8)) AS bbox
     FROM townships WHERE code LIKE $1 || '%'`,
    [area.prefix],
  );
  const b = bbox.bbox;
  const flags = await demoFlags(db, area.prefix);
  const demoLayers = DEMO_LAYERS.filter((layer) => flags[layer]);
  return {
    level: area.level, code: row.code, name: row.name, nameEn: row.nameEn, demo: row.demo, sources: row.sources, demoLayers,
    bbox: b, center: [(b[0] + b[2]) / 2, (b[1] + b[3]) / 2],
  };
}

/** The counties whose codes start with `prefix` (a prefecture's, or one county's own code), with their extents. */
export async function listCounties(db: Queryable, prefix: string): Promise<CountyView[]> {
  return db.query<CountyView>(
    `SELECT c.code, c.name, c.name_en AS "nameEn",
       jsonb_build_array(min((t.bbox->>0)::float8), min((t.bbox->>1)::float8), max((t.bbox->>2)::float8), max((t.bbox->>3)::float8)) AS bbox,
       count(t.code)::int AS "townshipCount",
       (SELECT count(*)::int FROM villages v WHERE v.township_code LIKE c.code || '%') AS "villageCount"
     FROM counties c JOIN townships t ON t.county_code = c.code
     WHERE c.code LIKE $1 || '%' GROUP BY c.code ORDER BY c.code`,
    [prefix],
  ).then((rows) => rows.map((r) => ({ ...r, center: [(r.bbox[0] + r.bbox[2]) / 2, (r.bbox[1] + r.bbox[3]) / 2] })));
}

/** The townships whose codes start with `prefix`: the area's, or one county's. */
export async function listTownships(db: Queryable, prefix: string): Promise<TownshipView[]> {
  return db.query<TownshipView>(
    `SELECT t.code, t.name, t.name_en AS "nameEn", t.county_code AS "countyCode", t.bbox, t.center,
            (SELECT count(*)::int FROM villages v WHERE v.township_code = t.code) AS "villageCount"
     FROM townships t WHERE t.code LIKE $1 || '%' ORDER BY t.code`,
    [prefix],
  );
}

/** The area's townships, or one of them, with their polygons. */
export async function townshipAreas(
  db: Queryable,
  prefix: string,
  township?: string,
): Promise<{ code: string; name: string; nameEn: string; geom: GeoJSON.Geometry }[]> {
  return db.query(
    `SELECT code, name, name_en AS "nameEn", geom FROM townships
     WHERE ($1::text IS NULL OR code = $1) AND code LIKE $2 || '%' ORDER BY code`,
    [township ?? null, prefix],
  );
}

/** Counties (in a prefecture), townships and villages of the area whose name or code matches. */
export async function search(db: Queryable, prefix: string, q: string, limit: number): Promise<SearchHit[]> {
  return db.query<SearchHit>(
    `SELECT * FROM (
       SELECT 'county' AS type, c.code, c.name, c.name_en AS "nameEn", c.code AS "townshipCode",
         jsonb_build_array(((min((t.bbox->>0)::float8) + max((t.bbox->>2)::float8)) / 2), ((min((t.bbox->>1)::float8) + max((t.bbox->>3)::float8)) / 2)) AS center,
         jsonb_build_array(min((t.bbox->>0)::float8), min((t.bbox->>1)::float8), max((t.bbox->>2)::float8), max((t.bbox->>3)::float8)) AS bbox
       FROM counties c JOIN townships t ON t.county_code = c.code WHERE c.code LIKE $3 || '%' AND length($3) < 6 GROUP BY c.code
       UNION ALL
       SELECT 'township', code, name, name_en, code, center, bbox FROM townships WHERE code LIKE $3 || '%'
       UNION ALL
       SELECT 'village', code, name, name_en, township_code, center, bbox FROM villages WHERE township_code LIKE $3 || '%'
     ) hits
     WHERE name LIKE '%' || $4 || '%' OR lower("nameEn") LIKE '%' || lower($4) || '%' OR code LIKE $4 || '%'
     ORDER BY (name = $1 OR code = $1) DESC, type = 'county' DESC, type = 'township' DESC, code
     LIMIT $2`,
    [q, limit, prefix, likeLiteral(q)],
  );
}

export type Area = { code: string; geom: Polygonal };

/** The area's outline and the polygons of its own townships and villages, in code order. */
export async function countyAreas(db: Queryable, area: PortalArea): Promise<{ county: Area | undefined; townships: Area[]; villages: Area[] }> {
  const county = await areaRow(db, area);
  const townships = await db.query<Area>(`SELECT code, geom FROM townships WHERE code LIKE $1 || '%' ORDER BY code`, [area.prefix]);
  const villages = await db.query<Area>(`SELECT code, geom FROM villages WHERE township_code LIKE $1 || '%' ORDER BY code`, [area.prefix]);
  return { county, townships, villages };
}
