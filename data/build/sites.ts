// Demo relocation sites (易地扶贫搬迁安置点), each next to a township seat and fed by the poor
// villages around it. Figures are drawn so that most sites meet the 90% target of the four
// assessment indicators and a couple clearly do not, to give the dashboard something to show.
import type { DatasetSite } from '../../common/dataset';
import type { DemoFigures } from '../../common/plans';
import { SITE_TARGET_RATE, siteIndicators } from '../../common/indicators';
import { destination, distance } from '@turf/turf';
import { isInside, roundPosition, type LonLat, type Polygonal } from './geo';
import { englishName, placeStem } from './names';
import { byDistanceFrom, isPoor, type PlacedVillage } from './placed-villages';
import type { Random } from './random';
import type { TownshipUnit } from './units';

const SITE_COUNT = 6;
const ORIGIN_VILLAGES = { min: 3, max: 8 };
const PLANNED_HOUSEHOLDS = { min: 80, max: 400 };
/** Relocated households averaged about 3.1 persons (Peng'an: 7,754 persons in 2,586 households). */
const PERSONS_PER_HOUSEHOLD = { min: 2.9, max: 3.3 };
const DISTANCE_FROM_SEAT_KM = { min: 0.5, max: 3 };
/** One site lags on construction (and so on occupancy), one on demolishing the old houses. */
const LAGS = ['construction', 'demolition'] as const;
type Lag = (typeof LAGS)[number] | null;

type SiteCounts = Pick<
  DatasetSite,
  'plannedHouseholds' | 'plannedPersons' | 'movedHouseholds' | 'movedPersons' | 'completedHouseholds' | 'stableHouseholds' | 'demolishedHouseholds'
>;

/** A plan's persons shared among its sites in proportion to weights, rounded so they still add up (largest remainder). */
export function shareOut(total: number, weights: number[]): number[] {
  const whole = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (total * w) / whole);
  const out = exact.map(Math.floor);
  const byRemainder = exact.map((x, i) => ({ i, r: x - Math.floor(x) })).sort((a, b) => b.r - a.r || a.i - b.i);
  const short = total - out.reduce((a, b) => a + b, 0);
  for (let k = 0; k < short; k++) out[byRemainder[k].i]++;
  return out;
}

function drawCounts(lag: Lag, random: Random, planPersons?: number): SiteCounts {
  // Drawn in this order so a county without a plan keeps the demo it always had.
  const drawnHouseholds = planPersons === undefined ? random.int(PLANNED_HOUSEHOLDS.min, PLANNED_HOUSEHOLDS.max) : 0;
  const personsPerHousehold = random.float(PERSONS_PER_HOUSEHOLD.min, PERSONS_PER_HOUSEHOLD.max);
  const plannedHouseholds = planPersons === undefined ? drawnHouseholds : Math.round(planPersons / personsPerHousehold);
  const plannedPersons = planPersons ?? Math.round(plannedHouseholds * personsPerHousehold);
  const share = (whole: number, min: number, max: number) => Math.round(whole * random.float(min, max));
  const completedHouseholds = lag === 'construction' ? share(plannedHouseholds, 0.7, 0.82) : share(plannedHouseholds, 0.97, 1);
  // Households can only move into finished housing.
  const movedHouseholds = Math.min(completedHouseholds, lag === 'construction' ? share(completedHouseholds, 0.85, 0.95) : share(plannedHouseholds, 0.92, 1));
  const movedPersons = Math.min(plannedPersons, share(movedHouseholds * (plannedPersons / plannedHouseholds), 0.98, 1.02));
  return {
    plannedHouseholds,
    plannedPersons,
    movedHouseholds,
    movedPersons,
    completedHouseholds,
    stableHouseholds: share(movedHouseholds, 0.93, 1),
    demolishedHouseholds: lag === 'demolition' ? share(movedHouseholds, 0.55, 0.75) : share(movedHouseholds, 0.92, 1),
  };
}

