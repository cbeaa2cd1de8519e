// The plans' own figures (data/plans/): the published numbers of 驿城区 (411702) and 湘西州 (433100)
// as the files hold them, the Yicheng demo built to match its plan, households that still add up to
// the villages, and the targets served for a prefecture's code as for a county's.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dataset } from '../common/dataset';
import type { TargetsAnswer } from '../common/targets';
import { buildCountyDataset } from '../data/build/county-dataset';
import { generateDemoHouseholds } from '../data/build/households';
import { PLANS_DIR, planTargets, readPlan } from '../data/build/plans';
import type { Db } from '../server/db/client';
import { seedDemoHouseholds } from '../server/db/household-seed';
import { migrate } from '../server/db/migrate';
import { openDb } from '../server/db/open-db';
import { insertBatches, seedDataset } from '../server/db/seed';
import { createPiiCipher } from '../server/pii/cipher';
import { areaTargets } from '../server/services/targets';
import { readdirSync } from 'node:fs';

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const targetsOf = (a: TargetsAnswer) => Object.fromEntries(a.area.targets.map((p) => [p.measure, p.target]));

describe('published plan files', () => {
  it('all follow the schema, every target naming a listed source', () => {
    const files = readdirSync(PLANS_DIR).filter((f) => f.endsWith('.json'));
    expect(files).toEqual(expect.arrayContaining(['411702.json', '433100.json']));
    for (const f of files) expect(readPlan(f.replace(/\.json$/, ''))?.sources.length).toBeGreaterThan(0);
  });

  it('湘西州 433100 holds the 2018 targets as published', () => {
    const plan = readPlan('433100')!;
    expect(plan.area).toEqual({ code: '433100', name: '湘西土家族苗族自治州', level: 'prefecture' });
    const targets = Object.fromEntries(plan.targets.map((t) => [t.measure, [t.area, t.year, t.value]]));
    expect(targets).toEqual({
      road_upgrade_km: ['433100', 2018, 344],
      safety_works_km: ['433100', 2018, 1000],
      bridges_rebuilt: ['433100', 2018, 50],
      bus_stops: ['433100', 2018, 50],
      bus_coverage: ['433100', 2018, 0.95],
      water_villages: ['433100', 2018, 1110],
      grid_villages: ['433100', 2018, 120],
      broadband_villages: ['433100', 2018, 200],
      base_stations: ['433100', 2018, 630],
      income_villages: ['433100', 2018, 1],
      poverty_incidence: ['433100', 2018, 0.04],
    });
  });

  it('驿城区 411702 holds its exit plan and relocation as published', () => {
    const plan = readPlan('411702')!;
    const byYear = (measure: string) => Object.fromEntries(plan.targets.filter((t) => t.measure === measure).map((t) => [t.year, t.value]));
    expect(byYear('villages_exited')).toEqual({ 2016: 9, 2017: 12, 2018: 12 });
    expect(byYear('persons_lifted')).toEqual({ 2016: 6000, 2017: 7539, 2018: 7000 });
    expect(byYear('persons_relocated')).toEqual({ 2018: 5265 });
    expect(plan.demo).toEqual({
      registeredPersons: 20_539,
      villageExits: [
        { year: 2016, villages: 9, households: 1756, persons: 6000 },
        { year: 2017, villages: 12, households: 2188, persons: 7539 },
        { year: 2018, villages: 12, households: 1925, persons: 7000 },
      ],
      relocation: { persons: 5265, originVillages: 27, townships: 4 },
    });
    expect(6000 + 7539 + 7000).toBe(plan.demo!.registeredPersons);
  });
});

