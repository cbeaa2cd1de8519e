// Real township and village boundaries imported over the demo ones: the coordinate systems the
// import accepts, what its preview reports, and which layers of the portal are still demo data.
import type { ImportIssues } from './imports';

export const BOUNDARY_LEVELS = ['villages', 'townships'] as const;
export type BoundaryLevel = (typeof BOUNDARY_LEVELS)[number];

/**
 * What the user says the coordinates are when the file does not (no .prj, no `crs` member):
 * auto = take it from the file; gk3/gk6 = CGCS2000 Gauss-Krüger 3° or 6° zones (the land survey's).
 */
export const BOUNDARY_CRS = ['auto', 'cgcs2000', 'gk3', 'gk6', 'wgs84', 'gcj02', 'bd09'] as const;
export type BoundaryCrsChoice = (typeof BOUNDARY_CRS)[number];

/** Geodetic datums of Chinese survey data; the two older ones need seven Helmert parameters. */
export const DATUMS = ['cgcs2000', 'xian80', 'beijing54'] as const;
export type Datum = (typeof DATUMS)[number];

export interface BoundaryChange {
  row: number;
  layer?: string;
  code: string;
  name: string;
  townshipCode: string;
  /** How the feature was matched: by its code, or by its name within its township. */
  matchedBy: 'code' | 'name';
  /** Area in km², and how far (km) the new centre lies from the old one: a check against a wrong zone. */
  areaKm2: number;
  shiftKm: number;
}

export interface BoundaryImportPreview extends ImportIssues {
  token: string | null;
  fileName: string;
  level: BoundaryLevel;
  /** The coordinate system read, as the file named it or the user chose it, e.g. "CGCS2000 3° GK CM 114E (EPSG:4547)". */
  crs: string;
  total: number;
  changes: BoundaryChange[];
  /** Townships or villages of the county the file has no boundary for: they keep the demo one. */
  missing: { code: string; name: string }[];
}

/** Layers of the portal whose data may still be generated demo data. */
export const DEMO_LAYERS = ['townshipBoundaries', 'villageBoundaries', 'villageFigures', 'sites', 'projects'] as const;
export type DemoLayer = (typeof DEMO_LAYERS)[number];
