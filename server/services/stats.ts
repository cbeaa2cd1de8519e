// Township, county, province and national aggregates computed in SQL over the stored derived
// columns and per-county rollups (village-figures.ts), so they stay fast on a national database.
import { codePrefix, type PortalArea } from '../../common/area';
import type { Summary, UnitRankRow } from '../../common/api';
import { PROJECT_STATUSES, type ProjectStatus } from '../../common/domain';
import { ratio, totalSiteIndicators } from '../../common/indicators';
import type { Queryable } from '../db/client';
import { rankingUnits } from './ranking-units';
import { roadKmInScope } from './road-km';
import { villageFigures } from './village-figures';

type SiteTotals = Parameters<typeof totalSiteIndicators>[0][number] & {
  sites: number; plannedPersons: number; movedPersons: number;
};

export async function summary(db: Queryable, scope: Summary['scope'], asOfYear: number | null): Promise<Summary> {
  // Codes beneath a scope start with its prefix: a township's 9 digits, a county's 6, a prefecture's 4, a province's 2, the nation's none.
  const prefix = [codePrefix(scope.level, scope.code)];
  const inScope = `township_code LIKE $1 || '%'`;
  const [s] = await db.query<SiteTotals>(
    `SELECT count(*)::int AS sites,
       coalesce(sum(planned_households), 0)::int AS "plannedHouseholds", coalesce(sum(planned_persons), 0)::int AS "plannedPersons",
       coalesce(sum(moved_households), 0)::int AS "movedHouseholds", coalesce(sum(moved_persons), 0)::int AS "movedPersons",
       coalesce(sum(completed_households), 0)::int AS "completedHouseholds",
       coalesce(sum(stable_households), 0)::int AS "stableHouseholds",
       coalesce(sum(demolished_households), 0)::int AS "demolishedHouseholds"
     FROM sites WHERE ${inScope}`,
    prefix,
  );
  const projectRows = await db.query<{ kind: string; status: ProjectStatus; n: number; plannedKm: number; doneKm: number; served: number; budget: number; spent: number }>(
    `SELECT kind, status, count(*)::int AS n, coalesce(sum(planned_km), 0)::float8 AS "plannedKm",
       coalesce(sum(done_km), 0)::float8 AS "doneKm", coalesce(sum(served_households), 0)::int AS served,
       coalesce(sum(budget), 0)::float8 AS budget, coalesce(sum(spent), 0)::float8 AS spent
     FROM projects WHERE deleted_at IS NULL AND ${inScope} GROUP BY kind, status`,
    prefix,
  );
  const sumWhere = (pred: (r: (typeof projectRows)[number]) => boolean, key: 'n' | 'plannedKm' | 'doneKm' | 'served' | 'budget' | 'spent') =>
    projectRows.filter(pred).reduce((a, r) => a + r[key], 0);
  const all = () => true;
  const road = (r: { kind: string }) => r.kind === 'road';
  const water = (r: { kind: string }) => r.kind === 'water';

  const roadTotals = { plannedKm: sumWhere(road, 'plannedKm'), doneKm: sumWhere(road, 'doneKm') };

  return {
    scope,
    asOfYear,
    ...(await villageFigures(db, scope, asOfYear)),
    relocation: {
      sites: s.sites, plannedHouseholds: s.plannedHouseholds, plannedPersons: s.plannedPersons,
      movedHouseholds: s.movedHouseholds, movedPersons: s.movedPersons,
      indicators: totalSiteIndicators([s]),
    },
    projects: {
      count: sumWhere(all, 'n'),
      road: {
        count: sumWhere(road, 'n'), ...roadTotals,
        // The database has county and township boundaries only; a province's or the nation's roads are all inside it.
        inside: scope.level === 'county' || scope.level === 'township' ? await roadKmInScope(db, scope) : roadTotals,
      },
      water: { count: sumWhere(water, 'n'), servedHouseholds: sumWhere(water, 'served') },
      budget: sumWhere(all, 'budget'),
      spent: sumWhere(all, 'spent'),
      byStatus: Object.fromEntries(PROJECT_STATUSES.map((st) => [st, sumWhere((r) => r.status === st, 'n')])) as Record<ProjectStatus, number>,
    },
  };
}

type Sums = Record<'poorVillages' | 'exitedVillages' | 'infraDone' | 'infraRequired' | 'weighted' | 'budget' | 'spent', number>;

/**
 * 一月一督查一排名: the area's units (a county's townships, a prefecture's counties) ranked by exit
 * progress, then by project progress.
 */
export async function unitRanking(db: Queryable, area: PortalArea, asOfYear: number | null): Promise<UnitRankRow[]> {
  const { units, digits } = await rankingUnits(db, area);
  const sums = await db.query<Sums & { unit: string }>(
    `SELECT coalesce(v.unit, p.unit) AS unit,
       coalesce(v.poor, 0)::int AS "poorVillages", coalesce(v.exited, 0)::int AS "exitedVillages",
       coalesce(v.done, 0)::float8 AS "infraDone", coalesce(v.required, 0)::float8 AS "infraRequired",
       coalesce(p.weighted, 0)::float8 AS weighted, coalesce(p.budget, 0)::float8 AS budget, coalesce(p.spent, 0)::float8 AS spent
     FROM (
       SELECT left(township_code, $3) AS unit, count(*) FILTER (WHERE village_class <> 'non_poor') AS poor,
         count(*) FILTER (WHERE village_class <> 'non_poor' AND actual_exit_year <= coalesce($1::int, 9999)) AS exited,
         sum(infra_done) AS done, sum(infra_required) AS required
       FROM villages WHERE township_code LIKE $2 || '%'
       GROUP BY 1) v
     FULL JOIN (
       SELECT left(township_code, $3) AS unit, sum(progress_pct / 100 * budget) AS weighted, sum(budget) AS budget, sum(spent) AS spent
       FROM projects WHERE deleted_at IS NULL AND township_code LIKE $2 || '%' GROUP BY 1) p ON p.unit = v.unit`,
    [asOfYear, area.prefix, digits],
  );
  const byUnit = new Map(sums.map((s) => [s.unit, s]));
  const none: Sums = { poorVillages: 0, exitedVillages: 0, infraDone: 0, infraRequired: 0, weighted: 0, budget: 0, spent: 0 };
  const ranked = units.map((u) => ({ ...u, ...(byUnit.get(u.code) ?? none) })).map((r) => ({
    code: r.code, name: r.name, nameEn: r.nameEn, poorVillages: r.poorVillages, exitedVillages: r.exitedVillages,
    exitProgress: ratio(r.exitedVillages, r.poorVillages),
    projectProgress: ratio(r.weighted, r.budget),
    fundsProgress: ratio(r.spent, r.budget),
    infraCompletion: ratio(r.infraDone, r.infraRequired),
    rank: 0,
  }));
  const key = (r: UnitRankRow) => [r.exitProgress ?? -1, r.projectProgress ?? -1];
  ranked.sort((a, b) => key(b)[0] - key(a)[0] || key(b)[1] - key(a)[1] || a.code.localeCompare(b.code));
  ranked.forEach((r, i) => (r.rank = i + 1));
  return ranked;
}
