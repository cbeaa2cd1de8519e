// Shapes of the JSON the server returns, shared with the web app.
import type { PortalLevel } from './area';
import type { MadeAt } from './schemas';
import type { InfraItem, Project, ProjectKind, ProjectStatus, ProjectSubtype, RelocationSite, Township, Village } from './domain';
import type { DemoLayer } from './boundaries';
import type { ExitCheck, ExitStatus, SiteIndicators } from './indicators';

export type LonLat = [number, number];
export type BBox = [number, number, number, number];

/**
 * The header naming a write the client may send more than once (the field outbox, after an answer
 * lost on the way back): a UUID the client made; the server does the write once and answers every
 * copy as it answered the first.
 */
export const REQUEST_ID_HEADER = 'Idempotency-Key';

/** Every 4xx/5xx body: a machine code and a message in both UI languages. */
export interface ApiError {
  error: { code: string; message: string; messageEn: string; details?: unknown; current?: unknown };
}

/** The portal's area (GET /api/county): a county, or a prefecture with its counties (GET /api/counties). */
export interface CountyInfo {
  level: PortalLevel;
  code: string;
  name: string;
  nameEn: string;
  bbox: BBox;
  center: LonLat;
  demo: boolean;
  sources: string[];
  /** The layers still holding generated data; empty once everything is the county's own. */
  demoLayers: DemoLayer[];
}

export interface CountyView {
  code: string;
  name: string;
  nameEn: string;
  bbox: BBox;
  center: LonLat;
  townshipCount: number;
  villageCount: number;
}

export interface TownshipView extends Township {
  bbox: BBox;
  center: LonLat;
  villageCount: number;
}

export interface VillageView extends Village {
  /** Still the generated polygon, not an imported boundary. */
  boundaryDemo: boolean;
  center: LonLat;
  bbox: BBox;
  povertyIncidence: number | null;
  infraCompletion: number;
  exitStatus: ExitStatus;
  exitCheck: ExitCheck;
}

export interface SiteView extends RelocationSite {
  indicators: SiteIndicators;
}

export type ProjectView = Project;

export const SEARCH_TYPES = ['county', 'township', 'village', 'project', 'site', 'problem'] as const;
export type SearchType = (typeof SEARCH_TYPES)[number];

export interface SearchHit {
  /** A county only in a prefecture's portal (its `townshipCode` is its own code). */
  type: SearchType;
  /** A county's, township's or village's code; the record's id as text for projects, sites and problems. */
  code: string;
  name: string;
  nameEn: string;
  townshipCode: string;
  center: LonLat;
  bbox: BBox;
  /** Projects: road or water works, and which kind, to open the right panel and label the hit. */
  kind?: ProjectKind;
  subtype?: ProjectSubtype;
}

export interface Summary {
  /** A national scope has code '' (every code starts with it); the others their own code. */
  scope: { level: 'national' | 'province' | 'prefecture' | 'county' | 'township'; code: string; name: string; nameEn: string };
  asOfYear: number | null;
  villages: {
    total: number;
    poor: number; // registered poor villages, deep-poverty ones included
    deepPoor: number;
    nonPoor: number;
    exited: number;
    plannedByYear: Record<string, number>;
    exitedByYear: Record<string, number>;
    ready: number;
    notReady: number;
    wrongExit: number;
  };
  population: { rural: number; poorPersons: number; povertyIncidence: number | null };
  infra: { completion: number | null; byItem: Record<InfraItem, { done: number; required: number }> };
  relocation: {
    sites: number;
    plannedHouseholds: number;
    plannedPersons: number;
    movedHouseholds: number;
    movedPersons: number;
    indicators: SiteIndicators;
  };
  projects: {
    count: number;
    road: {
      count: number;
      plannedKm: number;
      doneKm: number;
      /** Km lying inside the scope's boundary, whichever township the roads are filed under. */
      inside: { plannedKm: number; doneKm: number };
    };
    water: { count: number; servedHouseholds: number };
    budget: number;
    spent: number;
    byStatus: Record<ProjectStatus, number>;
  };
}

