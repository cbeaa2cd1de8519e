// Demo attributes of villages: class, population, poor and exited people, exit years,
// collective income and infrastructure. The mixture is planned first (which villages exited,
// which exited wrongly, which are ready) and the figures are then drawn to match the plan, so the
// exit checks of common/indicators.ts find exactly what the demo is meant to show.
import type { DatasetVillage } from '../../common/dataset';
import { EXIT_CRITERIA, INFRA_ITEMS, type InfraItem, type InfraStatus, type VillageClass } from '../../common/domain';
import { exitCheck, type ExitReadiness } from '../../common/indicators';
import { approxDistanceKm, type LonLat } from './geo';
import { fitRegisteredTotals, planClasses, planExitYears, planHouseholdSize, type PlanDemo } from './plan-demo';
import type { Random } from './random';
import { DEMO_AS_OF_YEAR } from './timeline';
import type { VillageUnit } from './units';

export type VillageAttributes = Omit<DatasetVillage, 'code' | 'name' | 'nameEn' | 'townshipCode' | 'demo'>;

/** Shares of all villages; urban communities are never poor, so the rural shares run a little higher. */
const DEEP_POOR_SHARE = 0.08;
const POOR_SHARE = 0.35;
/** Villages marked exited while failing a criterion (错退), one per criterion, so the flag shows in the demo. */
const WRONG_EXIT_CRITERIA = ['incidence', 'income', 'infra'] as const;
/** Poor villages that meet every criterion but are not yet marked exited. */
const READY_COUNT = 3;
const EXITED_PROBABILITY: Record<Exclude<VillageClass, 'non_poor'>, number> = { poor: 0.92, deep_poor: 0.55 };
const LATE_EXIT_PROBABILITY = 0.2;
const PLANNED_EXIT_YEARS = [2016, 2017, 2018, 2019];
/** Deep-poverty villages were given the later targets. */
const PLANNED_EXIT_WEIGHTS: Record<Exclude<VillageClass, 'non_poor'>, number[]> = {
  poor: [0.25, 0.35, 0.3, 0.1],
  deep_poor: [0, 0.1, 0.45, 0.45],
};
/** Items a village may legitimately not need: a bus stop on a dead-end lane, broadband, a clinic shared with a neighbour. */
const OPTIONAL_ITEM_PROBABILITY: Partial<Record<InfraItem, number>> = { bus: 0.12, broadband: 0.08, clinic: 0.05 };

type Role = Exclude<ExitReadiness, 'wrong_exit'> | `wrong_exit:${(typeof WRONG_EXIT_CRITERIA)[number]}`;

interface ExitPlan {
  villageClass: VillageClass;
  plannedExitYear: number | null;
  actualExitYear: number | null;
  role: Role;
}

function remotenessOf(villages: VillageUnit[], centers: Map<string, LonLat>, seat: LonLat): (v: VillageUnit) => number {
  const distanceFromSeat = new Map(villages.map((v) => [v.code, approxDistanceKm(centers.get(v.code)!, seat)]));
  const farthest = Math.max(...distanceFromSeat.values());
  // Poverty concentrates in the remote mountain villages, so remoteness raises the odds.
  return (v: VillageUnit) => 0.3 + distanceFromSeat.get(v.code)! / farthest;
}

function assignClasses(villages: VillageUnit[], remoteness: (v: VillageUnit) => number, random: Random): Map<string, VillageClass> {
  const rural = villages.filter((v) => !v.urban);
  const deepPoor = random.weightedSample(rural, (v) => remoteness(v) ** 2, Math.round(villages.length * DEEP_POOR_SHARE));
  const rest = rural.filter((v) => !deepPoor.includes(v));
  const poor = random.weightedSample(rest, remoteness, Math.round(villages.length * POOR_SHARE));
  const classes = new Map<string, VillageClass>(villages.map((v) => [v.code, 'non_poor']));
  for (const v of deepPoor) classes.set(v.code, 'deep_poor');
  for (const v of poor) classes.set(v.code, 'poor');
  return classes;
}

