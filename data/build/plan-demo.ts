// A county whose published plan is in data/plans/ gets a demo that matches it: as many poor villages
// as the plan exits, with its exit years; its registered poor persons and households in all; the
// relocation's origin villages concentrated in as many townships as the plan names (sites.ts then
// relocates exactly the plan's persons from them).
import type { VillageClass } from '../../common/domain';
import type { DemoFigures } from '../../common/plans';
import type { Random } from './random';
import type { TownshipUnit, VillageUnit } from './units';

export interface PlanDemo {
  figures: DemoFigures;
  townships: TownshipUnit[];
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
export const plannedPoorVillages = (f: DemoFigures) => sum(f.villageExits.map((e) => e.villages));
export const plannedHouseholds = (f: DemoFigures) => sum(f.villageExits.map((e) => e.households));

/**
 * The plan's poor villages, all of class 'poor' (a plan listing exit years gives no deep-poverty
 * class). With a relocation, its origin villages fill the most remote rural townships, at least two
 * in each, and every other poor village lies alone in another township, so those townships are
 * exactly the ones with the most poor villages (sites.ts puts the sites there).
 */
export function planClasses(villages: VillageUnit[], remoteness: (v: VillageUnit) => number, plan: PlanDemo, random: Random): Map<string, VillageClass> {
  const total = plannedPoorVillages(plan.figures);
  // Townships by the mean remoteness of their rural villages; sites go to rural townships only (sites.ts).
  const withVillages = plan.townships
    .map((t) => ({ code: t.code, urban: t.urban, villages: t.villages.filter((v) => !v.urban) }))
    .filter((t) => t.villages.length > 0)
    .map((t) => ({ ...t, remote: sum(t.villages.map(remoteness)) / t.villages.length }))
    .sort((a, b) => b.remote - a.remote || a.code.localeCompare(b.code));
  const relocation = plan.figures.relocation;
  let poor: VillageUnit[];
  if (relocation) {
    const hosts = withVillages.filter((t) => !t.urban).slice(0, relocation.townships);
    const pool = hosts.flatMap((t) => t.villages);
    const others = withVillages.filter((t) => !hosts.includes(t));
    const outside = total - relocation.originVillages;
    if (hosts.length < relocation.townships || pool.length < relocation.originVillages || others.length < outside || relocation.originVillages < 2 * hosts.length) {
      throw new Error(`the plan's ${total} poor villages, ${relocation.originVillages} of them in ${relocation.townships} townships, do not fit this county's townships`);
    }
    const firsts = hosts.flatMap((t) => random.weightedSample(t.villages, remoteness, 2));
    const rest = random.weightedSample(pool.filter((v) => !firsts.includes(v)), remoteness, relocation.originVillages - firsts.length);
    const single = others.slice(0, outside).map((t) => random.weightedSample(t.villages, remoteness, 1)[0]);
    poor = [...firsts, ...rest, ...single];
  } else {
    poor = random.weightedSample(villages.filter((v) => !v.urban), remoteness, total);
  }
  if (poor.length !== total) throw new Error(`the county has too few rural villages for the plan's ${total} poor villages`);
  const classes = new Map<string, VillageClass>(villages.map((v) => [v.code, 'non_poor']));
  for (const v of poor) classes.set(v.code, 'poor');
  return classes;
}

/** Each poor village's planned exit year, as many per year as the plan lists. */
export function planExitYears(poorCodes: string[], figures: DemoFigures, random: Random): Map<string, number> {
  const years = figures.villageExits.flatMap((e) => Array.from({ length: e.villages }, () => e.year));
  return new Map(random.shuffle(poorCodes).map((code, i) => [code, years[i]]));
}

/** Persons per household the plan's totals imply: households are drawn around it. */
export const planHouseholdSize = (f: DemoFigures) => f.registeredPersons / plannedHouseholds(f);

interface Registered {
  villageClass: VillageClass;
  ruralPopulation: number;
  poorPersons: number;
  poorHouseholds: number;
  exitedPersons: number;
  exitedHouseholds: number;
}

const MAX_REGISTERED_SHARE = 0.3;
const MAX_HOUSEHOLD_SIZE = 6;

/**
 * Brings the registered persons and households in all to the plan's figures by changing the exited
 * persons and households of non-poor villages only: their exit check does not depend on them, so
 * what the demo shows of the poor villages stays as drawn.
 */
export function fitRegisteredTotals(villages: Registered[], figures: DemoFigures): void {
  const adjustable = villages.filter((v) => v.villageClass === 'non_poor');
  const persons = () => sum(villages.map((v) => v.poorPersons + v.exitedPersons));
  const households = () => sum(villages.map((v) => v.poorHouseholds + v.exitedHouseholds));
  step(adjustable, figures.registeredPersons - persons(), (v, d) => {
    const next = v.exitedPersons + d;
    const registered = next + v.poorPersons;
    if (next < v.exitedHouseholds || registered > v.ruralPopulation * MAX_REGISTERED_SHARE || next > v.exitedHouseholds * MAX_HOUSEHOLD_SIZE) return false;
    v.exitedPersons = next;
    return true;
  });
  step(adjustable, plannedHouseholds(figures) - households(), (v, d) => {
    const next = v.exitedHouseholds + d;
    if (next < (v.exitedPersons > 0 ? 1 : 0) || next > v.exitedPersons || v.exitedPersons > next * MAX_HOUSEHOLD_SIZE) return false;
    v.exitedHouseholds = next;
    return true;
  });
  if (persons() !== figures.registeredPersons || households() !== plannedHouseholds(figures)) {
    throw new Error(`the demo cannot reach the plan's ${figures.registeredPersons} persons in ${plannedHouseholds(figures)} households`);
  }
}

/** Moves `delta` one unit at a time round the villages, skipping a village that refuses a unit. */
function step<V>(villages: V[], delta: number, apply: (v: V, unit: 1 | -1) => boolean): void {
  const unit = delta > 0 ? 1 : -1;
  let left = Math.abs(delta);
  while (left > 0) {
    let moved = false;
    for (const v of villages) {
      if (left === 0) break;
      if (apply(v, unit)) {
        left--;
        moved = true;
      }
    }
    if (!moved) return;
  }
}
