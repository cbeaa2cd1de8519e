// Monitoring cases, their steps, warnings and the monitoring line. Every list and figure takes its
// households condition from household-scope.ts, so a scoped user's answer never holds another
// township's case, warning or count. Head names leave here plain and are masked by the service.
import type {
  EntryWay, MonitoringAction, MonitoringCaseView, MonitoringFigures, MonitoringLine, MonitoringStage, MonitoringStepView, MonitoringType, WarningStatus,
  WarningView,
} from '../../common/monitoring';
import { MONITORED_STAGES } from '../../common/monitoring';
import type { Queryable } from '../db/client';
import { codeUnder, scopeCondition, type HouseholdScope } from './household-scope';

type Timestamp = Date | string;
const iso = (t: Timestamp) => new Date(t).toISOString();
const isoOrNull = (t: Timestamp | null) => (t === null ? null : iso(t));

export async function listLines(db: Queryable): Promise<MonitoringLine[]> {
  const rows = await db.query<Omit<MonitoringLine, 'updatedAt'> & { updatedAt: Timestamp }>(
    `SELECT l.year, l.line, l.source, u.username AS "updatedBy", l.updated_at AS "updatedAt"
     FROM monitoring_lines l LEFT JOIN users u ON u.id = l.updated_by ORDER BY l.year`,
  );
  return rows.map((r) => ({ ...r, updatedAt: iso(r.updatedAt) }));
}

export async function upsertLine(tx: Queryable, year: number, line: number, source: string, userId: number): Promise<void> {
  await tx.query(
    `INSERT INTO monitoring_lines (year, line, source, updated_by, updated_at) VALUES ($1, $2, $3, $4, now())
     ON CONFLICT (year) DO UPDATE SET line = EXCLUDED.line, source = EXCLUDED.source, updated_by = EXCLUDED.updated_by, updated_at = now()`,
    [year, line, source, userId],
  );
}

/** As the API shows it, the head's name still plain (the service masks it) and the exit year for type checks. */
export interface CaseRow extends MonitoringCaseView {
  yearExited: number | null;
}

const CASE_COLUMNS = `c.id, c.household_code AS "householdCode", h.village_code AS "villageCode", h.head_name AS "headName",
  h.year_exited AS "yearExited", c.type, c.way, c.stage, c.opened_at AS "openedAt", c.updated_at AS "updatedAt", c.version
  FROM monitoring_cases c JOIN households h ON h.code = c.household_code`;

type RawCase = Omit<CaseRow, 'openedAt' | 'updatedAt'> & { openedAt: Timestamp; updatedAt: Timestamp };
const toCase = (r: RawCase): CaseRow => ({ ...r, openedAt: iso(r.openedAt), updatedAt: iso(r.updatedAt) });

export interface CaseFilter {
  stage?: MonitoringStage;
  /** Starts of household codes: a township's 9 digits or a village's 12. */
  area?: string;
  page: number;
  pageSize: number;
}

/** Newest first, one page, with the total the filter matches. */
export async function listCases(db: Queryable, scope: HouseholdScope, f: CaseFilter): Promise<{ rows: CaseRow[]; total: number }> {
  const cond = scopeCondition(scope, 'h', 4);
  // The area once more on the case itself: in a county, its index gives the newest cases directly.
  const where = `${codeUnder('c.household_code', '$3', scope.area)} AND ($1::text IS NULL OR c.stage = $1) AND ($2::text IS NULL OR c.household_code LIKE $2 || '%') AND ${cond.sql}`;
  const params = [f.stage ?? null, f.area ?? null, scope.area, ...cond.params];
  const n = params.length;
  const [rows, [{ total }]] = await Promise.all([
    db.query<RawCase>(`SELECT ${CASE_COLUMNS} WHERE ${where} ORDER BY c.id DESC LIMIT $${n + 1} OFFSET $${n + 2}`, [
      ...params, f.pageSize, (f.page - 1) * f.pageSize,
    ]),
    db.query<{ total: number }>(`SELECT count(*)::int AS total FROM monitoring_cases c JOIN households h ON h.code = c.household_code WHERE ${where}`, params),
  ]);
  return { rows: rows.map(toCase), total };
}

