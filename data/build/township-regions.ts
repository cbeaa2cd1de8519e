// Which township's hub owns a point: a multiplicatively weighted Voronoi diagram, so townships
// with more villages cover more land. Rejection sampling asks this of every random point it
// draws in a county's box, and most belong elsewhere; a coarse grid answers most of those
// without measuring a single distance.
import { boxGrid } from './box-grid';
import { approxDistanceKm, type Box, type LonLat } from './geo';

export interface WeightedHub {
  centre: LonLat;
  reach: number;
}

/**
 * The exact rule: the hub nearest relative to its reach; ties go to the earlier hub. The answer
 * comes as soon as another hub beats this one.
 */
export function isOwnedBy(position: LonLat, hub: WeightedHub, hubs: readonly WeightedHub[]): boolean {
  const own = approxDistanceKm(position, hub.centre) / hub.reach;
  let before = true;
  for (const other of hubs) {
    if (other === hub) {
      before = false;
      continue;
    }
    const score = approxDistanceKm(position, other.centre) / other.reach;
    if (before ? score <= own : score < own) return false;
  }
  return true;
}

const GRID_CELLS = 32;
const KM_PER_DEGREE_LON_AT_EQUATOR = 111.32;
const KM_PER_DEGREE_LAT = 110.574;

/**
 * For each cell of a GRID_CELLS² grid over `box`, the hubs that may own some point of it. A hub
 * is ruled out of a cell when its best possible score there is worse than another hub's worst:
 * scores are bounded by the distance from the cell's centre plus the cell's half-diagonal and
 * the error of approxDistanceKm's latitude-dependent scale across the cell, so the grid never
 * rules out an owner and `owns` answers exactly as isOwnedBy does.
 */
export function townshipRegions(hubs: readonly WeightedHub[], box: Box) {
  const grid = boxGrid(box, GRID_CELLS);
  const [, south, , north] = box;
  const halfDiagonalKm = Math.hypot((grid.cellWidth / 2) * KM_PER_DEGREE_LON_AT_EQUATOR, (grid.cellHeight / 2) * KM_PER_DEGREE_LAT);
  // approxDistanceKm scales longitude by the cosine of the mean latitude of the two points. A point
  // of the cell lies at most half a cell height from the centre, so the mean moves by at most a
  // quarter of it, and the cosine by at most that angle: relative to the smallest cosine about, an
  // error of that much, taken twice over for safety. (Near a pole the cosine goes to 0 and the
  // margin to infinity: every hub stays possible, which is slow, never wrong.)
  const maxAbsLat = Math.max(Math.abs(north), Math.abs(south), ...hubs.map((h) => Math.abs(h.centre[1])));
  const scaleError = ((grid.cellHeight / 4) * (Math.PI / 180)) / Math.cos(maxAbsLat * (Math.PI / 180));
  const relativeMargin = 2 * scaleError + 1e-9;
  const possible = new Uint8Array(GRID_CELLS * GRID_CELLS * hubs.length);
  const low = new Float64Array(hubs.length);
  for (let row = 0; row < GRID_CELLS; row++) {
    for (let col = 0; col < GRID_CELLS; col++) {
      const centre = grid.centre(row, col);
      let bestWorst = Infinity;
      hubs.forEach((hub, i) => {
        const km = approxDistanceKm(centre, hub.centre);
        const margin = halfDiagonalKm + relativeMargin * (km + halfDiagonalKm);
        low[i] = (km - margin) / hub.reach;
        const worst = (km + margin) / hub.reach;
        if (worst < bestWorst) bestWorst = worst;
      });
      const cell = row * GRID_CELLS + col;
      // Written so that a NaN (0 / 0: a hub without reach, right at the cell's margin) keeps the hub possible.
      for (let i = 0; i < hubs.length; i++) if (!(low[i] > bestWorst)) possible[cell * hubs.length + i] = 1;
    }
  }
  return {
    /** Whether hub number `index` owns `position`; a point the grid cannot place takes the exact rule alone. */
    owns(position: LonLat, index: number): boolean {
      const cell = grid.cellOf(position);
      return (cell < 0 || possible[cell * hubs.length + index] === 1) && isOwnedBy(position, hubs[index], hubs);
    },
  };
}
