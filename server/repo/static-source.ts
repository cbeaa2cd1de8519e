// The area's outline, its counties (a prefecture's), township and village polygons as the static tile layers want them.
import type { PortalArea } from '../../common/area';
import type { StaticSource } from '../../tiles/static-layers';
import type { Queryable } from '../db/client';
import { areaRow } from './geography';

type Area = GeoJSON.Polygon | GeoJSON.MultiPolygon;
type Row = { code: string; name: string; nameEn: string; geom: Area };

const feature = <P>(geometry: Area, properties: P) => ({ type: 'Feature' as const, geometry, properties });

export async function staticSource(db: Queryable, area: PortalArea): Promise<StaticSource> {
  const outline = await areaRow(db, area);
  if (!outline) throw new Error(`area ${area.code} is not in the database`);
  const counties = area.level === 'prefecture'
    ? await db.query<Row>(`SELECT code, name, name_en AS "nameEn", geom FROM counties WHERE code LIKE $1 || '%' ORDER BY code`, [area.prefix])
    : [];
  const townships = await db.query<Row & { boundaryDemo: boolean }>(
    `SELECT code, name, name_en AS "nameEn", geom, boundary_demo AS "boundaryDemo" FROM townships WHERE code LIKE $1 || '%' ORDER BY code`, [area.prefix],
  );
  const villages = await db.query<Row & { townshipCode: string; center: [number, number]; boundaryDemo: boolean }>(
    `SELECT code, name, name_en AS "nameEn", township_code AS "townshipCode", geom, center, boundary_demo AS "boundaryDemo"
     FROM villages WHERE township_code LIKE $1 || '%' ORDER BY code`, [area.prefix],
  );
  const named = ({ code, name, nameEn }: Row) => ({ code, name, nameEn });
  return {
    meta: { county: named(outline), sources: outline.sources, demo: [...townships, ...villages].some((a) => a.boundaryDemo) },
    county: feature(outline.geom, named(outline)),
    ...(counties.length ? { counties: counties.map((c) => feature(c.geom, named(c))) } : {}),
    townships: townships.map((t) => feature(t.geom, named(t))),
    villages: villages.map((v) => feature(v.geom, { ...named(v), townshipCode: v.townshipCode, center: v.center })),
  };
}
