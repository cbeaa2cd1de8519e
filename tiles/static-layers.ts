// Turns a Dataset into the GeoJSON of each source layer of the static archive.
import { booleanPointInPolygon, centerOfMass, pointOnFeature } from '@turf/turf';
import type { STATIC_LAYERS } from '../common/api';

export type StaticLayer = (typeof STATIC_LAYERS)[number];
type Fields = Record<string, 'String' | 'Number'>;

/** What TileJSON vector_layers says about each layer. */
export const STATIC_LAYER_INFO: Record<StaticLayer, { description: string; fields: Fields }> = {
  county: {
    description: 'Outline of the area (a county or a prefecture); feature id = numeric code',
    fields: { code: 'String', name: 'String', nameEn: 'String' },
  },
  counties: {
    description: "A prefecture's counties; feature id = numeric county code",
    fields: { code: 'String', name: 'String', nameEn: 'String' },
  },
  townships: {
    description: 'Township polygons; feature id = numeric township code',
    fields: { code: 'String', name: 'String', nameEn: 'String' },
  },
  villages_outline: {
    description: 'Village polygons; feature id = numeric village code (for feature-state)',
    fields: { code: 'String', name: 'String', nameEn: 'String', townshipCode: 'String' },
  },
  labels: {
    description: 'Label points of counties (rank 0, a prefecture only), townships (rank 1) and villages (rank 2); feature id = numeric code',
    fields: { kind: 'String', code: 'String', name: 'String', nameEn: 'String', rank: 'Number' },
  },
};

/** Lower rank = more important: the style shows rank 1 (townships) first and villages once zoomed in. */
export const LABEL_RANK = { county: 0, township: 1, village: 2 } as const;

type Area = GeoJSON.Polygon | GeoJSON.MultiPolygon;
type Named = { code: string; name: string; nameEn: string };

/** What the static layers are cut from: the demo dataset, or the database once real boundaries are imported. */
export interface StaticSource {
  meta: { county: Named; sources: string[]; demo: boolean };
  county: GeoJSON.Feature<Area, Named>;
  /** A prefecture's counties; absent for a county. */
  counties?: GeoJSON.Feature<Area, Named>[];
  townships: GeoJSON.Feature<Area, Named>[];
  villages: GeoJSON.Feature<Area, Named & { townshipCode: string; center: [number, number] }>[];
}

export function staticLayerGeoJson(dataset: StaticSource): Record<StaticLayer, GeoJSON.FeatureCollection> {
  const { county, counties = [], townships, villages } = dataset;
  const countyLabels = counties.map((c) => labelFeature('county', c.properties, labelPoint(c)));
  const townshipLabels = townships.map((t) =>
    labelFeature('township', t.properties, labelPoint(t)),
  );
  const villageLabels = villages.map((v) => labelFeature('village', v.properties, v.properties.center));
  return {
    county: collection([
      areaFeature(county.geometry, pick(county.properties, ['code', 'name', 'nameEn'])),
    ]),
    counties: collection(counties.map((c) => areaFeature(c.geometry, pick(c.properties, ['code', 'name', 'nameEn'])))),
    townships: collection(
      townships.map((t) => areaFeature(t.geometry, pick(t.properties, ['code', 'name', 'nameEn']))),
    ),
    villages_outline: collection(
      villages.map((v) =>
        areaFeature(v.geometry, pick(v.properties, ['code', 'name', 'nameEn', 'townshipCode'])),
      ),
    ),
    labels: collection([...countyLabels, ...townshipLabels, ...villageLabels]),
  };
}

// Numeric ids because MVT ids are integers and MapLibre feature-state needs them; codes are unique per layer.
function areaFeature<P extends { code: string }>(geometry: Area, properties: P): GeoJSON.Feature<Area, P> {
  return { type: 'Feature', id: Number(properties.code), geometry, properties };
}

function labelFeature(
  kind: keyof typeof LABEL_RANK,
  area: { code: string; name: string; nameEn: string },
  coordinates: [number, number],
): GeoJSON.Feature<GeoJSON.Point> {
  return {
    type: 'Feature',
    id: Number(area.code),
    geometry: { type: 'Point', coordinates },
    properties: { kind, code: area.code, name: area.name, nameEn: area.nameEn, rank: LABEL_RANK[kind] },
  };
}

/** Centre of mass when it falls inside the area (nicest placement), else a point guaranteed inside. */
function labelPoint(area: GeoJSON.Feature<Area>): [number, number] {
  const center = centerOfMass(area);
  const point = booleanPointInPolygon(center, area) ? center : pointOnFeature(area);
  const [lon, lat] = point.geometry.coordinates;
  return [lon, lat];
}

function pick<P, K extends keyof P>(properties: P, keys: K[]): Pick<P, K> {
  return Object.fromEntries(keys.map((key) => [key, properties[key]])) as Pick<P, K>;
}

function collection(features: GeoJSON.Feature[]): GeoJSON.FeatureCollection {
  return { type: 'FeatureCollection', features };
}
