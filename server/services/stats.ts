// County and township aggregates computed in SQL over the stored derived columns, so they stay
// fast when the database holds a province rather than a county.
import type { Summary, TownshipRankRow } from '../../common/api';
import { INFRA_ITEMS, PROJECT_STATUSES, type InfraItem, type ProjectStatus } from '../../common/domain';
import { ratio, totalSiteIndicators } from '../../common/indicators';
import type { Queryable } from '../db/client';

type SiteTotals = Parameters<typeof totalSiteIndicators>[0][number] & {
  sites: number; plannedPersons: number; movedPersons: number;
};

const countsByYear = (rows: { year: number; n: number }[]) =>
  Object.fromEntries(rows.filter((r) => r.year !== null).map((r) => [String(r.year), r.n]));

export async function summary(db: Queryable, scope: Summary['scope'], asOfYear: number | null): Promise<Summary> {
  const township = scope.level === 'township' ? scope.code : null;
  const params = [township, asOfYear];
  const inScope = `($1::text IS NULL OR township_code = $1)`;
  const [v] = await db.query<Record<string, number>>(
    `SELECT count(*)::int AS total,
       count(*) FILTER (WHERE village_class <> 'non_poor')::int AS poor,
       count(*) FILTER (WHERE village_class = 'deep_poor')::int AS "deepPoor",
       count(*) FILTER (WHERE village_class = 'non_poor')::int AS "nonPoor",
       count(*) FILTER (WHERE village_class <> 'non_poor' AND actual_exit_year <= coalesce($2::int, 9999))::int AS exited,
       count(*) FILTER (WHERE readiness = 'ready')::int AS ready,
       count(*) FILTER (WHERE readiness = 'not_ready')::int AS "notReady",
       count(*) FILTER (WHERE readiness = 'wrong_exit')::int AS "wrongExit",
       coalesce(sum(rural_population), 0)::float8 AS rural,
       coalesce(sum(poor_persons), 0)::float8 AS "poorPersons",
       coalesce(sum(infra_done), 0)::float8 AS "infraDone",
       coalesce(sum(infra_required), 0)::float8 AS "infraRequired"
     FROM villages WHERE ${inScope}`,
    params,
  );
  const planned = await db.query<{ year: number; n: number }>(
    `SELECT planned_exit_year AS year, count(*)::int AS n FROM villages
     WHERE ${inScope} AND village_class <> 'non_poor'
     GROUP BY 1 ORDER BY 1`,
    [township],
  );
  const exited = await db.query<{ year: number; n: number }>(
    `SELECT actual_exit_year AS year, count(*)::int AS n FROM villages
     WHERE ${inScope} AND village_class <> 'non_poor' AND actual_exit_year <= coalesce($2::int, 9999)
     GROUP BY 1 ORDER BY 1`,
    params,
  );
  const items = await db.query<{ item: InfraItem; done: number; required: number }>(
    `SELECT e.key AS item, count(*) FILTER (WHERE e.value = 'true'::jsonb)::int AS done, count(*)::int AS required
     FROM villages, jsonb_each(infra) AS e WHERE ${inScope} GROUP BY e.key`,
    [township],
  );
  const [s] = await db.query<SiteTotals>(
    `SELECT count(*)::int AS sites,
       coalesce(sum(planned_households), 0)::int AS "plannedHouseholds", coalesce(sum(planned_persons), 0)::int AS "plannedPersons",
       coalesce(sum(moved_households), 0)::int AS "movedHouseholds", coalesce(sum(moved_persons), 0)::int AS "movedPersons",
       coalesce(sum(completed_households), 0)::int AS "completedHouseholds",
       coalesce(sum(stable_households), 0)::int AS "stableHouseholds",
       coalesce(sum(demolished_households), 0)::int AS "demolishedHouseholds"
     FROM sites WHERE ${inScope}`,
    [township],
  );
  const projectRows = await db.query<{ kind: string; status: ProjectStatus; n: number; plannedKm: number; doneKm: number; served: number; budget: number; spent: number }>(
    `SELECT kind, status, count(*)::int AS n, coalesce(sum(planned_km), 0)::float8 AS "plannedKm",
       coalesce(sum(done_km), 0)::float8 AS "doneKm", coalesce(sum(served_households), 0)::int AS served,
       coalesce(sum(budget), 0)::float8 AS budget, coalesce(sum(spent), 0)::float8 AS spent
     FROM projects WHERE ${inScope} GROUP BY kind, status`,
    [township],
  );
  const sumWhere = (pred: (r: (typeof projectRows)[number]) => boolean, key: 'n' | 'plannedKm' | 'doneKm' | 'served' | 'budget' | 'spent') =>
    projectRows.filter(pred).reduce((a, r) => a + r[key], 0);
  const all = () => true;
  const road = (r: { kind: string }) => r.kind === 'road';
  const water = (r: { kind: string }) => r.kind === 'water';

  const byItem = Object.fromEntries(
    INFRA_ITEMS.map((item) => {
      const row = items.find((r) => r.item === item);
      return [item, { done: row?.done ?? 0, required: row?.required ?? 0 }];
    }),
  ) as Summary['infra']['byItem'];

  return {
    scope,
    asOfYear,
    villages: {
      total: v.total, poor: v.poor, deepPoor: v.deepPoor, nonPoor: v.nonPoor, exited: v.exited,
      plannedByYear: countsByYear(planned), exitedByYear: countsByYear(exited),
      ready: v.ready, notReady: v.notReady, wrongExit: v.wrongExit,
    },
    population: { rural: v.rural, poorPersons: v.poorPersons, povertyIncidence: ratio(v.poorPersons, v.rural) },
    infra: { completion: ratio(v.infraDone, v.infraRequired), byItem },
    relocation: {
      sites: s.sites, plannedHouseholds: s.plannedHouseholds, plannedPersons: s.plannedPersons,
      movedHouseholds: s.movedHouseholds, movedPersons: s.movedPersons,
      indicators: totalSiteIndicators([s]),
    },
    projects: {
      count: sumWhere(all, 'n'),
      road: { count: sumWhere(road, 'n'), plannedKm: sumWhere(road, 'plannedKm'), doneKm: sumWhere(road, 'doneKm') },
      water: { count: sumWhere(water, 'n'), servedHouseholds: sumWhere(water, 'served') },
      budget: sumWhere(all, 'budget'),
      spent: sumWhere(all, 'spent'),
      byStatus: Object.fromEntries(PROJECT_STATUSES.map((st) => [st, sumWhere((r) => r.status === st, 'n')])) as Record<ProjectStatus, number>,
    },
  };
}

