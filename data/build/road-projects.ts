// Demo road projects: upgrades (提质改造) and safety works (安保工程) along chains of
// neighbouring villages, and a few dangerous-bridge rebuilds (危桥改造) as short lines.
import type { DatasetProject } from '../../common/dataset';
import { bbox, booleanIntersects, destination, length, lineIntersect, lineString } from '@turf/turf';
import { asFeature, isInside, roundPosition, type LonLat, type PolygonalFeature } from './geo';
import { byDistanceFrom, PRIORITY_WEIGHT, type PlacedVillage } from './placed-villages';
import { drawSchedule, drawSpent, roundBudget } from './project-schedule';
import type { Random } from './random';

const ROAD_PROJECT_COUNT = 40;
const BRIDGE_COUNT = 4;
const UPGRADE_SHARE = 0.6;
const CHAIN_VILLAGES = { min: 2, max: 4 };
/** A chain steps to one of this many nearest villages, so roads link neighbours. */
const NEXT_VILLAGE_CHOICES = 3;
/** Sideways offset of a bend, as a share of the leg length: roads follow valleys, not straight lines. */
const BEND_OFFSET = { min: 0.04, max: 0.15 };
const BRIDGE_LENGTH_KM = { min: 0.04, max: 0.15 };
const BRIDGE_DISTANCE_FROM_CENTRE_KM = { min: 0.2, max: 1 };
/** Yuan per km for upgrades and safety works, yuan per bridge: plausible rural-road unit costs of the period, not sourced figures. */
const COST = {
  upgrade: { min: 600_000, max: 1_500_000 },
  safety: { min: 150_000, max: 400_000 },
  bridge: { min: 800_000, max: 3_000_000 },
};
/** Bounds the redraws of roads that leave the county or repeat a name. */
const MAX_DRAWS = 2000;

type RoadSubtype = 'upgrade' | 'safety' | 'bridge';

interface RoadDraft {
  subtype: RoadSubtype;
  name: string;
  nameEn: string;
  line: LonLat[];
  /** The village whose township runs the project. */
  lead: PlacedVillage;
}

/** Two bends per leg between village centres, offset to alternating sides by a random amount. */
function bendyPath(centres: LonLat[], random: Random): LonLat[] {
  const path: LonLat[] = [centres[0]];
  for (let i = 1; i < centres.length; i++) {
    const [a, b] = [centres[i - 1], centres[i]];
    const [dx, dy] = [b[0] - a[0], b[1] - a[1]];
    const side = random.chance(0.5) ? 1 : -1;
    for (const [t, sign] of [[1 / 3, side], [2 / 3, -side]]) {
      const offset = sign * random.float(BEND_OFFSET.min, BEND_OFFSET.max);
      path.push(roundPosition([a[0] + t * dx - offset * dy, a[1] + t * dy + offset * dx]));
    }
    path.push(b);
  }
  return path;
}

/** Inside the county all the way: every vertex inside and no crossing of the border. */
function staysInside(line: LonLat[], county: PolygonalFeature): boolean {
  return line.every((p) => isInside(p, county)) && lineIntersect(lineString(line), county).features.length === 0;
}

function drawChain(villages: PlacedVillage[], random: Random): PlacedVillage[] {
  const [start] = random.weightedSample(villages, (v) => PRIORITY_WEIGHT[v.attributes.villageClass], 1);
  const chain = [start];
  const target = Math.min(villages.length, random.int(CHAIN_VILLAGES.min, CHAIN_VILLAGES.max));
  while (chain.length < target) {
    const last = chain[chain.length - 1];
    const next = byDistanceFrom(last.center, villages.filter((v) => !chain.includes(v))).slice(0, NEXT_VILLAGE_CHOICES);
    chain.push(random.pick(next));
  }
  return chain;
}

