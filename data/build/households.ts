// Demo registered poor households (建档立卡) under each village's figures: per village exactly its
// poor (not exited) and exited households and persons. Everything is drawn from the fixed seed;
// names follow an obviously synthetic pattern (张演三), ID numbers carry the county's region code,
// a plausible birth date and a valid GB 11643 check character, and every row is flagged demo.
import {
  NATIONAL_POVERTY_LINE, POVERTY_CAUSES, type HealthState, type LabourAbility, type MeasureKind, type PovertyAttribute,
  type PovertyCause, type Relation, type SchoolingState, type Sex,
} from '../../common/households';
import type { HouseholdRecord, HouseholdYearRecord, MemberRecord } from '../../common/household-api';
import { makeIdNumber } from '../../common/id-number';
import { createRandom, DEFAULT_SEED, type Random } from './random';
import { DEMO_AS_OF_YEAR } from './timeline';

export interface HouseholdVillage {
  code: string;
  poorHouseholds: number;
  poorPersons: number;
  exitedHouseholds: number;
  exitedPersons: number;
  actualExitYear: number | null;
}

export interface HouseholdSite {
  id: number;
  originVillages: string[];
  movedHouseholds: number;
}

export type DemoMember = MemberRecord;

export type DemoHouseholdYear = HouseholdYearRecord;

export interface DemoHousehold extends HouseholdRecord {
  cadreName: string;
  cadreUnit: string;
  cadrePhone: string;
  years: DemoHouseholdYear[];
  measures: { kind: MeasureKind; year: number; amount: number }[];
  members: DemoMember[];
}

/** Shares of main causes, close to the national registration of 2015 (因病 about four in ten). */
const CAUSE_WEIGHTS: Record<PovertyCause, number> = {
  illness: 40, disability: 8, schooling: 7, disaster: 3, land: 4, water: 2, skills: 13, labour: 12, capital: 7, transport: 2, motivation: 2,
};
const ATTRIBUTES: PovertyAttribute[] = ['general', 'dibao', 'tekun'];
const SURNAMES = [...'王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎'];
const NUMERALS = [...'一二三四五六七八九十'];
const CADRE_UNITS = ['县扶贫办', '县农业农村局', '县教育局', '县卫健局', '县水利局', '县交通局', '县供电公司', '乡镇人民政府', '县人社局', '县自然资源局'];
/** Registered households not yet exited that already meet the standard (ready to exit), and exited ones that fail it (错退). */
const READY_SHARE = 0.08;
const WRONG_EXIT_SHARE = 0.02;
const MAX_HOUSEHOLD_SIZE = 8;

/** 张演三: the 演 (for 演示, demo) marks the name as made up. */
const syntheticName = (surname: string, random: Random) => `${surname}演${random.pick(NUMERALS)}`;

/** Persons spread over households, one at least each, mostly two to four. */
function householdSizes(households: number, persons: number, random: Random): number[] {
  const sizes = Array.from({ length: households }, () => 1);
  for (let left = persons - households; left > 0; left--) {
    const open = sizes.map((s, i) => (s < MAX_HOUSEHOLD_SIZE ? i : -1)).filter((i) => i >= 0);
    sizes[open.length ? random.pick(open) : random.int(0, households - 1)]++;
  }
  return sizes;
}

function relationsFor(size: number, random: Random): Relation[] {
  const rest: Relation[] = size >= 2 && random.chance(0.85) ? ['spouse'] : [];
  const pattern: Relation[] = ['child', 'child', 'parent', 'child_in_law', 'grandchild', 'grandchild', 'child', 'sibling'];
  for (const r of pattern) if (rest.length < size - 1) rest.push(r);
  return ['head', ...rest];
}

function birthYearFor(relation: Relation, headBirth: number, random: Random): number {
  switch (relation) {
    case 'head': return headBirth;
    case 'spouse': return headBirth + random.int(-4, 4);
    case 'parent': return headBirth - random.int(22, 30);
    case 'child': case 'child_in_law': return headBirth + random.int(20, 34);
    case 'grandchild': return headBirth + random.int(44, 58);
    default: return headBirth + random.int(-8, 8);
  }
}

function schoolingAt(age: number, random: Random): SchoolingState {
  if (age < 6) return 'preschool';
  if (age <= 18) return random.chance(0.02) ? 'dropped_out' : 'in_school';
  return age > 65 && random.chance(0.4) ? 'none' : 'graduated';
}

function labourAt(age: number, health: HealthState): LabourAbility {
  if (age < 16 || age > 70) return 'none';
  if (health === 'disabled' || health === 'serious') return 'lost';
  return health === 'chronic' || age > 60 ? 'weak' : 'normal';
}

