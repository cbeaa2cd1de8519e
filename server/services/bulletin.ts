// The monthly bulletin: every unit's figures (a county's townships, a prefecture's counties:
// ranking-units.ts) as they stood at the end of a month, rebuilt from what the database recorded and
// when, never from today's figures passed off as history. Rows are tallied under their township and
// added up into the unit the township lies in.
//
// - Villages: today's class and exit year with every audited change made after the month end
//   undone (newest first). Exit years have year resolution and exits are verified at the year's
//   end (年终验收), so a village exiting in year Y counts from the bulletin of December Y.
// - Projects: the latest progress report dated on or before the month end (project_progress). A
//   project without one counts as nothing done and nothing spent ("no report, no progress", and it
//   is listed as not reported if it was due to have started), except in the month in progress,
//   where its live figures are the freshest report there is. Planned km and budget are today's:
//   they are plan figures, and their edits are audited. Projects created after the month end
//   (their audited creation) are left out.
// - Sites: today's household counts with audited changes after the month end undone; sites
//   created after it are left out. With no audit entry the stored counts are the only knowledge,
//   and they stand for every month.
// - Problems: logged before the month end and not closed by then; overdue if unfixed by then and
//   the deadline fell within or before the month.
import { BULLETIN_INDICATORS, addMonths, lastDayOf, type Bulletin, type BulletinFigures, type BulletinRow } from '../../common/bulletin';
import { ratio, siteIndicators, totalSiteIndicators } from '../../common/indicators';
import { chinaToday } from '../../common/problems';
import type { Queryable } from '../db/client';
import type { PortalArea } from '../../common/area';
import { rankingUnits } from './ranking-units';

type Audited = { entityId: string; oldValue: Record<string, unknown> | null };

/** The first instant after the month, in China time (UTC+8, no daylight saving). */
const endInstant = (month: string) => `${addMonths(month, 1)}-01T00:00:00+08:00`;

/** Audited changes after the month end, newest first: undoing them in this order restores the month-end values. */
const changesAfter = (db: Queryable, entity: 'village' | 'site' | 'project', month: string) =>
  db.query<Audited>(
    `SELECT entity_id AS "entityId", old_value AS "oldValue" FROM audit_log WHERE entity_type = $1 AND at >= $2::timestamptz ORDER BY id DESC`,
    [entity, endInstant(month)],
  );

/** Rewinds records to the month end; returns the ids created after it (an audited change with no old value). */
function rewind<T extends object>(records: Map<string, T>, changes: Audited[]): Set<string> {
  const createdLater = new Set<string>();
  for (const change of changes) {
    const record = records.get(change.entityId);
    if (!record) continue;
    if (change.oldValue === null) createdLater.add(change.entityId);
    else for (const [key, value] of Object.entries(change.oldValue)) if (key in record) (record as Record<string, unknown>)[key] = value;
  }
  return createdLater;
}

interface Tally {
  poorVillages: number; exitedVillages: number; ruralPopulation: number; poorPersons: number;
  projects: number; unreportedProjects: number; plannedKm: number; doneKm: number; budget: number; spent: number;
  sites: Parameters<typeof totalSiteIndicators>[0];
  openProblems: number; overdueProblems: number;
}
const emptyTally = (): Tally => ({
  poorVillages: 0, exitedVillages: 0, ruralPopulation: 0, poorPersons: 0, projects: 0, unreportedProjects: 0, plannedKm: 0, doneKm: 0, budget: 0, spent: 0, sites: [], openProblems: 0, overdueProblems: 0,
});

