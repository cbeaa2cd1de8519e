// Snapping a dragged vertex to the places a road is meant to meet: village centres and the ends
// of other projects. Measured in screen pixels, so it feels the same at every zoom.
import type { LonLat } from '../../../common/api';

export type Project = (lon: number, lat: number) => { x: number; y: number };

/** The candidate nearest to the pointer, if one lies within `radiusPx` of it. */
export function nearestWithin(candidates: readonly LonLat[], pointer: { x: number; y: number }, project: Project, radiusPx: number): LonLat | undefined {
  let best: LonLat | undefined;
  let bestDistance = radiusPx;
  for (const candidate of candidates) {
    const p = project(candidate[0], candidate[1]);
    const distance = Math.hypot(p.x - pointer.x, p.y - pointer.y);
    if (distance <= bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** Both ends of each line, and each point: where another project can be joined. */
export function projectEnds(geometries: readonly GeoJSON.Geometry[]): LonLat[] {
  const ends: LonLat[] = [];
  for (const g of geometries) {
    if (g.type === 'Point') ends.push(g.coordinates as LonLat);
    else if (g.type === 'LineString' && g.coordinates.length) {
      ends.push(g.coordinates[0] as LonLat, g.coordinates[g.coordinates.length - 1] as LonLat);
    }
  }
  return ends;
}