function drawMembers(size: number, surname: string, cause: PovertyCause, county: string, used: Set<string>, random: Random): DemoMember[] {
  const headBirth = random.int(1940, 1982);
  const relations = relationsFor(size, random);
  const headSex: Sex = random.chance(0.85) ? 'male' : 'female';
  // The cause shows in one member: the sick or disabled one.
  const affected = cause === 'illness' || cause === 'disability' ? random.int(0, size - 1) : -1;
  return relations.map((relation, i) => {
    const birthYear = Math.min(birthYearFor(relation, headBirth, random), DEMO_AS_OF_YEAR);
    const sex: Sex = relation === 'head' ? headSex : relation === 'spouse' ? (headSex === 'male' ? 'female' : 'male') : random.pick(['male', 'female'] as const);
    const age = DEMO_AS_OF_YEAR - birthYear;
    const health: HealthState =
      i === affected ? (cause === 'disability' ? 'disabled' : random.pick(['chronic', 'serious'] as const))
      : age > 60 && random.chance(0.3) ? 'chronic'
      : 'healthy';
    const sameSurname = relation !== 'spouse' && relation !== 'child_in_law';
    return {
      relation,
      name: syntheticName(sameSurname ? surname : random.pick(SURNAMES), random),
      sex,
      birthYear,
      idNumber: uniqueIdNumber(county, birthYear, sex, used, random),
      phone: relation === 'head' || (age >= 18 && age <= 60 && random.chance(0.5)) ? demoPhone(random) : null,
      health,
      schooling: schoolingAt(age, random),
      labourAbility: labourAt(age, health),
    };
  });
}

function uniqueIdNumber(county: string, birthYear: number, sex: Sex, used: Set<string>, random: Random): string {
  for (;;) {
    // The sequence's parity is the sex by GB 11643: odd for men, even for women.
    const sequence = random.int(0, 498) * 2 + (sex === 'male' ? 1 : 2);
    const id = makeIdNumber(county, { year: birthYear, month: random.int(1, 12), day: random.int(1, 28) }, sequence);
    if (!used.has(id)) {
      used.add(id);
      return id;
    }
  }
}

const demoPhone = (random: Random) => `1${random.pick(['38', '39', '52', '58', '87'])}${String(random.int(0, 99_999_999)).padStart(8, '0')}`;

function exitYearFor(village: HouseholdVillage, identified: number, random: Random): number {
  const latest = Math.min(village.actualExitYear ?? DEMO_AS_OF_YEAR, DEMO_AS_OF_YEAR);
  return random.int(Math.max(identified + 1, 2015), Math.max(identified + 1, latest));
}

/**
 * Yearly figures from identification to the demo's year. An exited household (correctly) is above
 * the line with every guarantee from its exit year on; a registered one below it or missing a
 * guarantee, except the ones drawn ready; a wrong exit fails in its last year.
 */
function drawYears(identified: number, exited: number | null, kind: 'normal' | 'ready' | 'wrong_exit', attribute: PovertyAttribute, random: Random): DemoHouseholdYear[] {
  const years: DemoHouseholdYear[] = [];
  let share = random.float(0.45, 0.9);
  for (let year = identified; year <= DEMO_AS_OF_YEAR; year++) {
    const line = NATIONAL_POVERTY_LINE[year];
    const last = year === DEMO_AS_OF_YEAR;
    const out = exited !== null && year >= exited;
    const meets = (out && !(kind === 'wrong_exit' && last)) || (kind === 'ready' && last);
    // A registered household fails by its income, or now and then by a guarantee with an income above the line.
    const failsByGuarantee = !meets && random.chance(0.15);
    share = meets || failsByGuarantee
      ? Math.max(share * random.float(1.05, 1.25), random.float(1.08, 1.6))
      : Math.min(share * random.float(1.0, 1.15), 0.97);
    const perCapita = Math.round(line * share);
    const missing = failsByGuarantee ? random.pick(['housing', 'medical', 'water', 'education'] as const) : null;
    const transferShare = attribute === 'general' ? random.float(0.1, 0.3) : random.float(0.4, 0.7);
    const wage = Math.round(perCapita * (1 - transferShare) * random.float(0.5, 0.8));
    const property = Math.round(perCapita * random.float(0, 0.05));
    const transfer = Math.round(perCapita * transferShare);
    years.push({
      year,
      incomePerCapita: perCapita,
      incomeWage: wage,
      incomeBusiness: perCapita - wage - property - transfer,
      incomeProperty: property,
      incomeTransfer: transfer,
      foodClothing: true,
      education: missing !== 'education',
      medical: missing !== 'medical',
      housing: missing !== 'housing',
      water: missing !== 'water',
    });
  }
  return years;
}