// Each tally reads the area's rows only (the database may hold a province or the nation): township
// codes begin with the area's prefix (`countyCode` here: a county's code, a prefecture's 4 digits),
// the scope test stats.ts uses too.
async function tallyVillages(db: Queryable, countyCode: string, month: string, tally: (township: string) => Tally) {
  const rows = await db.query<{ code: string; townshipCode: string; villageClass: string; actualExitYear: number | null; ruralPopulation: number; poorPersons: number }>(
    `SELECT code, township_code AS "townshipCode", village_class AS "villageClass", actual_exit_year AS "actualExitYear",
       rural_population AS "ruralPopulation", poor_persons AS "poorPersons"
     FROM villages WHERE township_code LIKE $1 || '%'`,
    [countyCode],
  );
  const villages = new Map(rows.map((r) => [r.code, r]));
  rewind(villages, await changesAfter(db, 'village', month));
  const [year, m] = month.split('-').map(Number);
  for (const v of villages.values()) {
    const t = tally(v.townshipCode);
    t.ruralPopulation += v.ruralPopulation;
    t.poorPersons += v.poorPersons;
    if (v.villageClass === 'non_poor') continue;
    t.poorVillages++;
    const exit = v.actualExitYear;
    if (exit !== null && (exit < year || (exit === year && m === 12))) t.exitedVillages++;
  }
}

async function tallyProjects(db: Queryable, countyCode: string, month: string, current: boolean, tally: (township: string) => Tally) {
  const monthEnd = lastDayOf(month);
  const projects = await db.query<{ id: number; townshipCode: string; plannedKm: number | null; doneKm: number | null; budget: number; spent: number; plannedStart: string }>(
    `SELECT id, township_code AS "townshipCode", planned_km AS "plannedKm", done_km AS "doneKm", budget, spent,
       to_char(planned_start, 'YYYY-MM-DD') AS "plannedStart" FROM projects WHERE deleted_at IS NULL AND township_code LIKE $1 || '%'`,
    [countyCode],
  );
  const reports = new Map(
    (
      await db.query<{ projectId: number; doneKm: number | null; progressPct: number; spent: number | null }>(
        `SELECT DISTINCT ON (project_id) project_id AS "projectId", done_km AS "doneKm", progress_pct AS "progressPct", spent
         FROM project_progress WHERE recorded_on <= $1::date AND retracted_at IS NULL ORDER BY project_id, recorded_on DESC, id DESC`,
        [monthEnd],
      )
    ).map((r) => [r.projectId, r]),
  );
  const createdLater = rewind(new Map(projects.map((p) => [String(p.id), {}])), await changesAfter(db, 'project', month));
  for (const p of projects) {
    if (createdLater.has(String(p.id))) continue;
    const t = tally(p.townshipCode);
    const report = reports.get(p.id);
    let done = 0;
    let spent = 0;
    if (report) {
      done = report.doneKm ?? ((p.plannedKm ?? 0) * report.progressPct) / 100;
      spent = report.spent ?? 0;
    } else if (current) {
      done = p.doneKm ?? 0;
      spent = p.spent;
    } else if (p.plannedStart <= monthEnd) t.unreportedProjects++;
    t.projects++;
    t.budget += p.budget;
    t.spent += spent;
    if (p.plannedKm) {
      t.plannedKm += p.plannedKm;
      t.doneKm += done;
    }
  }
}

async function tallySites(db: Queryable, countyCode: string, month: string, tally: (township: string) => Tally) {
  const rows = await db.query<Tally['sites'][number] & { id: number; townshipCode: string }>(
    `SELECT id, township_code AS "townshipCode", planned_households AS "plannedHouseholds", moved_households AS "movedHouseholds",
       completed_households AS "completedHouseholds", stable_households AS "stableHouseholds", demolished_households AS "demolishedHouseholds"
     FROM sites WHERE township_code LIKE $1 || '%'`,
    [countyCode],
  );
  const sites = new Map(rows.map((r) => [String(r.id), r]));
  const createdLater = rewind(sites, await changesAfter(db, 'site', month));
  for (const [id, s] of sites) if (!createdLater.has(id)) tally(s.townshipCode).sites.push(s);
}

async function tallyProblems(db: Queryable, countyCode: string, month: string, tally: (township: string) => Tally) {
  const rows = await db.query<{ townshipCode: string; open: number; overdue: number }>(
    `SELECT township_code AS "townshipCode", count(*)::int AS open,
       count(*) FILTER (WHERE (fixed_at IS NULL OR fixed_at >= $1::timestamptz) AND deadline <= $2::date)::int AS overdue
     FROM problems WHERE created_at < $1::timestamptz AND (closed_at IS NULL OR closed_at >= $1::timestamptz)
       AND township_code LIKE $3 || '%'
     GROUP BY township_code`,
    [endInstant(month), lastDayOf(month), countyCode],
  );
  for (const r of rows) Object.assign(tally(r.townshipCode), { openProblems: r.open, overdueProblems: r.overdue });
}

