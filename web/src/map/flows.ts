// Relocation flows: a curved arc from each origin village (搬出村) to the site its households moved
// to. Curves rather than straight lines, so that flows into one site fan out instead of stacking,
// and a flow reads as a movement rather than as a road.
import type { LonLat, SiteView } from '../../../common/api';

export interface Flow {
  siteId: number;
  villageCode: string;
  from: LonLat;
  to: LonLat;
}

export type FlowFeature =
  | GeoJSON.Feature<GeoJSON.LineString, { kind: 'flow'; siteId: number; villageCode: string }>
  | GeoJSON.Feature<GeoJSON.Point, { kind: 'origin'; siteId: number; villageCode: string }>
  | GeoJSON.Feature<GeoJSON.Point, { kind: 'arrow'; siteId: number; villageCode: string; bearing: number }>;

/** How far the arc bows out, as a share of the distance between its ends. */
const BEND = 0.22;
const STEPS = 24;
/** Where along the arc its arrowhead sits: short of the end, which the site's circle covers. */
const ARROW_AT = 0.72;

/** One flow per origin village of each site; villages without a known centre are skipped. */
export function flowsOf(sites: readonly SiteView[], centreOf: (code: string) => LonLat | undefined): Flow[] {
  return sites.flatMap((site) =>
    site.originVillages.flatMap((villageCode) => {
      const from = centreOf(villageCode);
      return from ? [{ siteId: site.id, villageCode, from, to: [site.lon, site.lat] as LonLat }] : [];
    }),
  );
}

/**
 * The quadratic Bézier from `from` to `to`, bowed to the right of the direction of travel, and the
 * point and compass bearing (degrees clockwise from north) at `at` along it. Worked in a plane
 * where a degree of longitude is shortened by cos(latitude), so the bow looks the same in every direction.
 */
export function arc(from: LonLat, to: LonLat, at = ARROW_AT): { line: LonLat[]; point: LonLat; bearing: number } {
  const k = Math.cos(((from[1] + to[1]) / 2) * (Math.PI / 180));
  const p0 = { x: from[0] * k, y: from[1] };
  const p2 = { x: to[0] * k, y: to[1] };
  const dx = p2.x - p0.x;
  const dy = p2.y - p0.y;
  // The right-hand normal of (dx, dy) is (dy, -dx).
  const p1 = { x: (p0.x + p2.x) / 2 + dy * BEND, y: (p0.y + p2.y) / 2 - dx * BEND };
  const pointAt = (t: number) => ({
    x: (1 - t) ** 2 * p0.x + 2 * (1 - t) * t * p1.x + t ** 2 * p2.x,
    y: (1 - t) ** 2 * p0.y + 2 * (1 - t) * t * p1.y + t ** 2 * p2.y,
  });
  const toLonLat = ({ x, y }: { x: number; y: number }): LonLat => [x / k, y];
  const line = Array.from({ length: STEPS + 1 }, (_, i) => toLonLat(pointAt(i / STEPS)));
  // The derivative of the curve at `at` gives the direction of travel there.
  const tx = 2 * (1 - at) * (p1.x - p0.x) + 2 * at * (p2.x - p1.x);
  const ty = 2 * (1 - at) * (p1.y - p0.y) + 2 * at * (p2.y - p1.y);
  const bearing = (Math.atan2(tx, ty) * 180) / Math.PI;
  return { line, point: toLonLat(pointAt(at)), bearing };
}

/** Arcs, their arrowheads and their origin dots, in one collection for one GeoJSON source. */
export function flowFeatures(flows: readonly Flow[]): GeoJSON.FeatureCollection<GeoJSON.Geometry, FlowFeature['properties']> {
  const features = flows.flatMap(({ siteId, villageCode, from, to }): FlowFeature[] => {
    const { line, point, bearing } = arc(from, to);
    return [
      { type: 'Feature', geometry: { type: 'LineString', coordinates: line }, properties: { kind: 'flow', siteId, villageCode } },
      { type: 'Feature', geometry: { type: 'Point', coordinates: from }, properties: { kind: 'origin', siteId, villageCode } },
      { type: 'Feature', geometry: { type: 'Point', coordinates: point }, properties: { kind: 'arrow', siteId, villageCode, bearing } },
    ];
  });
  return { type: 'FeatureCollection', features };
}