function drawMeasures(h: Pick<DemoHousehold, 'mainCause' | 'povertyAttribute' | 'yearIdentified' | 'yearExited' | 'relocationSiteId' | 'members'>, random: Random) {
  const kinds = new Set<MeasureKind>([random.pickWeighted(['industry', 'employment'] as const, [0.6, 0.4])]);
  if (h.mainCause === 'illness' || h.members.some((m) => m.health !== 'healthy')) kinds.add('health');
  if (h.members.some((m) => m.schooling === 'in_school')) kinds.add('education');
  if (h.povertyAttribute !== 'general') kinds.add('safety_net');
  if (h.relocationSiteId !== null) kinds.add('relocation');
  if (random.chance(0.25)) kinds.add('finance');
  if (random.chance(0.15)) kinds.add('ecology');
  const last = Math.min(h.yearExited ?? DEMO_AS_OF_YEAR, DEMO_AS_OF_YEAR);
  const amount: Record<MeasureKind, () => number> = {
    industry: () => random.int(20, 60) * 100,
    employment: () => random.int(10, 30) * 100,
    health: () => random.int(5, 80) * 100,
    education: () => random.int(10, 50) * 100,
    relocation: () => h.members.length * 25_000,
    ecology: () => random.int(8, 12) * 100,
    safety_net: () => random.int(20, 45) * 100,
    // 扶贫小额信贷: up to 50,000 yuan, no collateral.
    finance: () => random.pick([30_000, 50_000]),
  };
  return [...kinds].map((kind) => ({ kind, year: random.int(h.yearIdentified, Math.max(h.yearIdentified, last)), amount: amount[kind]() }));
}

interface Cadre {
  name: string;
  unit: string;
  phone: string;
}

function villageHouseholds(village: HouseholdVillage, county: string, used: Set<string>, random: Random): DemoHousehold[] {
  const plan = [
    ...householdSizes(village.poorHouseholds, village.poorPersons, random).map((size) => ({ size, exited: false })),
    ...householdSizes(village.exitedHouseholds, village.exitedPersons, random).map((size) => ({ size, exited: true })),
  ];
  const cadres: Cadre[] = Array.from({ length: Math.max(1, Math.ceil(plan.length / 5)) }, () => ({
    name: `${random.pick(SURNAMES)}帮${random.pick(NUMERALS)}`,
    unit: random.pick(CADRE_UNITS),
    phone: demoPhone(random),
  }));
  return plan.map(({ size, exited }, i) => {
    const mainCause = random.pickWeighted(POVERTY_CAUSES, POVERTY_CAUSES.map((c) => CAUSE_WEIGHTS[c]));
    const otherCauses = random.shuffle(POVERTY_CAUSES.filter((c) => c !== mainCause)).slice(0, random.int(0, 2));
    const povertyAttribute = size === 1 && random.chance(0.4) ? 'tekun' : random.pickWeighted(ATTRIBUTES, [0.78, 0.2, 0.02]);
    const yearIdentified = random.pickWeighted([2014, 2015, 2016, 2017], [0.8, 0.1, 0.06, 0.04]);
    const yearExited = exited ? exitYearFor(village, yearIdentified, random) : null;
    const kind = exited ? (random.chance(WRONG_EXIT_SHARE) ? 'wrong_exit' : 'normal') : random.chance(READY_SHARE) ? 'ready' : 'normal';
    const surname = random.pick(SURNAMES);
    const members = drawMembers(size, surname, mainCause, county, used, random);
    const cadre = cadres[i % cadres.length];
    const base = {
      code: `${village.code}${String(i + 1).padStart(4, '0')}`,
      villageCode: village.code,
      headName: members[0].name,
      povertyAttribute,
      mainCause,
      otherCauses,
      yearIdentified,
      yearExited,
      relocationSiteId: null,
      cadreName: cadre.name,
      cadreUnit: cadre.unit,
      cadrePhone: cadre.phone,
      years: drawYears(yearIdentified, yearExited, kind, povertyAttribute, random),
      members,
    };
    return { ...base, measures: [] };
  });
}

/** Relocated households: up to each site's moved-in count, drawn from its origin villages. */
function assignRelocation(households: DemoHousehold[], sites: HouseholdSite[], random: Random) {
  const byVillage = new Map<string, DemoHousehold[]>();
  for (const h of households) byVillage.set(h.villageCode, [...(byVillage.get(h.villageCode) ?? []), h]);
  for (const site of sites) {
    const candidates = random.shuffle(site.originVillages.flatMap((v) => byVillage.get(v) ?? []).filter((h) => h.relocationSiteId === null));
    for (const h of candidates.slice(0, site.movedHouseholds)) h.relocationSiteId = site.id;
  }
}

export function generateDemoHouseholds(county: string, villages: HouseholdVillage[], sites: HouseholdSite[], seed = DEFAULT_SEED): DemoHousehold[] {
  const random = createRandom(seed).fork('households');
  const used = new Set<string>();
  const households = [...villages]
    .sort((a, b) => a.code.localeCompare(b.code))
    .flatMap((v) => villageHouseholds(v, county, used, random.fork(v.code)));
  assignRelocation(households, [...sites].sort((a, b) => a.id - b.id), random.fork('relocation'));
  for (const h of households) h.measures = drawMeasures(h, random.fork(h.code));
  return households;
}