/** A point a short way from the seat village, inside its township; the offset shrinks until one fits. */
function siteLocation(seat: LonLat, township: Polygonal, random: Random): LonLat {
  const attempts = 50;
  for (let attempt = 0; attempt < attempts; attempt++) {
    const km = random.float(DISTANCE_FROM_SEAT_KM.min, DISTANCE_FROM_SEAT_KM.max) * (1 - attempt / attempts);
    const candidate = roundPosition(destination(seat, km, random.float(-180, 180)).geometry.coordinates);
    if (isInside(candidate, township)) return candidate;
  }
  return seat;
}

/**
 * Sites go to the rural townships with the most poor villages, next to the township seat (taken
 * to be its most populous village); people move from the nearest poor villages, preferring
 * their own township, and no village feeds two sites.
 */
/**
 * With a plan's relocation (plan-demo.ts), one site in each of its townships takes every poor
 * village of the township as origin, and the plan's persons are shared among the sites.
 */
export function generateSites(
  townships: TownshipUnit[],
  townshipPolygons: Map<string, Polygonal>,
  villages: PlacedVillage[],
  random: Random,
  planRelocation?: DemoFigures['relocation'],
): DatasetSite[] {
  const poorVillages = villages.filter((v) => isPoor(v) && !v.urban);
  const poorCount = (t: TownshipUnit) => poorVillages.filter((v) => v.townshipCode === t.code).length;
  const hosts = townships
    .filter((t) => !t.urban && poorCount(t) > 0)
    .sort((a, b) => poorCount(b) - poorCount(a) || a.code.localeCompare(b.code))
    .slice(0, planRelocation?.townships ?? SITE_COUNT)
    .sort((a, b) => a.code.localeCompare(b.code));
  const lags = new Map(random.shuffle(hosts).slice(0, LAGS.length).map((t, i) => [t.code, LAGS[i]]));
  const planPersons = planRelocation && shareOut(planRelocation.persons, hosts.map(() => random.float(1, 2)));
  const used = new Set<string>();

  return hosts.map((township, siteIndex) => {
    const local = villages.filter((v) => v.townshipCode === township.code);
    const mostPopulous = (vs: PlacedVillage[]) => vs.reduce((a, b) => (b.attributes.ruralPopulation > a.attributes.ruralPopulation ? b : a));
    const seatVillage = planRelocation && local.some((v) => !isPoor(v)) ? mostPopulous(local.filter((v) => !isPoor(v))) : mostPopulous(local);
    const [lon, lat] = siteLocation(seatVillage.center, townshipPolygons.get(township.code)!, random);
    // People move to the seat, not away from it.
    const candidates = byDistanceFrom([lon, lat], poorVillages.filter((v) => v !== seatVillage && !used.has(v.code)));
    const origins = planRelocation
      ? candidates.filter((v) => v.townshipCode === township.code)
      : [
        ...candidates.filter((v) => v.townshipCode === township.code),
        ...candidates.filter((v) => v.townshipCode !== township.code),
      ].slice(0, random.int(ORIGIN_VILLAGES.min, ORIGIN_VILLAGES.max));
    for (const v of origins) used.add(v.code);
    // "城关村" names its site "城关安置点", but a one-character stem ("申村" → "申") is too bare to stand alone.
    const stem = placeStem(seatVillage.name);
    const label = stem.length >= 2 ? stem : seatVillage.name;
    const counts = drawCounts(lags.get(township.code) ?? null, random, planPersons?.[siteIndex]);
    const lagging = Object.values(siteIndicators(counts)).some((rate) => rate !== null && rate < SITE_TARGET_RATE);
    if (lagging !== lags.has(township.code)) throw new Error(`site of ${township.code}: drawn figures do not match its planned lag`);
    return {
      name: `${township.name}${label}安置点`,
      nameEn: `${englishName(label)} Resettlement Site, ${township.nameEn}`,
      townshipCode: township.code,
      lon,
      lat,
      ...counts,
      originVillages: origins.map((v) => v.code).sort(),
      distanceToTownKm: Math.round(distance(seatVillage.center, [lon, lat]) * 10) / 10,
      demo: true,
    };
  });
}