describe('the 驿城区 demo matches its plan', () => {
  let dataset: Dataset;
  let db: Db;

  beforeAll(async () => {
    dataset = buildCountyDataset('411702');
    db = await openDb({});
    await migrate(db);
    await seedDataset(db, dataset);
  }, 240_000);
  afterAll(() => db?.close());

  it('has 33 poor villages planned to exit 9 in 2016, 12 in 2017 and 12 in 2018', () => {
    const poor = dataset.villages.map((v) => v.properties).filter((v) => v.villageClass !== 'non_poor');
    expect(poor).toHaveLength(33);
    const byYear: Record<number, number> = {};
    for (const v of poor) byYear[v.plannedExitYear!] = (byYear[v.plannedExitYear!] ?? 0) + 1;
    expect(byYear).toEqual({ 2016: 9, 2017: 12, 2018: 12 });
  });

  it('registers 20,539 poor persons in 1,756 + 2,188 + 1,925 households', () => {
    const v = dataset.villages.map((f) => f.properties);
    expect(sum(v.map((x) => x.poorPersons + x.exitedPersons))).toBe(20_539);
    expect(sum(v.map((x) => x.poorHouseholds + x.exitedHouseholds))).toBe(1756 + 2188 + 1925);
  });

  it('relocates 5,265 persons from 27 poor villages in 4 townships', () => {
    const poor = new Set(dataset.villages.filter((v) => v.properties.villageClass !== 'non_poor').map((v) => v.properties.code));
    const origins = dataset.sites.flatMap((s) => s.originVillages);
    expect(sum(dataset.sites.map((s) => s.plannedPersons))).toBe(5265);
    expect(new Set(origins).size).toBe(27);
    expect(origins).toHaveLength(27);
    expect(origins.every((code) => poor.has(code))).toBe(true);
    expect(new Set(origins.map((code) => code.slice(0, 9))).size).toBe(4);
    // Each site takes people from its own township.
    for (const s of dataset.sites) expect(s.originVillages.every((code) => code.startsWith(s.townshipCode))).toBe(true);
  });

  it('seeds demo households that add up to each village\'s figures', () => {
    const villages = dataset.villages.map((f) => f.properties);
    const households = generateDemoHouseholds('411702', villages, dataset.sites.map((s, i) => ({ id: i + 1, originVillages: s.originVillages, movedHouseholds: s.movedHouseholds })));
    const byVillage = new Map<string, { households: number; persons: number }>();
    for (const h of households) {
      const tally = byVillage.get(h.villageCode) ?? { households: 0, persons: 0 };
      byVillage.set(h.villageCode, { households: tally.households + 1, persons: tally.persons + h.members.length });
    }
    for (const v of villages) {
      expect(byVillage.get(v.code) ?? { households: 0, persons: 0 }, v.code).toEqual({ households: v.poorHouseholds + v.exitedHouseholds, persons: v.poorPersons + v.exitedPersons });
    }
    expect(households).toHaveLength(5869);
    expect(sum(households.map((h) => h.members.length))).toBe(20_539);
  });

  it('serves the plan\'s targets for 411702, each counted from the seeded data', async () => {
    const cipher = createPiiCipher(randomBytes(32));
    expect(await seedDemoHouseholds(db, cipher, '411702')).toBe(5869);
    const now = new Date('2026-01-01T00:00:00+08:00');
    const answer = await areaTargets(db, '411702', {}, now);
    expect(answer.years).toEqual([2018, 2017, 2016]);
    expect(answer.year).toBe(2018);
    expect(targetsOf(answer)).toEqual({ villages_exited: 12, persons_lifted: 7000, persons_relocated: 5265 });
    expect(answer.area).toMatchObject({ name: '驿城区', level: 'county', elapsedShare: 1, demo: false });
    const [{ n }] = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM members m JOIN households h ON h.code = m.household_code WHERE h.year_exited = 2018`,
    );
    expect(answer.area.targets.find((p) => p.measure === 'persons_lifted')?.actual).toBe(n);
    const y2016 = await areaTargets(db, '411702', { year: 2016 }, now);
    expect(targetsOf(y2016)).toEqual({ villages_exited: 9, persons_lifted: 6000 });
    const exited2016 = dataset.villages.filter((v) => v.properties.villageClass !== 'non_poor' && v.properties.actualExitYear === 2016).length;
    expect(y2016.area.targets.find((p) => p.measure === 'villages_exited')?.actual).toBe(exited2016);
  });
});

describe('targets of a prefecture (湘西州 433100) from the plan file', () => {
  let db: Db;
  let county: Dataset;

  beforeAll(async () => {
    // A Xiangxi county's demo (吉首市 433101) under the prefecture the plan is for.
    county = buildCountyDataset('433101');
    db = await openDb({});
    await migrate(db);
    await seedDataset(db, county);
    const plan = readPlan('433100')!;
    await db.write(async (tx) => {
      await tx.query(
        `INSERT INTO prefectures (code, name, name_en, geom, demo, sources) VALUES ('433100', $1, 'Xiangxi', $2::text::jsonb, false, '[]'::jsonb)`,
        [plan.area.name, JSON.stringify(county.county.geometry)],
      );
      await insertBatches(
        tx,
        `INSERT INTO targets (area_code, year, measure, value, source, demo)
         SELECT area, year, measure, value, source, demo FROM jsonb_to_recordset($1::text::jsonb) AS x(area text, year int, measure text, value float8, source text, demo boolean)`,
        planTargets(plan),
      );
    });
  }, 240_000);
  afterAll(() => db?.close());

  it('serves the 2018 targets for the prefecture code, counting its counties\' data', async () => {
    const answer = await areaTargets(db, '433100', {}, new Date('2026-01-01T00:00:00+08:00'));
    expect(answer.year).toBe(2018);
    expect(answer.area).toMatchObject({ code: '433100', name: '湘西土家族苗族自治州', level: 'prefecture', elapsedShare: 1 });
    expect(targetsOf(answer)).toEqual({
      poverty_incidence: 0.04, road_upgrade_km: 344, safety_works_km: 1000, bridges_rebuilt: 50, bus_stops: 50, bus_coverage: 0.95,
      water_villages: 1110, grid_villages: 120, broadband_villages: 200, base_stations: 630, income_villages: 1,
    });
    const progress = Object.fromEntries(answer.area.targets.map((p) => [p.measure, p]));
    expect(progress.base_stations).toMatchObject({ actual: null, status: 'no_data' });
    const villages = county.villages.map((v) => v.properties);
    expect(progress.bus_coverage.actual).toBeCloseTo(villages.filter((v) => v.infra.bus).length / villages.length, 10);
    expect(progress.income_villages.actual).toBeCloseTo(villages.filter((v) => v.collectiveIncome >= 50_000).length / villages.length, 10);
    // The county is one of eight: far from every village of the prefecture earning 50,000 yuan.
    expect(progress.income_villages.status).toBe('behind');
    // The county's own (demo) targets are of 2019: it is not among the prefecture's 2018 units.
    expect(answer.units).toEqual([]);
    expect((await areaTargets(db, '433100', { year: 2019 }, new Date())).units.map((u) => u.code)).toEqual(['433101']);
  });
});
