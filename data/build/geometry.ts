// Demo township and village polygons. No public source has them (docs/DOMAIN.md), so each village
// gets the Voronoi cell of a generated settlement point, clipped to the real county outline,
// and a township is the union of its villages' cells.
import { bbox, destination, featureCollection, intersect, lineIntersect, point, union, voronoi } from '@turf/turf';
import type { CountyOutline } from './county-outline';
import {
  approxDistanceKm, asFeature, boxOf, distanceToBoundaryKm, isInside, labelPoint, polygonPartCount, roundPolygonal,
  type LonLat, type Polygonal, type PolygonalFeature,
} from './geo';
import { randomPointInside } from './area-sampling';
import type { Random } from './random';
import { townshipRegions } from './township-regions';
import type { TownshipUnit } from './units';

export interface VillageGeometry {
  geometry: Polygonal;
  /** Label point, strictly inside the polygon. */
  center: LonLat;
}

export interface CountyGeometry {
  townships: Map<string, Polygonal>;
  villages: Map<string, VillageGeometry>;
}

/**
 * Layouts are redrawn until every township and village is one piece. Each draw costs a second or
 * more, and a county with a ragged outline may never come out whole, so the redraws are few.
 */
const LAYOUT_ATTEMPTS = 6;
/** Best-candidate sampling: more candidates spread points more evenly. */
const HUB_CANDIDATES = 30;
const VILLAGE_CANDIDATES = 8;
/** Urban communities are packed close together, so an urban unit claims less land per community. */
const URBAN_REACH_FACTOR = 0.5;
/** With an urban district at the seat, the seat town's hub sits this far out, so the town wraps around it. */
const SEAT_TOWN_OFFSET_KM = { min: 4, max: 7 };
const URBAN_HUB_SPREAD_KM = 3;

/** Where a township's villages cluster, and how far its pull reaches relative to the others. */
interface Hub {
  township: TownshipUnit;
  centre: LonLat;
  reach: number;
}

interface SettlementPoint {
  villageCode: string;
  townshipCode: string;
  position: LonLat;
}

interface Layout {
  townships: Map<string, Polygonal>;
  cells: Map<string, Polygonal>;
  partCount: number;
}

function nearSeat(seat: LonLat, distanceKm: { min: number; max: number }, county: PolygonalFeature, random: Random): LonLat {
  for (let attempt = 0; attempt < 1000; attempt++) {
    const candidate = destination(seat, random.float(distanceKm.min, distanceKm.max), random.float(-180, 180)).geometry.coordinates;
    if (isInside(candidate, county)) return [candidate[0], candidate[1]];
  }
  throw new Error('no point inside the county near its seat');
}

/**
 * Urban units sit at the county seat and the seat town (the first rural township, 城关镇-style,
 * by the coding convention) next to them; the other hubs spread out, preferring points far from
 * other hubs and from the county border.
 */
export function placeHubs(townships: TownshipUnit[], outline: CountyOutline, random: Random): Hub[] {
  const county = outline.feature;
  const seat = outline.seat;
  const hasUrban = townships.some((t) => t.urban);
  const seatTown = townships.find((t) => !t.urban);
  const hubs: Hub[] = [];
  const reach = (t: TownshipUnit) => Math.sqrt(t.villages.length) * (t.urban ? URBAN_REACH_FACTOR : 1);

  // The seat's hubs go first, so the others can keep their distance from them.
  const placementOrder = [...townships.filter((t) => t.urban || t === seatTown), ...townships.filter((t) => !t.urban && t !== seatTown)];
  for (const township of placementOrder) {
    let centre: LonLat;
    if (township.urban) {
      centre = hubs.some((h) => h.township.urban) ? nearSeat(seat, { min: 1, max: URBAN_HUB_SPREAD_KM }, county, random) : seat;
    } else if (township === seatTown) {
      centre = hasUrban ? nearSeat(seat, SEAT_TOWN_OFFSET_KM, county, random) : seat;
    } else {
      let bestScore = -Infinity;
      centre = seat;
      for (let i = 0; i < HUB_CANDIDATES; i++) {
        const candidate = randomPointInside(county, random);
        const nearestHubKm = Math.min(...hubs.map((h) => approxDistanceKm(candidate, h.centre)));
        // The border distance walks the whole outline; a candidate already beaten on hub distance needs none.
        if (nearestHubKm <= bestScore) continue;
        // A hub on the border loses half its land to the clip, so border distance counts double.
        const score = Math.min(nearestHubKm, 2 * distanceToBoundaryKm(candidate, county.geometry));
        if (score > bestScore) [centre, bestScore] = [candidate, score];
      }
    }
    hubs.push({ township, centre, reach: reach(township) });
  }
  return hubs;
}

/**
 * Distance to the nearest placed settlement, or any value ≤ `floor` once it is known not to beat
 * it: a national build scores millions of candidates, and most lose to a recent neighbour early.
 */
