// The county's outline, township and village polygons as the static tile layers want them.
import type { StaticSource } from '../../tiles/static-layers';
import type { Queryable } from '../db/client';

type Area = GeoJSON.Polygon | GeoJSON.MultiPolygon;
type Row = { code: string; name: string; nameEn: string; geom: Area };

const feature = <P>(geometry: Area, properties: P) => ({ type: 'Feature' as const, geometry, properties });

export async function staticSource(db: Queryable, countyCode: string): Promise<StaticSource> {
  const [county] = await db.query<Row & { sources: string[] }>('SELECT code, name, name_en AS "nameEn", geom, sources FROM counties WHERE code = $1', [countyCode]);
  const townships = await db.query<Row & { boundaryDemo: boolean }>(
    'SELECT code, name, name_en AS "nameEn", geom, boundary_demo AS "boundaryDemo" FROM townships WHERE county_code = $1 ORDER BY code', [countyCode],
  );
  const villages = await db.query<Row & { townshipCode: string; center: [number, number]; boundaryDemo: boolean }>(
    `SELECT code, name, name_en AS "nameEn", township_code AS "townshipCode", geom, center, boundary_demo AS "boundaryDemo"
     FROM villages WHERE township_code LIKE $1 || '%' ORDER BY code`, [countyCode],
  );
  const named = ({ code, name, nameEn }: Row) => ({ code, name, nameEn });
  return {
    meta: { county: named(county), sources: county.sources, demo: [...townships, ...villages].some((a) => a.boundaryDemo) },
    county: feature(county.geom, named(county)),
    townships: townships.map((t) => feature(t.geom, named(t))),
    villages: villages.map((v) => feature(v.geom, { ...named(v), townshipCode: v.townshipCode, center: v.center })),
  };
}