function drawRoad(villages: PlacedVillage[], subtype: 'upgrade' | 'safety', random: Random): RoadDraft {
  const chain = drawChain(villages, random);
  const [first, last] = [chain[0], chain[chain.length - 1]];
  const [works, worksEn] = subtype === 'upgrade' ? ['道路提质改造', 'road upgrade'] : ['公路安保工程', 'road safety works'];
  return {
    subtype,
    name: `${first.name}—${last.name}${works}`,
    nameEn: `${first.nameEn}–${last.nameEn} ${worksEn}`,
    line: bendyPath(chain.map((v) => v.center), random),
    lead: first,
  };
}

function drawBridge(villages: PlacedVillage[], random: Random): RoadDraft {
  const [village] = random.weightedSample(villages, (v) => PRIORITY_WEIGHT[v.attributes.villageClass], 1);
  const km = random.float(BRIDGE_DISTANCE_FROM_CENTRE_KM.min, BRIDGE_DISTANCE_FROM_CENTRE_KM.max);
  const from = destination(village.center, km, random.float(-180, 180)).geometry.coordinates;
  const to = destination(from, random.float(BRIDGE_LENGTH_KM.min, BRIDGE_LENGTH_KM.max), random.float(-180, 180)).geometry.coordinates;
  return { subtype: 'bridge', name: `${village.name}危桥改造`, nameEn: `${village.nameEn} bridge rebuild`, line: [roundPosition(from), roundPosition(to)], lead: village };
}

/** Villages whose polygon the line touches, bounding boxes first since most pairs are far apart. */
function villagesAlong(line: GeoJSON.Feature<GeoJSON.LineString>, villages: PlacedVillage[]): string[] {
  const [west, south, east, north] = bbox(line);
  return villages
    .filter((v) => {
      const [w, s, e, n] = bbox(v.geometry);
      return w <= east && e >= west && s <= north && n >= south && booleanIntersects(line, asFeature(v.geometry));
    })
    .map((v) => v.code)
    .sort();
}

/** Road lengths are reported to ten metres. */
const roundKm = (km: number): number => Math.round(km * 100) / 100;

function toProject(draft: RoadDraft, villages: PlacedVillage[], random: Random): DatasetProject {
  const line = lineString(draft.line);
  const plannedKm = roundKm(length(line));
  const cost = COST[draft.subtype];
  const budget = roundBudget(random.float(cost.min, cost.max) * (draft.subtype === 'bridge' ? 1 : plannedKm));
  const schedule = drawSchedule(random);
  return {
    kind: 'road',
    subtype: draft.subtype,
    name: draft.name,
    nameEn: draft.nameEn,
    townshipCode: draft.lead.townshipCode,
    geometry: line.geometry,
    plannedKm,
    doneKm: roundKm((plannedKm * schedule.progressPct) / 100),
    progressPct: schedule.progressPct,
    budget,
    spent: drawSpent(budget, schedule, random),
    plannedStart: schedule.plannedStart,
    plannedEnd: schedule.plannedEnd,
    status: schedule.status,
    villages: villagesAlong(line, villages),
    servedHouseholds: null,
    demo: true,
  };
}

/**
 * Road works serve rural villages; urban communities are left to the town's own budget. A small
 * county may fit fewer than ROAD_PROJECT_COUNT distinct roads, and then gets fewer.
 */
export function generateRoadProjects(villages: PlacedVillage[], county: PolygonalFeature, random: Random): DatasetProject[] {
  const rural = villages.filter((v) => !v.urban);
  // An all-urban district has no village roads to build.
  if (rural.length < CHAIN_VILLAGES.min) return [];
  const drafts: RoadDraft[] = [];
  for (let draw = 0; draw < MAX_DRAWS && drafts.length < ROAD_PROJECT_COUNT; draw++) {
    const subtype: RoadSubtype =
      drafts.length < BRIDGE_COUNT ? 'bridge' : random.chance(UPGRADE_SHARE) ? 'upgrade' : 'safety';
    const draft = subtype === 'bridge' ? drawBridge(rural, random) : drawRoad(rural, subtype, random);
    // Names double as identities in the ledger, and a road leaving the county is not the county's to build.
    if (drafts.some((d) => d.name === draft.name) || !staysInside(draft.line, county)) continue;
    drafts.push(draft);
  }
  return drafts.map((draft) => toProject(draft, villages, random));
}
