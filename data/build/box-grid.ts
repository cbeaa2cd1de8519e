// A regular grid of cells over a box, for the lookups that spare the national build its exact
// tests (township-regions.ts, area-sampling.ts). One formula places points and marks cells, so a
// point and the cells marked around it always agree.
import type { Box, LonLat } from './geo';

export interface BoxGrid {
  /** Cells along each side. */
  size: number;
  /** A cell's width and height, in degrees. */
  cellWidth: number;
  cellHeight: number;
  /** Where a longitude or latitude falls, in cells from the west or south edge (fractional). */
  column: (lon: number) => number;
  row: (lat: number) => number;
  centre: (row: number, col: number) => LonLat;
  /** The cell (row × size + column) holding a point of the box; -1 for one outside it or one it cannot place (NaN, a box without width). */
  cellOf: (point: LonLat) => number;
}

export function boxGrid([west, south, east, north]: Box, size: number): BoxGrid {
  const cellWidth = (east - west) / size;
  const cellHeight = (north - south) / size;
  const column = (lon: number) => (lon - west) / cellWidth;
  const row = (lat: number) => (lat - south) / cellHeight;
  return {
    size,
    cellWidth,
    cellHeight,
    column,
    row,
    centre: (r, c) => [west + (c + 0.5) * cellWidth, south + (r + 0.5) * cellHeight],
    cellOf: ([lon, lat]) => {
      if (!(lon >= west && lon <= east && lat >= south && lat <= north)) return -1;
      // The east and north edges belong to the last cells.
      const c = Math.min(size - 1, Math.floor(column(lon)));
      const r = Math.min(size - 1, Math.floor(row(lat)));
      return Number.isInteger(c) && Number.isInteger(r) ? r * size + c : -1;
    },
  };
}
