// The lists page's filters, one set per layer, and where each row lies on the map. Pure, so the
// rules are tested without a browser.
import type { BBox, SiteView, VillageView } from '../../../common/api';
import type { Project, ProjectKind, ProjectStatus, ProjectSubtype, VillageClass } from '../../../common/domain';
import { rateBelowTarget, type ExitStatus } from '../../../common/indicators';
import type { Problem } from '../../../common/problems';

export const LIST_LAYERS = ['villages', 'projects', 'sites', 'problems'] as const;
export type ListLayer = (typeof LIST_LAYERS)[number];

export const PROBLEM_SCOPES = ['open', 'overdue', 'all'] as const;
export type ProblemScope = (typeof PROBLEM_SCOPES)[number];

/** '' stands for "any" in every choice, as the <select>s speak strings. */
export interface ListFilters {
  township: string;
  exitStatus: ExitStatus | '';
  villageClass: VillageClass | '';
  kind: ProjectKind | '';
  subtype: ProjectSubtype | '';
  projectStatus: ProjectStatus | '';
  /** Sites whose occupancy (搬迁入住率) is below the target. */
  belowTarget: boolean;
  problems: ProblemScope;
}

export const NO_FILTERS: ListFilters = {
  township: '',
  exitStatus: '',
  villageClass: '',
  kind: '',
  subtype: '',
  projectStatus: '',
  belowTarget: false,
  problems: 'open',
};

const matches = <T>(wanted: T | '', value: T) => wanted === '' || wanted === value;

export const filterVillages = (rows: readonly VillageView[], f: ListFilters) =>
  rows.filter((v) => matches(f.township, v.townshipCode) && matches(f.exitStatus, v.exitStatus) && matches(f.villageClass, v.villageClass));

export const filterProjects = (rows: readonly Project[], f: ListFilters) =>
  rows.filter(
    (p) => matches(f.township, p.townshipCode) && matches(f.kind, p.kind) && matches(f.subtype, p.subtype) && matches(f.projectStatus, p.status),
  );

export const filterSites = (rows: readonly SiteView[], f: ListFilters) =>
  rows.filter((s) => matches(f.township, s.townshipCode) && (!f.belowTarget || rateBelowTarget(s.indicators.occupancyRate)));

export const filterProblems = (rows: readonly Problem[], f: ListFilters) =>
  rows.filter(
    (p) => matches(f.township, p.townshipCode) && (f.problems === 'all' || (f.problems === 'overdue' ? p.overdue : p.status === 'open')),
  );

/** The box around a project's line or point, for the camera to fly to. */
export function geometryBbox(geometry: GeoJSON.LineString | GeoJSON.Point): BBox {
  const points = geometry.type === 'Point' ? [geometry.coordinates] : geometry.coordinates;
  const lons = points.map((p) => p[0]);
  const lats = points.map((p) => p[1]);
  return [Math.min(...lons), Math.min(...lats), Math.max(...lons), Math.max(...lats)];
}

export const pointBbox = (lon: number, lat: number): BBox => [lon, lat, lon, lat];
