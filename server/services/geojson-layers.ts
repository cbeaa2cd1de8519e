// Whole layers as GeoJSON features with every attribute, for GIS desktop tools and exports.
import { rewind } from '@turf/turf';
import type { Queryable } from '../db/client';
import { townshipAreas } from '../repo/geography';
import { listProjects } from '../repo/projects';
import { listSites } from '../repo/sites';
import { listVillages, villageGeometries } from '../repo/villages';

export const GEOJSON_LAYERS = ['villages', 'townships', 'sites', 'projects'] as const;
export type GeojsonLayer = (typeof GEOJSON_LAYERS)[number];

/** The portal's county, or one township of it. */
export interface LayerScope {
  county: string;
  township?: string;
}

/** RFC 7946 §3.1.6: exterior rings counterclockwise, holes clockwise, whatever order the database holds. */
const feature = (geometry: GeoJSON.Geometry, properties: object): GeoJSON.Feature => ({
  type: 'Feature',
  geometry: geometry.type === 'Polygon' || geometry.type === 'MultiPolygon' ? (rewind(geometry) as GeoJSON.Geometry) : geometry,
  properties: { ...properties },
});

const layers: Record<GeojsonLayer, (db: Queryable, scope: LayerScope) => Promise<GeoJSON.Feature[]>> = {
  async villages(db, scope) {
    const geoms = await villageGeometries(db, scope);
    return (await listVillages(db, scope)).map((v) => feature(geoms.get(v.code)!, v));
  },
  async townships(db, { county, township }) {
    return (await townshipAreas(db, county, township)).map(({ geom, ...props }) => feature(geom, props));
  },
  async sites(db, scope) {
    return (await listSites(db, scope)).map((s) => feature({ type: 'Point', coordinates: [s.lon, s.lat] }, s));
  },
  async projects(db, scope) {
    return (await listProjects(db, scope)).map(({ geometry, ...p }) => feature(geometry, p));
  },
};

export async function layerCollection(db: Queryable, layer: GeojsonLayer, scope: LayerScope): Promise<GeoJSON.FeatureCollection> {
  return { type: 'FeatureCollection', features: await layers[layer](db, scope) };
}
