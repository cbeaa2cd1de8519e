// Random points inside a county outline, by rejection from its box. A national build draws tens
// of millions of them, so the point-in-outline test goes through a grid: a cell that no edge of
// the outline touches is wholly inside or wholly outside, and only points in the cells along the
// edges take the exact test.
import { boxGrid, type BoxGrid } from './box-grid';
import { boxOf, isInside, type LonLat, type PolygonalFeature } from './geo';
import type { Random } from './random';

const GRID_CELLS = 64;
const EDGE = 0;
const INSIDE = 1;
const OUTSIDE = 2;
/** In cell widths: an edge passing within rounding distance of a cell's border marks the cell too. */
const CELL_SLACK = 1e-6;

interface OutlineGrid {
  grid: BoxGrid;
  cells: Uint8Array;
}

function cellSpan(min: number, max: number, toCells: (value: number) => number): [number, number] {
  const first = Math.max(0, Math.floor(toCells(min) - CELL_SLACK));
  const last = Math.min(GRID_CELLS - 1, Math.floor(toCells(max) + CELL_SLACK));
  return [first, last];
}

/**
 * Marks the cells each edge's box overlaps (more than the edge itself touches, which only sends
 * more points to the exact test), then labels each connected run of untouched cells by the
 * exact test of one cell's centre: no edge separates two untouched neighbours. That holds for
 * closed rings, as GeoJSON and the outline readers have them.
 */
function buildGrid(area: PolygonalFeature): OutlineGrid {
  const grid = boxGrid(boxOf(area), GRID_CELLS);
  const cells = new Uint8Array(GRID_CELLS * GRID_CELLS).fill(OUTSIDE + 1);
  const polygons = area.geometry.type === 'Polygon' ? [area.geometry.coordinates] : area.geometry.coordinates;
  for (const ring of polygons.flat()) {
    for (let i = 1; i < ring.length; i++) {
      const [a, b] = [ring[i - 1], ring[i]];
      const [col0, col1] = cellSpan(Math.min(a[0], b[0]), Math.max(a[0], b[0]), grid.column);
      const [row0, row1] = cellSpan(Math.min(a[1], b[1]), Math.max(a[1], b[1]), grid.row);
      for (let row = row0; row <= row1; row++) cells.fill(EDGE, row * GRID_CELLS + col0, row * GRID_CELLS + col1 + 1);
    }
  }
  for (let start = 0; start < cells.length; start++) {
    if (cells[start] !== OUTSIDE + 1) continue;
    const state = isInside(grid.centre(Math.floor(start / GRID_CELLS), start % GRID_CELLS), area) ? INSIDE : OUTSIDE;
    const stack = [start];
    cells[start] = state;
    while (stack.length > 0) {
      const cell = stack.pop()!;
      const [r, c] = [Math.floor(cell / GRID_CELLS), cell % GRID_CELLS];
      for (const [nr, nc] of [[r - 1, c], [r + 1, c], [r, c - 1], [r, c + 1]]) {
        if (nr < 0 || nc < 0 || nr >= GRID_CELLS || nc >= GRID_CELLS) continue;
        const next = nr * GRID_CELLS + nc;
        if (cells[next] !== OUTSIDE + 1) continue;
        cells[next] = state;
        stack.push(next);
      }
    }
  }
  return { grid, cells };
}

const grids = new WeakMap<PolygonalFeature, OutlineGrid>();

/** Answers exactly as isInside(point, area). */
export function isInsideOutline(point: LonLat, area: PolygonalFeature): boolean {
  let outline = grids.get(area);
  if (!outline) grids.set(area, (outline = buildGrid(area)));
  const cell = outline.grid.cellOf(point);
  const state = cell < 0 ? EDGE : outline.cells[cell];
  return state === EDGE ? isInside(point, area) : state === INSIDE;
}

/** A uniformly random point inside an area that also passes `accept`, by rejection from its bounding box. */
export function randomPointInside(
  area: PolygonalFeature,
  random: Random,
  accept: (point: LonLat) => boolean = () => true,
  maxAttempts = 200_000,
): LonLat {
  const [west, south, east, north] = boxOf(area);
  for (let attempt = 0; attempt < maxAttempts; attempt++) {
    const point: LonLat = [random.float(west, east), random.float(south, north)];
    // `accept` first: callers pass cheap tests, and the polygon test is the costly one.
    if (accept(point) && isInsideOutline(point, area)) return point;
  }
  throw new Error(`no acceptable point found in ${maxAttempts} attempts`);
}