export async function getCase(db: Queryable, scope: HouseholdScope, id: number): Promise<CaseRow | undefined> {
  const cond = scopeCondition(scope, 'h', 2);
  const [row] = await db.query<RawCase>(`SELECT ${CASE_COLUMNS} WHERE c.id = $1 AND ${cond.sql}`, [id, ...cond.params]);
  return row && toCase(row);
}

export async function householdCases(db: Queryable, code: string): Promise<CaseRow[]> {
  const rows = await db.query<RawCase>(`SELECT ${CASE_COLUMNS} WHERE c.household_code = $1 ORDER BY c.id DESC`, [code]);
  return rows.map(toCase);
}

export async function caseSteps(db: Queryable, caseIds: number[]): Promise<Map<number, MonitoringStepView[]>> {
  const rows = await db.query<MonitoringStepView & { caseId: number; at: Timestamp }>(
    `SELECT s.case_id AS "caseId", s.action, s.from_stage AS "fromStage", s.to_stage AS "toStage", u.username AS by, s.at, s.reason
     FROM monitoring_steps s JOIN users u ON u.id = s.user_id WHERE s.case_id = ANY($1::int[]) ORDER BY s.id`,
    [caseIds],
  );
  const byCase = new Map<number, MonitoringStepView[]>();
  for (const { caseId, ...step } of rows) byCase.set(caseId, [...(byCase.get(caseId) ?? []), { ...step, at: iso(step.at) }]);
  return byCase;
}

/** Null when the household already has an open case (the unique index refuses a second). */
export async function insertCase(tx: Queryable, c: { householdCode: string; type: MonitoringType; way: EntryWay }): Promise<number | null> {
  const [row] = await tx.query<{ id: number }>(
    `INSERT INTO monitoring_cases (household_code, type, way, stage) VALUES ($1, $2, $3, 'reported')
     ON CONFLICT (household_code) WHERE stage NOT IN ('risk_removed', 'rejected') DO NOTHING RETURNING id`,
    [c.householdCode, c.type, c.way],
  );
  return row?.id ?? null;
}

export async function insertStep(
  tx: Queryable,
  s: { caseId: number; action: MonitoringAction | 'declare'; from: MonitoringStage | null; to: MonitoringStage; userId: number; reason: string },
): Promise<void> {
  await tx.query('INSERT INTO monitoring_steps (case_id, action, from_stage, to_stage, user_id, reason) VALUES ($1, $2, $3, $4, $5, $6)', [
    s.caseId, s.action, s.from, s.to, s.userId, s.reason,
  ]);
}

/** Moves a case on if it is still at `version`; false when someone else moved it first. */
export async function moveCase(tx: Queryable, id: number, version: number, to: MonitoringStage): Promise<boolean> {
  const rows = await tx.query('UPDATE monitoring_cases SET stage = $3, version = version + 1, updated_at = now() WHERE id = $1 AND version = $2 RETURNING id', [
    id, version, to,
  ]);
  return rows.length === 1;
}

/** As the API shows it, the head's name still plain (the service masks it) and the exit year for type checks. */
export interface WarningRow extends WarningView {
  yearExited: number | null;
}

/** Open past its deadline, `$1` being today's China date. */
const OVERDUE = `(w.status = 'open' AND w.deadline < $1::date)`;
const WARNING_COLUMNS = `w.id, w.household_code AS "householdCode", h.village_code AS "villageCode", h.head_name AS "headName",
  h.year_exited AS "yearExited", w.rule, w.source, to_char(w.raised_on, 'YYYY-MM-DD') AS "raisedOn", to_char(w.deadline, 'YYYY-MM-DD') AS deadline,
  w.status, ${OVERDUE} AS overdue, u.username AS "resolvedBy", w.resolved_at AS "resolvedAt", w.reason, w.case_id AS "caseId"
  FROM monitoring_warnings w JOIN households h ON h.code = w.household_code LEFT JOIN users u ON u.id = w.resolved_by`;

type RawWarning = Omit<WarningRow, 'resolvedAt'> & { resolvedAt: Timestamp | null };
const toWarning = (r: RawWarning): WarningRow => ({ ...r, resolvedAt: isoOrNull(r.resolvedAt) });

export interface WarningFilter {
  status?: WarningStatus;
  overdue?: boolean;
  area?: string;
  householdCode?: string;
  page: number;
  pageSize: number;
}