const mean = (values: (number | null)[]): number | null => {
  const known = values.filter((v): v is number => v !== null);
  return known.length ? known.reduce((a, b) => a + b, 0) / known.length : null;
};

export function figuresOf(t: Tally): BulletinFigures {
  const relocation = t.sites.length ? totalSiteIndicators(t.sites) : siteIndicators({ plannedHouseholds: 0, movedHouseholds: 0, completedHouseholds: 0, stableHouseholds: 0, demolishedHouseholds: 0 });
  const f = {
    poorVillages: t.poorVillages, exitedVillages: t.exitedVillages, exitProgress: ratio(t.exitedVillages, t.poorVillages),
    povertyIncidence: ratio(t.poorPersons, t.ruralPopulation),
    projects: t.projects, unreportedProjects: t.unreportedProjects,
    plannedKm: t.plannedKm, doneKm: t.doneKm, kmProgress: ratio(t.doneKm, t.plannedKm),
    budget: t.budget, spent: t.spent, fundsProgress: ratio(t.spent, t.budget),
    sites: t.sites.length, relocation, relocationRate: mean(Object.values(relocation)),
    openProblems: t.openProblems, overdueProblems: t.overdueProblems,
  };
  return { ...f, score: mean(BULLETIN_INDICATORS.map((k) => f[k])) };
}

/** Every unit's figures at the end of the month (`unitOf`: the unit a township lies in), and the area's. */
async function monthFigures(db: Queryable, countyCode: string, month: string, current: boolean, unitOf: (township: string) => string) {
  const tallies = new Map<string, Tally>();
  const tally = (township: string) => {
    const unit = unitOf(township);
    return tallies.get(unit) ?? tallies.set(unit, emptyTally()).get(unit)!;
  };
  await tallyVillages(db, countyCode, month, tally);
  await tallyProjects(db, countyCode, month, current, tally);
  await tallySites(db, countyCode, month, tally);
  await tallyProblems(db, countyCode, month, tally);
  const county = emptyTally();
  for (const t of tallies.values()) {
    for (const key of Object.keys(county) as (keyof Tally)[]) {
      if (key === 'sites') county.sites.push(...t.sites);
      else county[key] += t[key];
    }
  }
  return { byUnit: (code: string) => figuresOf(tallies.get(code) ?? emptyTally()), county: figuresOf(county) };
}

/** Best score first, units with no score at all last, ties in code order. */
export function rankByScore<T extends { code: string; score: number | null }>(rows: T[]): (T & { rank: number })[] {
  return [...rows]
    .sort((a, b) => (b.score ?? -1) - (a.score ?? -1) || a.code.localeCompare(b.code))
    .map((r, i) => ({ ...r, rank: i + 1 }));
}

/** The area's units (a county's townships, a prefecture's counties) ranked on their month-end figures. */
export async function monthlyBulletin(db: Queryable, area: PortalArea, month: string): Promise<Bulletin> {
  const previousMonth = addMonths(month, -1);
  const thisMonth = chinaToday().slice(0, 7);
  const { level, units, unitOf } = await rankingUnits(db, area);
  const [now, before] = [
    await monthFigures(db, area.prefix, month, month === thisMonth, unitOf),
    await monthFigures(db, area.prefix, previousMonth, previousMonth === thisMonth, unitOf),
  ];
  const ranked = (figures: typeof now) => rankByScore(units.map((u) => ({ code: u.code, ...figures.byUnit(u.code) })));
  const previous = new Map(ranked(before).map((r) => [r.code, r]));
  const rows: BulletinRow[] = ranked(now).map((r) => {
    const u = units.find((x) => x.code === r.code)!;
    const { code: _code, ...prev } = previous.get(r.code)!;
    return { ...r, name: u.name, nameEn: u.nameEn, previous: prev };
  });
  return { month, previousMonth, monthEnd: lastDayOf(month), current: month === thisMonth, level, county: now.county, rows };
}