function planExits(villages: VillageUnit[], classes: Map<string, VillageClass>, random: Random, plannedYears?: Map<string, number>): Map<string, ExitPlan> {
  const plans = new Map<string, ExitPlan>();
  for (const v of villages) {
    const villageClass = classes.get(v.code)!;
    if (villageClass === 'non_poor') {
      plans.set(v.code, { villageClass, plannedExitYear: null, actualExitYear: null, role: 'non_poor' });
      continue;
    }
    const plannedExitYear = plannedYears?.get(v.code) ?? random.pickWeighted(PLANNED_EXIT_YEARS, PLANNED_EXIT_WEIGHTS[villageClass]);
    const exited = random.chance(EXITED_PROBABILITY[villageClass]);
    const late = random.chance(LATE_EXIT_PROBABILITY) && plannedExitYear < DEMO_AS_OF_YEAR;
    plans.set(v.code, {
      villageClass,
      plannedExitYear,
      actualExitYear: exited ? plannedExitYear + (late ? 1 : 0) : null,
      role: exited ? 'exited' : 'not_ready',
    });
  }
  const exited = [...plans.values()].filter((p) => p.role === 'exited');
  random.shuffle(exited).slice(0, WRONG_EXIT_CRITERIA.length).forEach((plan, i) => {
    plan.role = `wrong_exit:${WRONG_EXIT_CRITERIA[i]}`;
  });
  const waiting = [...plans.values()].filter((p) => p.role === 'not_ready');
  const waitingOfClass = (c: VillageClass) => random.shuffle(waiting.filter((p) => p.villageClass === c));
  // Ordinary poor villages first: a deep-poverty village meeting every criterion would be unusual.
  for (const plan of [...waitingOfClass('poor'), ...waitingOfClass('deep_poor')].slice(0, READY_COUNT)) plan.role = 'ready';
  return plans;
}

function requiredItems(urban: boolean, random: Random): InfraItem[] {
  // Urban communities have every service, so every item applies to them.
  return INFRA_ITEMS.filter((item) => urban || !random.chance(OPTIONAL_ITEM_PROBABILITY[item] ?? 0));
}

function drawInfra(plan: ExitPlan, urban: boolean, random: Random): InfraStatus {
  const items = requiredItems(urban, random);
  const doneProbability =
    plan.role === 'non_poor' ? (urban ? 1 : 0.9) : plan.role === 'not_ready' ? (plan.villageClass === 'deep_poor' ? 0.5 : 0.65) : 1;
  const infra: InfraStatus = Object.fromEntries(items.map((item) => [item, random.chance(doneProbability)]));
  if (plan.role === 'wrong_exit:infra') infra[random.pick(items)] = false;
  return infra;
}

/** Collective income in yuan, rounded to 100 yuan as village accounts report it. */
function drawCollectiveIncome(plan: ExitPlan, random: Random): number {
  const min = EXIT_CRITERIA.minCollectiveIncomeYuan;
  const [low, high] =
    plan.role === 'non_poor' ? [0.8 * min, 6 * min]
    : plan.role === 'not_ready' ? [0.2 * min, 1.2 * min]
    : plan.role === 'wrong_exit:income' ? [0.5 * min, 0.9 * min]
    : [min, 3 * min];
  return Math.round(random.float(low, high) / 100) * 100;
}

/** Share of the rural population registered as poor (建档立卡) at the start of the campaign. */
function registeredRate(plan: ExitPlan, urban: boolean, random: Random): number {
  if (urban) return random.float(0.005, 0.02);
  if (plan.villageClass === 'deep_poor') return random.float(0.28, 0.42);
  if (plan.villageClass === 'poor') return random.float(0.15, 0.3);
  return random.float(0.02, 0.08);
}