export async function listWarnings(db: Queryable, scope: HouseholdScope, today: string, f: WarningFilter): Promise<{ rows: WarningRow[]; total: number }> {
  const cond = scopeCondition(scope, 'h', 7);
  const where = `${codeUnder('w.household_code', '$6', scope.area)} AND ($2::text IS NULL OR w.status = $2) AND ($3::boolean IS NOT TRUE OR ${OVERDUE})
    AND ($4::text IS NULL OR w.household_code LIKE $4 || '%') AND ($5::text IS NULL OR w.household_code = $5) AND ${cond.sql}`;
  const params = [today, f.status ?? null, f.overdue ?? null, f.area ?? null, f.householdCode ?? null, scope.area, ...cond.params];
  const n = params.length;
  const [rows, [{ total }]] = await Promise.all([
    db.query<RawWarning>(`SELECT ${WARNING_COLUMNS} WHERE ${where} ORDER BY w.deadline, w.id LIMIT $${n + 1} OFFSET $${n + 2}`, [
      ...params, f.pageSize, (f.page - 1) * f.pageSize,
    ]),
    db.query<{ total: number }>(
      `SELECT count(*)::int AS total FROM monitoring_warnings w JOIN households h ON h.code = w.household_code WHERE ${where}`, params,
    ),
  ]);
  return { rows: rows.map(toWarning), total };
}

export async function getWarning(db: Queryable, scope: HouseholdScope, today: string, id: number): Promise<WarningRow | undefined> {
  const cond = scopeCondition(scope, 'h', 3);
  const [row] = await db.query<RawWarning>(`SELECT ${WARNING_COLUMNS} WHERE w.id = $2 AND ${cond.sql}`, [today, id, ...cond.params]);
  return row && toWarning(row);
}

/** False when it was no longer open (verified by someone else meanwhile). */
export async function resolveWarning(
  tx: Queryable,
  id: number,
  r: { status: 'confirmed' | 'dismissed'; userId: number; reason: string; caseId: number | null },
): Promise<boolean> {
  const rows = await tx.query(
    `UPDATE monitoring_warnings SET status = $2, resolved_by = $3, resolved_at = now(), reason = $4, case_id = $5
     WHERE id = $1 AND status = 'open' RETURNING id`,
    [id, r.status, r.userId, r.reason, r.caseId],
  );
  return rows.length === 1;
}

export type FigureLevel = 'county' | 'township' | 'village';
const PREFIX_LENGTH: Record<FigureLevel, number> = { county: 6, township: 9, village: 12 };

/**
 * Registered, exited, monitored and risk-removed households and open and overdue warnings, summed
 * per county, township or village from the households in scope. Aggregates only.
 */
export async function monitoringFigures(db: Queryable, scope: HouseholdScope, today: string, level: FigureLevel): Promise<MonitoringFigures[]> {
  const cond = scopeCondition(scope, 'h', 5);
  return db.query<MonitoringFigures>(
    `WITH hh AS (SELECT h.code, h.year_exited FROM households h WHERE ${cond.sql}),
     cases AS (
       SELECT c.household_code,
         bool_or(c.stage = ANY($2::text[])) AS monitored,
         bool_or(c.stage = 'risk_removed') AS removed
       FROM monitoring_cases c JOIN hh ON hh.code = c.household_code WHERE ${codeUnder('c.household_code', '$4', scope.area)} GROUP BY 1),
     warns AS (
       SELECT w.household_code, count(*) AS open, count(*) FILTER (WHERE w.deadline < $1::date) AS overdue
       FROM monitoring_warnings w JOIN hh ON hh.code = w.household_code WHERE w.status = 'open' AND ${codeUnder('w.household_code', '$4', scope.area)} GROUP BY 1)
     SELECT left(hh.code, $3) AS code,
       count(*)::int AS registered,
       count(*) FILTER (WHERE hh.year_exited IS NOT NULL)::int AS exited,
       count(*) FILTER (WHERE cases.monitored)::int AS monitored,
       count(*) FILTER (WHERE cases.removed AND NOT cases.monitored)::int AS "riskRemoved",
       coalesce(sum(warns.open), 0)::int AS "openWarnings",
       coalesce(sum(warns.overdue), 0)::int AS "overdueWarnings"
     FROM hh LEFT JOIN cases ON cases.household_code = hh.code LEFT JOIN warns ON warns.household_code = hh.code
     GROUP BY 1 ORDER BY 1`,
    [today, MONITORED_STAGES, PREFIX_LENGTH[level], scope.area, ...cond.params],
  );
}
