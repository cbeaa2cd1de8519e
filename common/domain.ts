// Domain vocabulary shared by the data build, the server and the web app.
// See docs/DOMAIN.md for where these terms come from.

export const VILLAGE_CLASSES = ['poor', 'deep_poor', 'non_poor'] as const;
export type VillageClass = (typeof VILLAGE_CLASSES)[number];

/** The hard infrastructure items of a village (水电路车房，手机电视互联网，卫生室，党群阵地). */
export const INFRA_ITEMS = [
  'water', 'power', 'road', 'bus', 'housing', 'mobile', 'tv', 'broadband', 'clinic', 'venue',
] as const;
export type InfraItem = (typeof INFRA_ITEMS)[number];
/** Items a village must have, each done or not. Items absent from the map are not required there. */
export type InfraStatus = Partial<Record<InfraItem, boolean>>;

export const PROJECT_KINDS = ['road', 'water'] as const;
export type ProjectKind = (typeof PROJECT_KINDS)[number];
export const ROAD_SUBTYPES = ['upgrade', 'safety', 'bridge', 'bus_stop'] as const;
export const WATER_SUBTYPES = ['drinking_water'] as const;
export const PROJECT_SUBTYPES = [...ROAD_SUBTYPES, ...WATER_SUBTYPES] as const;
export type ProjectSubtype = (typeof PROJECT_SUBTYPES)[number];
export const PROJECT_STATUSES = ['planned', 'under_construction', 'completed', 'accepted'] as const;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];

/** Exit thresholds of the national standard of the period (docs/DOMAIN.md). */
export const EXIT_CRITERIA = {
  maxPovertyIncidence: 0.02,
  minCollectiveIncomeYuan: 50_000,
} as const;

export const TIMELINE_YEARS = { first: 2014, last: 2020 } as const;

export interface Township {
  code: string; // 9 digits
  name: string;
  nameEn: string;
  countyCode: string;
}

export interface Village {
  code: string; // 12 digits
  name: string;
  nameEn: string;
  townshipCode: string;
  villageClass: VillageClass;
  ruralPopulation: number;
  poorHouseholds: number;
  poorPersons: number; // registered poor persons still not exited
  exitedHouseholds: number;
  exitedPersons: number;
  plannedExitYear: number | null;
  actualExitYear: number | null;
  collectiveIncome: number; // yuan a year
  infra: InfraStatus;
  demo: boolean;
  version: number;
  updatedAt: string;
}

export interface RelocationSite {
  id: number;
  name: string;
  nameEn: string;
  townshipCode: string;
  lon: number;
  lat: number;
  plannedHouseholds: number;
  plannedPersons: number;
  movedHouseholds: number;
  movedPersons: number;
  /** Housing units completed, of planned households: drives 工程竣工率. */
  completedHouseholds: number;
  /** Moved-in households counted as stably exited: drives 稳定脱贫率. */
  stableHouseholds: number;
  /** Old houses demolished and land reclaimed, of moved-in households: drives 拆除复垦率. */
  demolishedHouseholds: number;
  originVillages: string[];
  distanceToTownKm: number;
  demo: boolean;
  version: number;
  updatedAt: string;
}

export interface Project {
  id: number;
  kind: ProjectKind;
  subtype: ProjectSubtype;
  name: string;
  /** Empty when nobody gave one; the English UI then shows the Chinese name. */
  nameEn: string;
  townshipCode: string;
  geometry: GeoJSON.LineString | GeoJSON.Point;
  /** Planned length for road works (km); null for point projects. */
  plannedKm: number | null;
  doneKm: number | null;
  progressPct: number; // 0..100
  budget: number; // yuan
  spent: number; // yuan
  plannedStart: string; // YYYY-MM-DD
  plannedEnd: string;
  status: ProjectStatus;
  villages: string[];
  servedHouseholds: number | null; // water projects
  demo: boolean;
  version: number;
  updatedAt: string;
}