/** One unit (a prefecture's county, or a county's township) in 一月一督查一排名. */
export interface UnitRankRow {
  code: string;
  name: string;
  nameEn: string;
  poorVillages: number;
  exitedVillages: number;
  exitProgress: number | null; // exited / poor villages
  projectProgress: number | null; // budget-weighted progress 0..1
  fundsProgress: number | null; // spent / budget
  infraCompletion: number | null;
  rank: number;
}

export type TownshipRankRow = UnitRankRow;

/** Per-layer versions: clients append them to tile URLs so a change invalidates cached tiles. */
export type TileVersions = Record<DynamicLayer, number>;
export const DYNAMIC_LAYERS = ['villages', 'sites', 'roads', 'water'] as const;
export type DynamicLayer = (typeof DYNAMIC_LAYERS)[number];
/**
 * Below these zooms a villages tile holds areas, not single villages (too small to tell apart and,
 * over a province, too many for a tile): townships, and below that counties, in the source layer
 * VILLAGE_AREAS_LAYER, each with the share of its poor villages that have exited.
 */
export const VILLAGE_AREA_ZOOMS = { townshipFrom: 7, villageFrom: 8 } as const;
export const VILLAGE_AREAS_LAYER = 'village_areas';
/** Source-layer names inside the static PMTiles archive. */
/** `county` is the portal area's outline (a prefecture's too); `counties` a prefecture's counties (empty for a county portal). */
export const STATIC_LAYERS = ['county', 'counties', 'townships', 'villages_outline', 'labels'] as const;

/** Pushed to every open browser over /api/events after a committed change. */
export interface ChangeEvent {
  seq: number;
  entity: 'village' | 'site' | 'project' | 'problem' | 'target' | 'monitoring';
  /** '*' when an import changed many records at once; always '*' for monitoring, whose records are personal. */
  id: string;
  action: 'update' | 'create' | 'progress' | 'import' | 'fix' | 'close' | 'delete' | 'restore' | 'photos';
  /** The tile layer that changed; null for the problem ledger, which has no tiles. */
  layer: DynamicLayer | null;
  versions: TileVersions;
  /** Who made the change; absent on screens nobody is signed in to. */
  by?: string;
  /** Imported boundaries: the county's outlines and the static archive changed. */
  boundaries?: true;
  /**
   * A monitoring change's township: only screens whose household scope reaches it are told
   * (server/services/event-scope.ts); the event carries no household, case or person.
   */
  township?: string;
  /** How many records the change touched (warnings raised by a run or an import). */
  count?: number;
  at: string;
  /**
   * Where the change shows on the layer's tiles: the changed features' old and new boxes, each at
   * the zooms it is drawn at. Absent: anywhere on the layer. Every instance drops the same tiles.
   */
  tileAreas?: TileArea[];
}

/** A lon/lat box on a dynamic layer, from minZoom to maxZoom inclusive. */
export interface TileArea {
  bbox: BBox;
  minZoom: number;
  maxZoom: number;
}

/** The first event of a live connection. */
export interface LiveHello {
  versions: TileVersions;
  /** The server pings at least this often: two missed and the connection is taken for dead. */
  heartbeatMs: number;
  /** The newest change id now: where a new screen starts, and what a 'reload' brings it to. */
  lastId: number;
}

export interface AuditEntry {
  id: number;
  at: string;
  /** Null for anonymous readers: names are for signed-in users. */
  username: string | null;
  entityType: string;
  entityId: string;
  action: string;
  oldValue: Record<string, unknown> | null;
  newValue: Record<string, unknown> | null;
  note: string | null;
}

/** A project set aside by a correction, as the admin's list of deleted records shows it. */
export type DeletedProject = ProjectView & { deletedAt: string };

export interface ProgressEntry {
  id: number;
  recordedOn: string;
  progressPct: number;
  doneKm: number | null;
  spent: number | null;
  status: string;
  note: string | null;
  /** Why the report set a figure back, when it did. */
  reason: string | null;
  username: string | null;
  at: string;
  /** Set aside by a correction: kept for the record, no longer counted in the project's figures. */
  retracted: boolean;
  retractReason: string | null;
  /** Where the report was made, when the device gave its position. */
  madeAt: MadeAt | null;
  photoIds: string[];
}