/** Poor persons not yet exited, drawn as a share of the population so incidence meets or fails the criterion as planned. */
function remainingPoorPersons(plan: ExitPlan, population: number, registered: number, random: Random): number {
  const threshold = EXIT_CRITERIA.maxPovertyIncidence;
  let persons: number;
  if (plan.role === 'not_ready') persons = Math.round(registered * random.float(0.25, 0.6));
  else if (plan.role === 'wrong_exit:incidence') persons = Math.ceil(population * random.float(1.25 * threshold, 2.2 * threshold));
  // Poor households in non-poor villages exited alongside the poor villages; a few remain.
  else if (plan.role === 'non_poor') persons = Math.round(registered * random.float(0, 0.3));
  else persons = Math.floor(population * random.float(0, 0.9 * threshold));
  return Math.min(persons, registered);
}

const householdsOf = (persons: number, householdSize: number): number =>
  persons === 0 ? 0 : Math.max(1, Math.round(persons / householdSize));

/** Persons per registered household: this range, or this far either side of the mean a plan's totals imply. */
const HOUSEHOLD_SIZE = { min: 2.4, max: 3.0, spread: 0.3 };

function drawAttributes(village: VillageUnit, plan: ExitPlan, random: Random, planHouseholdSize?: number): VillageAttributes {
  const ruralPopulation = village.urban ? random.int(1200, 2500) : random.int(300, 2500);
  const householdSize = planHouseholdSize === undefined
    ? random.float(HOUSEHOLD_SIZE.min, HOUSEHOLD_SIZE.max)
    : random.float(planHouseholdSize - HOUSEHOLD_SIZE.spread, planHouseholdSize + HOUSEHOLD_SIZE.spread);
  const registered = Math.round(ruralPopulation * registeredRate(plan, village.urban, random));
  const poorPersons = remainingPoorPersons(plan, ruralPopulation, registered, random);
  const exitedPersons = registered - poorPersons;
  return {
    villageClass: plan.villageClass,
    ruralPopulation,
    poorHouseholds: householdsOf(poorPersons, householdSize),
    poorPersons,
    exitedHouseholds: householdsOf(exitedPersons, householdSize),
    exitedPersons,
    plannedExitYear: plan.plannedExitYear,
    actualExitYear: plan.actualExitYear,
    collectiveIncome: drawCollectiveIncome(plan, random),
    infra: drawInfra(plan, village.urban, random),
  };
}

/** The readiness exitCheck must report for a village drawn for `role`. */
const expectedReadiness = (role: Role): ExitReadiness => (role.startsWith('wrong_exit') ? 'wrong_exit' : (role as ExitReadiness));

export function generateVillageAttributes(
  villages: VillageUnit[],
  centers: Map<string, LonLat>,
  seat: LonLat,
  random: Random,
  /** A published plan the demo must match (plan-demo.ts). */
  planDemo?: PlanDemo,
): Map<string, VillageAttributes> {
  const remoteness = remotenessOf(villages, centers, seat);
  const classes = planDemo ? planClasses(villages, remoteness, planDemo, random) : assignClasses(villages, remoteness, random);
  const plannedYears = planDemo && planExitYears(villages.filter((v) => classes.get(v.code) !== 'non_poor').map((v) => v.code), planDemo.figures, random);
  const plans = planExits(villages, classes, random, plannedYears);
  const attributes = new Map<string, VillageAttributes>();
  for (const village of villages) {
    const plan = plans.get(village.code)!;
    const drawn = drawAttributes(village, plan, random, planDemo && planHouseholdSize(planDemo.figures));
    const readiness = exitCheck(drawn).readiness;
    if (readiness !== expectedReadiness(plan.role)) {
      throw new Error(`village ${village.code} was drawn as ${plan.role} but exitCheck says ${readiness}`);
    }
    attributes.set(village.code, drawn);
  }
  if (planDemo) fitRegisteredTotals([...attributes.values()], planDemo.figures);
  return attributes;
}
