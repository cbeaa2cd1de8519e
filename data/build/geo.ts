// Small geometric helpers shared by the layout, site and project builders.
import { bbox, booleanPointInPolygon, centroid } from '@turf/turf';

export type LonLat = [number, number];
export type Polygonal = GeoJSON.Polygon | GeoJSON.MultiPolygon;
export type PolygonalFeature = GeoJSON.Feature<Polygonal>;

/** Six decimals is about 0.1 m: far below the ~100 m precision of the source outline. */
const COORDINATE_SCALE = 1e6;

const roundCoordinate = (value: number): number => Math.round(value * COORDINATE_SCALE) / COORDINATE_SCALE;

export const roundPosition = (position: GeoJSON.Position): LonLat => [roundCoordinate(position[0]), roundCoordinate(position[1])];

export const asFeature = <G extends GeoJSON.Geometry>(geometry: G): GeoJSON.Feature<G> => ({
  type: 'Feature',
  properties: {},
  geometry,
});

/** Rounds a ring and drops the repeated vertices rounding creates; null when the ring collapses. */
function roundRing(ring: GeoJSON.Position[]): LonLat[] | null {
  const out: LonLat[] = [];
  for (const position of ring) {
    const rounded = roundPosition(position);
    const last = out[out.length - 1];
    if (!last || last[0] !== rounded[0] || last[1] !== rounded[1]) out.push(rounded);
  }
  return out.length >= 4 ? out : null;
}

/** Rounds a polygon's rings; null when its outer ring collapses. Collapsed holes are dropped. */
function roundPolygonRings(rings: GeoJSON.Position[][]): LonLat[][] | null {
  const [outer, ...holes] = rings.map(roundRing);
  if (!outer) return null;
  return [outer, ...holes.filter((hole): hole is LonLat[] => hole !== null)];
}

/** Rounds to six decimals, dropping parts that rounding collapses; a one-part MultiPolygon becomes a Polygon. */
export function roundPolygonal(geometry: Polygonal): Polygonal {
  const parts = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  const rounded = parts.map(roundPolygonRings).filter((part): part is LonLat[][] => part !== null);
  if (rounded.length === 0) throw new Error('polygon collapsed when rounded');
  return rounded.length === 1
    ? { type: 'Polygon', coordinates: rounded[0] }
    : { type: 'MultiPolygon', coordinates: rounded };
}

const KM_PER_DEGREE_LAT = 110.574;
const KM_PER_DEGREE_LON_AT_EQUATOR = 111.32;

/** Equirectangular distance: within a county it is within a fraction of a percent of the great-circle one, and far cheaper. */
export function approxDistanceKm(a: GeoJSON.Position, b: GeoJSON.Position): number {
  const meanLat = ((a[1] + b[1]) / 2) * (Math.PI / 180);
  return Math.hypot((a[0] - b[0]) * Math.cos(meanLat) * KM_PER_DEGREE_LON_AT_EQUATOR, (a[1] - b[1]) * KM_PER_DEGREE_LAT);
}

/** Distance from a point to the nearest edge of an area, on the same local plane as approxDistanceKm. */
export function distanceToBoundaryKm(position: GeoJSON.Position, area: Polygonal): number {
  const kmPerLon = Math.cos(position[1] * (Math.PI / 180)) * KM_PER_DEGREE_LON_AT_EQUATOR;
  const rings = area.type === 'Polygon' ? area.coordinates : area.coordinates.flat();
  let nearest = Infinity;
  // Plain numbers, no array per vertex: the national build calls this for every candidate hub.
  for (const ring of rings) {
    for (let i = 1; i < ring.length; i++) {
      const ax = (ring[i - 1][0] - position[0]) * kmPerLon;
      const ay = (ring[i - 1][1] - position[1]) * KM_PER_DEGREE_LAT;
      const dx = (ring[i][0] - position[0]) * kmPerLon - ax;
      const dy = (ring[i][1] - position[1]) * KM_PER_DEGREE_LAT - ay;
      const lengthSquared = dx * dx + dy * dy;
      // Parameter of the point's projection on the segment, clamped to the segment: the point is the origin.
      const t = lengthSquared === 0 ? 0 : Math.max(0, Math.min(1, -(ax * dx + ay * dy) / lengthSquared));
      nearest = Math.min(nearest, Math.hypot(ax + t * dx, ay + t * dy));
    }
  }
  return nearest;
}

export const polygonPartCount = (geometry: Polygonal): number =>
  geometry.type === 'Polygon' ? 1 : geometry.coordinates.length;

/** Strictly inside: a point on the boundary would be ambiguous between neighbouring units. */
export const isInside = (point: GeoJSON.Position, area: Polygonal | PolygonalFeature): boolean =>
  booleanPointInPolygon(point, area, { ignoreBoundary: true });

export type Box = [west: number, south: number, east: number, north: number];

/** An outline's box, worked out once: rejection sampling asks for it on every point it draws. */
const boxes = new WeakMap<object, Box>();
export function boxOf(area: PolygonalFeature): Box {
  let box = boxes.get(area);
  if (!box) boxes.set(area, (box = bbox(area) as Box));
  return box;
}

/** The inside point of a regular grid over the area closest to `target`; finer grids for thin areas. */
function gridPointNear(area: PolygonalFeature, target: GeoJSON.Position): LonLat | null {
  const [west, south, east, north] = boxOf(area);
  for (const steps of [16, 64, 256]) {
    let best: LonLat | null = null;
    let bestDistance = Infinity;
    for (let i = 1; i < steps; i++) {
      for (let j = 1; j < steps; j++) {
        const point = roundPosition([west + ((east - west) * i) / steps, south + ((north - south) * j) / steps]);
        const distance = Math.hypot(point[0] - target[0], point[1] - target[1]);
        if (distance < bestDistance && isInside(point, area)) [best, bestDistance] = [point, distance];
      }
    }
    if (best) return best;
  }
  return null;
}

/**
 * Where to put a label or marker: the centroid when it falls inside the area, else the nearest
 * inside point. (turf's pointOnFeature may answer with a boundary vertex, which is not inside.)
 */
export function labelPoint(area: PolygonalFeature): LonLat {
  const center = roundPosition(centroid(area).geometry.coordinates);
  const inside = isInside(center, area) ? center : gridPointNear(area, center);
  if (!inside) throw new Error('no label point strictly inside the area');
  return inside;
}
