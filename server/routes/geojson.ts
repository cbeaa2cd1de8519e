// Whole layers as GeoJSON FeatureCollections with every attribute, for GIS desktop tools and exports.
import type { AppContext } from '../context';
import { rewind } from '@turf/turf';
import { Hono } from 'hono';
import { chinaToday } from '../../common/problems';
import { attachment } from '../services/export/workbook';
import { z } from 'zod';
import type { Queryable } from '../db/client';
import { codes } from '../../common/schemas';
import { parseParams, parseQuery } from '../http/validate';
import { getCounty } from '../repo/geography';
import { listProjects } from '../repo/projects';
import { listSites } from '../repo/sites';
import { listVillages } from '../repo/villages';

/** RFC 7946 §3.1.6: exterior rings counterclockwise, holes clockwise, whatever order the database holds. */
const feature = (geometry: GeoJSON.Geometry, properties: object): GeoJSON.Feature => ({
  type: 'Feature',
  geometry: geometry.type === 'Polygon' || geometry.type === 'MultiPolygon' ? (rewind(geometry) as GeoJSON.Geometry) : geometry,
  properties: { ...properties },
});

/** The portal's county, or one township of it. */
interface Scope {
  county: string;
  township?: string;
}

const layers = {
  async villages(db: Queryable, { county, township }: Scope) {
    const rows = await db.query<{ code: string; geom: GeoJSON.Geometry }>(
      `SELECT code, geom FROM villages
       WHERE ($1::text IS NULL OR township_code = $1) AND township_code LIKE $2 || '%'`,
      [township ?? null, county],
    );
    const geoms = new Map(rows.map((r) => [r.code, r.geom]));
    return (await listVillages(db, { county, township })).map((v) => feature(geoms.get(v.code)!, v));
  },
  async townships(db: Queryable, { county, township }: Scope) {
    const rows = await db.query<{ code: string; name: string; nameEn: string; geom: GeoJSON.Geometry }>(
      `SELECT code, name, name_en AS "nameEn", geom FROM townships
       WHERE ($1::text IS NULL OR code = $1) AND county_code = $2 ORDER BY code`,
      [township ?? null, county],
    );
    return rows.map(({ geom, ...props }) => feature(geom, props));
  },
  async sites(db: Queryable, { township }: Scope) {
    return (await listSites(db, township)).map((s) => feature({ type: 'Point', coordinates: [s.lon, s.lat] }, s));
  },
  async projects(db: Queryable, { township }: Scope) {
    return (await listProjects(db, { township })).map(({ geometry, ...p }) => feature(geometry, p));
  },
};

export function geojsonRoutes({ db, countyCode }: AppContext) {
  return new Hono().get('/:layer', async (c) => {
    const { layer } = parseParams(c, z.object({ layer: z.enum(['villages', 'townships', 'sites', 'projects']) }));
    const { township } = parseQuery(c, z.object({ township: codes.township.optional() }));
    const features = await layers[layer](db, { county: countyCode, township });
    c.header('Content-Type', 'application/geo+json; charset=utf-8');
    const ascii = [countyCode, township, layer].filter(Boolean).join('-');
    const countyName = (await getCounty(db, countyCode))?.name ?? countyCode;
    c.header('Content-Disposition', attachment(`${[countyName, township, layer, chinaToday()].filter(Boolean).join('-')}.geojson`, `${ascii}.geojson`));
    return c.body(JSON.stringify({ type: 'FeatureCollection', features }));
  });
}
