// Demo safe-drinking-water projects (安全饮水工程): a waterworks point near a village, serving
// it and up to three neighbours.
import type { DatasetProject } from '../../common/dataset';
import { destination } from '@turf/turf';
import { approxDistanceKm, isInside, roundPosition, type LonLat } from './geo';
import { byDistanceFrom, PRIORITY_WEIGHT, type PlacedVillage } from './placed-villages';
import { drawSchedule, drawSpent, roundBudget } from './project-schedule';
import type { Random } from './random';

const WATER_PROJECT_COUNT = 25;
const SERVED_VILLAGES = { min: 1, max: 4 };
/** Neighbours further away than this get their own scheme. */
const MAX_SUPPLY_DISTANCE_KM = 5;
const WORKS_DISTANCE_FROM_CENTRE_KM = { min: 0.1, max: 0.5 };
const PERSONS_PER_HOUSEHOLD = 2.7;
/** Share of a served village's households connected by the scheme. */
const CONNECTED_SHARE = { min: 0.5, max: 1 };
const COST_PER_HOUSEHOLD = { min: 1500, max: 3500 };

/** The waterworks sits a little way from the village centre, inside the village; the offset shrinks until it fits. */
function worksLocation(village: PlacedVillage, random: Random): LonLat {
  const attempts = 50;
  for (let attempt = 0; attempt < attempts; attempt++) {
    const km = random.float(WORKS_DISTANCE_FROM_CENTRE_KM.min, WORKS_DISTANCE_FROM_CENTRE_KM.max) * (1 - attempt / attempts);
    const candidate = roundPosition(destination(village.center, km, random.float(-180, 180)).geometry.coordinates);
    if (isInside(candidate, village.geometry)) return candidate;
  }
  return village.center;
}

function waterProject(anchor: PlacedVillage, rural: PlacedVillage[], random: Random): DatasetProject {
  const neighbours = byDistanceFrom(anchor.center, rural.filter((v) => v !== anchor))
    .filter((v) => approxDistanceKm(anchor.center, v.center) <= MAX_SUPPLY_DISTANCE_KM)
    .slice(0, random.int(SERVED_VILLAGES.min, SERVED_VILLAGES.max) - 1);
  const served = [anchor, ...neighbours];
  const servedHouseholds = served.reduce(
    (sum, v) => sum + Math.round((v.attributes.ruralPopulation / PERSONS_PER_HOUSEHOLD) * random.float(CONNECTED_SHARE.min, CONNECTED_SHARE.max)),
    0,
  );
  const budget = roundBudget(servedHouseholds * random.float(COST_PER_HOUSEHOLD.min, COST_PER_HOUSEHOLD.max));
  const schedule = drawSchedule(random);
  return {
    kind: 'water',
    subtype: 'drinking_water',
    name: served.length === 1 ? `${anchor.name}安全饮水工程` : `${anchor.name}等${served.length}村集中供水工程`,
    nameEn:
      served.length === 1
        ? `${anchor.nameEn} safe drinking water`
        : `${anchor.nameEn} and ${served.length - 1} more villages: piped water supply`,
    townshipCode: anchor.townshipCode,
    geometry: { type: 'Point', coordinates: worksLocation(anchor, random) },
    plannedKm: null,
    doneKm: null,
    progressPct: schedule.progressPct,
    budget,
    spent: drawSpent(budget, schedule, random),
    plannedStart: schedule.plannedStart,
    plannedEnd: schedule.plannedEnd,
    status: schedule.status,
    villages: served.map((v) => v.code).sort(),
    servedHouseholds,
    demo: true,
  };
}

/** One scheme per anchor village, anchors drawn with priority to poor villages; urban communities are on the town mains. */
export function generateWaterProjects(villages: PlacedVillage[], random: Random): DatasetProject[] {
  const rural = villages.filter((v) => !v.urban);
  const anchors = random.weightedSample(rural, (v) => PRIORITY_WEIGHT[v.attributes.villageClass], WATER_PROJECT_COUNT);
  return anchors.map((anchor) => waterProject(anchor, rural, random));
}
