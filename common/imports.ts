// What an import preview reports before anything is written, shared by the server and the import page.

/** Coordinate systems of the files offices receive: GPS/WGS-84, Amap/Tencent (GCJ-02), Baidu (BD-09). */
export const IMPORT_CRS = ['wgs84', 'gcj02', 'bd09'] as const;
export type ImportCrs = (typeof IMPORT_CRS)[number];

export const GEOMETRY_TARGETS = ['projects', 'sites'] as const;
export type GeometryTarget = (typeof GEOMETRY_TARGETS)[number];

/** The village figures the national poverty information system exports. */
export const VILLAGE_STAT_FIELDS = ['poorHouseholds', 'poorPersons', 'exitedHouseholds', 'exitedPersons'] as const;
export type VillageStatField = (typeof VILLAGE_STAT_FIELDS)[number];

/** One row or feature that cannot be imported, and why. */
export interface ImportIssue {
  /** Spreadsheet row number (as Excel shows it) or feature number (from 1). */
  row: number;
  code: string;
  field?: string;
  /** The Shapefile layer (base name in the zip) the feature comes from, when the zip holds several. */
  layer?: string;
  message: string;
  messageEn: string;
}

/** Issues beyond the first few of one kind, counted with the first of them as an example. */
export interface OmittedIssues {
  field: string;
  layer?: string;
  count: number;
  message: string;
  messageEn: string;
}

/** The issues shown (the first few of each kind), how many there were in all, and the rest by kind. */
export interface ImportIssues {
  errors: ImportIssue[];
  errorCount: number;
  omittedErrors: OmittedIssues[];
}

export interface ImportPreviewBase extends ImportIssues {
  /** Commit with this token; null when the file has errors or changes nothing (all or nothing). */
  token: string | null;
  fileName: string;
  /** Rows or features read. */
  total: number;
  /** Rows or features that match the current data exactly. */
  unchanged: number;
}

export interface VillageStatChange {
  row: number;
  code: string;
  name: string;
  townshipCode: string;
  year: number;
  changes: Partial<Record<VillageStatField, { old: number; new: number }>>;
}

export interface VillageImportPreview extends ImportPreviewBase {
  /** The worksheet read (the first that has the columns). */
  sheet: string;
  /** Which header of the file fed each field; no year column means this year's figures. */
  columns: Record<VillageStatField | 'code', string> & { year: string | null };
  ignoredColumns: string[];
  /** Totals rows (合计, 总计) passed over. */
  totalsRows: number[];
  changes: VillageStatChange[];
  /**
   * 'households': the county holds household records, which decide its village figures; the
   * imported figures are kept as the typed-in ones and compared with them, never replace them.
   */
  figureSource: 'households' | 'typed';
}

export interface GeometryChange {
  row: number;
  /** The Shapefile layer, when the zip holds several. */
  layer?: string;
  action: 'create' | 'update';
  /** Existing id for an update. */
  id: number | null;
  name: string;
  townshipCode: string;
  /** Converted to WGS-84, as it will be stored. */
  geometry: GeoJSON.Point | GeoJSON.LineString;
  plannedKm: number | null;
}

export interface GeometryImportPreview extends ImportPreviewBase {
  target: GeometryTarget;
  crs: ImportCrs;
  changes: GeometryChange[];
}

export interface ImportResult {
  applied: number;
  /** Village codes, or site / project ids, as strings. */
  ids: string[];
}
