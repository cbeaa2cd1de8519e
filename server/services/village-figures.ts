// The village part of a summary. A township adds up its village rows (village_facts); a county, a
// province or the nation adds up the per-county rollups the triggers of 004_scale.sql keep, so the
// national summary reads tens of thousands of pre-summed rows instead of 620,000 villages.
import { codePrefix } from '../../common/area';
import type { Summary } from '../../common/api';
import { INFRA_ITEMS } from '../../common/domain';
import { ratio } from '../../common/indicators';
import type { Queryable } from '../db/client';

// Relation names come from this closed table, never from input; the scope's code travels as $1
// (every code beneath a scope starts with the scope's prefix, and the nation's is empty).
const SOURCES = {
  villages: { facts: 'village_facts', items: 'village_item_facts', where: 'township_code = $1' },
  rollups: { facts: 'village_rollup', items: 'village_item_rollup', where: `county_code LIKE $1 || '%'` },
} as const;

interface FactRow {
  planned: number | null;
  actual: number | null;
  villages: number;
  poor: number;
  deepPoor: number;
  ready: number;
  notReady: number;
  wrongExit: number;
  rural: number;
  poorPersons: number;
  infraDone: number;
  infraRequired: number;
}

type Totals = Omit<FactRow, 'planned' | 'actual'>;

function addUp(rows: FactRow[]): Totals {
  const totals: Totals = { villages: 0, poor: 0, deepPoor: 0, ready: 0, notReady: 0, wrongExit: 0, rural: 0, poorPersons: 0, infraDone: 0, infraRequired: 0 };
  for (const row of rows) for (const key of Object.keys(totals) as (keyof Totals)[]) totals[key] += row[key];
  return totals;
}

/** Poor villages per year of `year(row)`, years with none left out. */
function poorByYear(rows: FactRow[], year: (row: FactRow) => number | null): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const row of rows) {
    const y = year(row);
    if (y !== null && row.poor > 0) counts[y] = (counts[y] ?? 0) + row.poor;
  }
  return counts;
}

export async function villageFigures(db: Queryable, scope: Summary['scope'], asOfYear: number | null): Promise<Pick<Summary, 'villages' | 'population' | 'infra'>> {
  const source = scope.level === 'township' ? SOURCES.villages : SOURCES.rollups;
  const prefix = codePrefix(scope.level, scope.code);
  // Grouped by exit years only: a handful of rows that answer "exited by year Y" for any Y.
  const rows = await db.query<FactRow>(
    `SELECT planned_exit_year AS planned, actual_exit_year AS actual,
       sum(villages)::int AS villages, sum(poor)::int AS poor, sum(deep_poor)::int AS "deepPoor",
       sum(ready)::int AS ready, sum(not_ready)::int AS "notReady", sum(wrong_exit)::int AS "wrongExit",
       sum(rural_population)::float8 AS rural, sum(poor_persons)::float8 AS "poorPersons",
       sum(infra_done)::float8 AS "infraDone", sum(infra_required)::float8 AS "infraRequired"
     FROM ${source.facts} WHERE ${source.where} GROUP BY 1, 2`,
    [prefix],
  );
  const items = await db.query<{ item: string; done: number; required: number }>(
    `SELECT item, sum(done)::int AS done, sum(required)::int AS required FROM ${source.items} WHERE ${source.where} GROUP BY item`,
    [prefix],
  );
  const exitedBy = (row: FactRow) => (row.actual !== null && row.actual <= (asOfYear ?? Infinity) ? row.actual : null);
  const exitedByYear = poorByYear(rows, exitedBy);
  const t = addUp(rows);
  const byItem = Object.fromEntries(
    INFRA_ITEMS.map((item) => {
      const row = items.find((r) => r.item === item);
      return [item, { done: row?.done ?? 0, required: row?.required ?? 0 }];
    }),
  ) as Summary['infra']['byItem'];
  return {
    villages: {
      total: t.villages, poor: t.poor, deepPoor: t.deepPoor, nonPoor: t.villages - t.poor,
      exited: Object.values(exitedByYear).reduce((a, n) => a + n, 0),
      plannedByYear: poorByYear(rows, (row) => row.planned), exitedByYear,
      ready: t.ready, notReady: t.notReady, wrongExit: t.wrongExit,
    },
    population: { rural: t.rural, poorPersons: t.poorPersons, povertyIncidence: ratio(t.poorPersons, t.rural) },
    infra: { completion: ratio(t.infraDone, t.infraRequired), byItem },
  };
}
