// The file the data build writes (data/generated/<county>.json) and the seed, tile build and tests read.
import type { Project, RelocationSite, Township, Village } from './domain';
import type { TargetMeasure } from './targets';

type Stored = 'version' | 'updatedAt';
export type DatasetVillage = Omit<Village, Stored>;
export type DatasetSite = Omit<RelocationSite, 'id' | Stored>;
export type DatasetProject = Omit<Project, 'id' | Stored> & {
  /** Month-end progress reports up to the present figures, oldest first. */
  progressReports?: DatasetProgressReport[];
};
export interface DatasetProgressReport {
  recordedOn: string;
  progressPct: number;
  doneKm: number | null;
  spent: number;
  status: Project['status'];
}

/** An annual target the seed writes: a published plan's (data/plans/) or, for a demo county without one, the demo's own. */
export interface DatasetTarget {
  area: string;
  year: number;
  measure: TargetMeasure;
  value: number;
  source: string;
  demo: boolean;
}

export interface Dataset {
  meta: {
    /** The portal's area: a county, or a prefecture whose counties are in `counties`. */
    county: { code: string; name: string; nameEn: string };
    seed: number;
    /** Everything but names, codes and the county outline is generated demo data; false in a production portal. */
    demo: boolean;
    sources: string[];
    note: string;
  };
  /** The area's outline (a prefecture's is the union of its counties'). */
  county: GeoJSON.Feature<GeoJSON.Polygon | GeoJSON.MultiPolygon, { code: string; name: string; nameEn: string }>;
  /** A prefecture's counties with their outlines; absent when the area is one county. */
  counties?: (GeoJSON.Feature<GeoJSON.Polygon | GeoJSON.MultiPolygon, { code: string; name: string; nameEn: string }> & { demo: boolean; sources: string[] })[];
  townships: GeoJSON.Feature<GeoJSON.Polygon | GeoJSON.MultiPolygon, Township>[];
  /** Village polygons; properties carry all attributes, label point in `center`. */
  villages: GeoJSON.Feature<GeoJSON.Polygon | GeoJSON.MultiPolygon, DatasetVillage & { center: [number, number] }>[];
  sites: DatasetSite[];
  projects: DatasetProject[];
  /** Absent in datasets written before targets existed. */
  targets?: DatasetTarget[];
}