function nearestDistanceAbove(candidate: LonLat, placed: SettlementPoint[], floor: number): number {
  let nearest = Infinity;
  // Newest first: the last placed settlements share the candidate's township, so they are the likely nearest.
  for (let i = placed.length - 1; i >= 0 && nearest > floor; i--) nearest = Math.min(nearest, approxDistanceKm(candidate, placed[i].position));
  return nearest;
}

/** Village settlements, spread evenly over each township's weighted region by best-candidate sampling. */
export function placeSettlements(hubs: Hub[], county: PolygonalFeature, random: Random): SettlementPoint[] {
  const placed: SettlementPoint[] = [];
  const regions = townshipRegions(hubs, boxOf(county));
  for (const [index, hub] of hubs.entries()) {
    const inRegion = (position: LonLat) => regions.owns(position, index);
    for (const village of hub.township.villages) {
      let best: LonLat | undefined;
      let bestScore = -Infinity;
      for (let i = 0; i < VILLAGE_CANDIDATES; i++) {
        const candidate = randomPointInside(county, random, inRegion);
        const score = nearestDistanceAbove(candidate, placed, bestScore);
        if (score > bestScore) [best, bestScore] = [candidate, score];
      }
      placed.push({ villageCode: village.code, townshipCode: hub.township.code, position: best! });
    }
  }
  return placed;
}

/**
 * Clipping is the costly step (polyclip's exact arithmetic), so a cell clear of the county's
 * border, with no border vertex inside it (an enclave), is kept as it is.
 */
function clipToCounty(cell: GeoJSON.Feature<GeoJSON.Polygon>, county: PolygonalFeature, countyVertices: GeoJSON.Position[]): Polygonal | null {
  const clear =
    cell.geometry.coordinates[0].every((vertex) => isInside(vertex, county)) &&
    !countyVertices.some((vertex) => isInside(vertex, cell)) &&
    lineIntersect(cell, county).features.length === 0;
  if (clear) return cell.geometry;
  return intersect(featureCollection<Polygonal>([cell, county]))?.geometry ?? null;
}

function clippedVoronoiCells(settlements: SettlementPoint[], county: PolygonalFeature): Map<string, Polygonal> {
  const [west, south, east, north] = bbox(county);
  const margin = 0.05; // degrees: keeps every cell edge that matters clear of the diagram's frame
  const diagram = voronoi(featureCollection(settlements.map((s) => point(s.position))), {
    bbox: [west - margin, south - margin, east + margin, north + margin],
  });
  const countyVertices = county.geometry.type === 'Polygon' ? county.geometry.coordinates.flat() : county.geometry.coordinates.flat(2);
  const cells = new Map<string, Polygonal>();
  settlements.forEach((settlement, i) => {
    const cell = diagram.features[i];
    if (!cell) throw new Error(`village ${settlement.villageCode} has no Voronoi cell (duplicate point?)`);
    const clipped = clipToCounty(cell, county, countyVertices);
    if (!clipped) throw new Error(`Voronoi cell of village ${settlement.villageCode} lies outside the county`);
    cells.set(settlement.villageCode, roundPolygonal(clipped));
  });
  return cells;
}

function unionOf(geometries: Polygonal[]): Polygonal {
  if (geometries.length === 1) return geometries[0];
  const merged = union(featureCollection(geometries.map((g) => asFeature(g))));
  if (!merged) throw new Error('union of village cells is empty');
  return roundPolygonal(merged.geometry);
}

function drawLayout(townships: TownshipUnit[], outline: CountyOutline, random: Random): Layout {
  const hubs = placeHubs(townships, outline, random);
  const cells = clippedVoronoiCells(placeSettlements(hubs, outline.feature, random), outline.feature);
  const townshipPolygons = new Map(
    townships.map((t) => [t.code, unionOf(t.villages.map((v) => cells.get(v.code)!))] as const),
  );
  const partCount = [...townshipPolygons.values(), ...cells.values()].reduce((sum, g) => sum + polygonPartCount(g), 0);
  return { townships: townshipPolygons, cells, partCount };
}

/**
 * Draws layouts until every township and village is a single polygon (weighted regions clipped
 * to a concave outline can split), keeping the least fragmented one if none is.
 */
export function layoutCountyGeometry(townships: TownshipUnit[], outline: CountyOutline, random: Random): CountyGeometry {
  const unfragmented = townships.length + townships.reduce((sum, t) => sum + t.villages.length, 0);
  let best: Layout | undefined;
  for (let attempt = 0; attempt < LAYOUT_ATTEMPTS && best?.partCount !== unfragmented; attempt++) {
    const layout = drawLayout(townships, outline, random);
    if (!best || layout.partCount < best.partCount) best = layout;
  }
  const villages = new Map<string, VillageGeometry>();
  for (const [code, geometry] of best!.cells) villages.set(code, { geometry, center: labelPoint(asFeature(geometry)) });
  return { townships: best!.townships, villages };
}