/** 一月一督查一排名: townships ranked by exit progress, then by project progress. */
export async function townshipRanking(db: Queryable, asOfYear: number | null): Promise<TownshipRankRow[]> {
  const rows = await db.query<Omit<TownshipRankRow, 'rank' | 'exitProgress' | 'projectProgress' | 'fundsProgress' | 'infraCompletion'> & Record<string, number>>(
    `SELECT t.code, t.name, t.name_en AS "nameEn",
       coalesce(v.poor, 0)::int AS "poorVillages", coalesce(v.exited, 0)::int AS "exitedVillages",
       coalesce(v.done, 0)::float8 AS "infraDone", coalesce(v.required, 0)::float8 AS "infraRequired",
       coalesce(p.weighted, 0)::float8 AS weighted, coalesce(p.budget, 0)::float8 AS budget, coalesce(p.spent, 0)::float8 AS spent
     FROM townships t
     LEFT JOIN (
       SELECT township_code, count(*) FILTER (WHERE village_class <> 'non_poor') AS poor,
         count(*) FILTER (WHERE village_class <> 'non_poor' AND actual_exit_year <= coalesce($1::int, 9999)) AS exited,
         sum(infra_done) AS done, sum(infra_required) AS required
       FROM villages GROUP BY township_code) v ON v.township_code = t.code
     LEFT JOIN (
       SELECT township_code, sum(progress_pct / 100 * budget) AS weighted, sum(budget) AS budget, sum(spent) AS spent
       FROM projects GROUP BY township_code) p ON p.township_code = t.code
     ORDER BY t.code`,
    [asOfYear],
  );
  const ranked = rows.map((r) => ({
    code: r.code, name: r.name, nameEn: r.nameEn, poorVillages: r.poorVillages, exitedVillages: r.exitedVillages,
    exitProgress: ratio(r.exitedVillages, r.poorVillages),
    projectProgress: ratio(r.weighted, r.budget),
    fundsProgress: ratio(r.spent, r.budget),
    infraCompletion: ratio(r.infraDone, r.infraRequired),
    rank: 0,
  }));
  const key = (r: TownshipRankRow) => [r.exitProgress ?? -1, r.projectProgress ?? -1];
  ranked.sort((a, b) => key(b)[0] - key(a)[0] || key(b)[1] - key(a)[1] || a.code.localeCompare(b.code));
  ranked.forEach((r, i) => (r.rank = i + 1));
  return ranked;
}
