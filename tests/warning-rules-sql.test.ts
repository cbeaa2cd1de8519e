// The set-based SQL of the warning rules must agree with the pure rule (common/monitoring.ts) it
// restates: generated households, members, incomes and department events, judged both ways.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCHOOLING_STATES } from '../common/households';
import { EVENT_KINDS, lineFor, warningRules, type WarningInput } from '../common/monitoring';
import { listLines } from '../server/repo/monitoring';
import { ruleCandidates } from '../server/repo/warning-rules';
import { BACKENDS, createTestApp } from './helpers/app';

const AS_OF = '2026-06-15';
const VILLAGE = '140721100200';

const day = fc.integer({ min: -420, max: 30 }).map((d) => new Date(Date.parse(AS_OF) + d * 86_400_000).toISOString().slice(0, 10));
const householdArb = fc.record({
  years: fc.array(fc.record({ income: fc.integer({ min: 0, max: 14_000 }), housing: fc.boolean() }), { maxLength: 3 }),
  firstYear: fc.integer({ min: 2017, max: 2024 }),
  members: fc.array(fc.record({ age: fc.integer({ min: 3, max: 19 }), schooling: fc.constantFrom(...SCHOOLING_STATES) }), { maxLength: 5 }),
  events: fc.array(fc.record({ kind: fc.constantFrom(...EVENT_KINDS), on: day, amount: fc.integer({ min: 0, max: 25_000 }) }), { maxLength: 4 }),
});

describe.each(BACKENDS)('warning rules in SQL on %s', (backend) => {
  let t: Awaited<ReturnType<typeof createTestApp>>;
  beforeAll(async () => {
    t = await createTestApp(backend);
  }, 120_000);
  afterAll(() => t.close());

  it('raise exactly what the pure rule raises, household by household', async () => {
    const households = fc.sample(householdArb, { seed: 20261126, numRuns: 400 });
    // a line of our own next to the seeded ones, so the nearest-earlier-year choice is exercised
    await t.db.query("INSERT INTO monitoring_lines (year, line, source) VALUES (2023, 7000, 'test')");
    const codes = households.map((_, i) => `${VILLAGE}${String(i + 1).padStart(4, '0')}`);
    await t.db.write(async (tx) => {
      for (const [i, h] of households.entries()) {
        const code = codes[i];
        await tx.query(
          `INSERT INTO households (code, village_code, head_name, poverty_attribute, main_cause, year_identified) VALUES ($1, $2, '测试户', 'general', 'illness', 2014)`,
          [code, VILLAGE],
        );
        for (const [k, y] of h.years.entries()) {
          await tx.query(
            `INSERT INTO household_years (household_code, year, income_per_capita, food_clothing, education, medical, housing, water)
             VALUES ($1, $2, $3, true, true, true, $4, true)`,
            [code, h.firstYear + k, y.income, y.housing],
          );
        }
        for (const m of h.members) {
          await tx.query(
            `INSERT INTO members (household_code, relation, name, sex, birth_year, id_number_enc, id_number_hash, health, schooling, labour_ability)
             VALUES ($1, 'child', '测试', 'male', $2, 'v1:x', 'h', 'healthy', $3, 'none')`,
            [code, 2026 - m.age, m.schooling],
          );
        }
        for (const e of h.events) {
          await tx.query('INSERT INTO household_events (household_code, kind, occurred_on, amount, department) VALUES ($1, $2, $3, $4, $5)', [
            code, e.kind, e.on, e.amount, 'test',
          ]);
        }
      }
    });
    const lines = await listLines(t.db);
    const expected = households.flatMap((h, i) => {
      const latest = h.years.length ? { year: h.firstYear + h.years.length - 1, incomePerCapita: h.years.at(-1)!.income, housing: h.years.at(-1)!.housing } : null;
      const input: WarningInput = {
        asOf: AS_OF,
        persons: h.members.length,
        latest,
        previousIncome: h.years.length >= 2 ? h.years.at(-2)!.income : null,
        line: latest ? lineFor(lines, latest.year) : null,
        members: h.members.map((m) => ({ birthYear: 2026 - m.age, schooling: m.schooling })),
        events: h.events,
      };
      return warningRules(input).map((rule) => `${codes[i]} ${rule}`);
    });
    const actual = (await ruleCandidates(t.db, { prefix: '140721' }, AS_OF)).map((r) => `${r.code} ${r.rule}`);
    expect(actual.sort()).toEqual(expected.sort());
    // the cases cover every rule, each both raised and not
    for (const rule of ['income_below_line', 'income_drop', 'medical_burden', 'new_illness', 'school_dropout', 'unsafe_housing', 'disaster', 'assistance_change']) {
      expect(expected.some((e) => e.endsWith(` ${rule}`)), rule).toBe(true);
    }
    const subset = await ruleCandidates(t.db, { prefix: '140721', households: codes.slice(0, 10) }, AS_OF);
    expect(subset.every((r) => codes.slice(0, 10).includes(r.code))).toBe(true);
  }, 120_000);
});
