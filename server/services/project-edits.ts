import { feature, length as turfLength } from '@turf/turf';
import type { ProgressEntry, ProjectView } from '../../common/api';
import { chinaToday } from '../../common/problems';
import { initialProgressPct, progressAfter, progressReportViolations, round2 } from '../../common/progress';
import type { SessionUser } from '../../common/roles';
import { projectViolations } from '../../common/rules';
import type { ProgressRecord, ProjectCreate, ProjectPatch } from '../../common/schemas';
import type { Db, Queryable } from '../db/client';
import { MADE_AT } from '../repo/made-at';
import { notFound } from './domain-error';
import { getProject } from '../repo/projects';
import { diff, recordAudit } from './audit';
import type { CountyGeometry } from './county-geometry';
import { attachPhotos } from './photos';
import { assertCurrent, assertNoViolations } from './versioning';

export const plannedKmOf = (g: ProjectView['geometry']) => (g.type === 'LineString' ? round2(turfLength(feature(g))) : null);
export const missing = (id: number) => () => notFound(`项目 ${id}`, `Project ${id}`);

const ATTRIBUTES = ['name', 'nameEn', 'geometry', 'plannedKm', 'doneKm', 'progressPct', 'budget', 'spent', 'plannedStart', 'plannedEnd', 'status', 'townshipCode', 'villages', 'servedHouseholds'] as const;
export type Attributes = Pick<ProjectView, (typeof ATTRIBUTES)[number]>;
export const attributes = (p: Attributes): Attributes => Object.fromEntries(ATTRIBUTES.map((k) => [k, p[k]])) as Attributes;

export async function saveAttributes(tx: Queryable, id: number, p: Attributes) {
  await tx.query(
    `UPDATE projects SET name = $2, geom = $3::text::jsonb, planned_km = $4, done_km = $5, progress_pct = $6, budget = $7,
       spent = $8, planned_start = $9, planned_end = $10, status = $11, township_code = $12, villages = $13::text::jsonb,
       served_households = $14, name_en = $15, version = version + 1, updated_at = now()
     WHERE id = $1`,
    [id, p.name, JSON.stringify(p.geometry), p.plannedKm, p.doneKm, p.progressPct, p.budget, p.spent, p.plannedStart, p.plannedEnd,
      p.status, p.townshipCode, JSON.stringify(p.villages), p.servedHouseholds, p.nameEn],
  );
}

export type NewProject = Awaited<ReturnType<typeof planProject>>;

/** Everything about a new project but the insert: its place in the county, its length, its rules. */
export async function planProject(geo: CountyGeometry, input: ProjectCreate) {
  await geo.assertInside(input.geometry);
  const { townshipCode, villages } = await geo.locate(input.geometry);
  const plannedKm = plannedKmOf(input.geometry);
  const progressPct = initialProgressPct(input.status);
  const record = { ...input, plannedKm, doneKm: plannedKm === null ? null : (plannedKm * progressPct) / 100, progressPct, townshipCode, villages, servedHouseholds: input.servedHouseholds ?? null };
  assertNoViolations(projectViolations(record));
  return record;
}

/** Inserts a planned project in the caller's transaction, so an import can add many all or nothing. */
export async function insertProject(tx: Queryable, user: SessionUser, record: NewProject, action: 'create' | 'import' = 'create'): Promise<ProjectView> {
  const [{ id }] = await tx.query<{ id: number }>(
    `INSERT INTO projects (kind, subtype, township_code, name, geom, planned_km, done_km, progress_pct, budget, spent,
       planned_start, planned_end, status, villages, served_households, name_en, demo)
     VALUES ($1, $2, $3, $4, $5::text::jsonb, $6, $7, $8, $9, $10, $11, $12, $13, $14::text::jsonb, $15, $16, false) RETURNING id`,
    [record.kind, record.subtype, record.townshipCode, record.name, JSON.stringify(record.geometry), record.plannedKm, record.doneKm, record.progressPct,
      record.budget, record.spent, record.plannedStart, record.plannedEnd, record.status, JSON.stringify(record.villages), record.servedHouseholds,
      record.nameEn],
  );
  const created = (await getProject(tx, id))!;
  await recordAudit(tx, { user, entityType: 'project', entityId: String(id), action, old: null, new: attributes(created), note: record.note });
  return created;
}

export async function createProject(db: Db, geo: CountyGeometry, user: SessionUser, input: ProjectCreate): Promise<ProjectView> {
  const record = await planProject(geo, input);
  return db.write((tx) => insertProject(tx, user, record));
}

/** Where a patched geometry lies; undefined when the patch keeps the geometry. */
export async function locatePatch(geo: CountyGeometry, patch: Pick<ProjectPatch, 'geometry'>) {
  if (!patch.geometry) return undefined;
  await geo.assertInside(patch.geometry);
  return geo.locate(patch.geometry);
}

/** Applies a located patch in the caller's transaction: version check, rules, audit. */
export async function patchProject(
  tx: Queryable, user: SessionUser, id: number, patch: ProjectPatch, located: Awaited<ReturnType<typeof locatePatch>>, action: 'update' | 'import' = 'update',
): Promise<ProjectView> {
  const current = assertCurrent(await getProject(tx, id), patch.version, missing(id));
  const { version: _version, note, ...fields } = patch;
  const merged: Attributes = { ...attributes(current), ...fields, ...located };
  if (patch.geometry) {
    merged.plannedKm = plannedKmOf(patch.geometry);
    merged.doneKm = merged.plannedKm === null ? null : round2((merged.plannedKm * merged.progressPct) / 100);
  }
  assertNoViolations(projectViolations({ ...current, ...merged }));
  await saveAttributes(tx, id, merged);
  const changes = diff(attributes(current), merged);
  await recordAudit(tx, { user, entityType: 'project', entityId: String(id), action, old: changes.old, new: changes.new, note });
  return (await getProject(tx, id))!;
}

export async function editProject(db: Db, geo: CountyGeometry, user: SessionUser, id: number, patch: ProjectPatch): Promise<ProjectView> {
  const located = await locatePatch(geo, patch);
  return db.write((tx) => patchProject(tx, user, id, patch, located));
}

const REPORTED = ['progressPct', 'doneKm', 'spent', 'status'] as const;
export type Reported = Pick<ProjectView, (typeof REPORTED)[number]>;
const reportedFigures = (p: Reported): Reported => Object.fromEntries(REPORTED.map((k) => [k, p[k]])) as Reported;

/** A dated progress report: km done or %, status, spending; the project takes the reported figures. */
export async function recordProgress(db: Db, user: SessionUser, id: number, report: ProgressRecord): Promise<ProjectView> {
  return db.write(async (tx) => {
    const current = assertCurrent(await getProject(tx, id), report.version, missing(id));
    const merged = { ...attributes(current), ...progressAfter(current, report) };
    assertNoViolations([...progressReportViolations(current, merged, report, chinaToday()), ...projectViolations({ ...current, ...merged })]);
    await saveAttributes(tx, id, merged);
    const made = report.madeAt;
    const [{ id: reportId }] = await tx.query<{ id: number }>(
      `INSERT INTO project_progress (project_id, recorded_on, progress_pct, done_km, spent, status, note, user_id, reason, before,
         made_lon, made_lat, made_accuracy_m, made_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::text::jsonb, $11, $12, $13, $14) RETURNING id`,
      [id, report.recordedOn, merged.progressPct, merged.doneKm, merged.spent, merged.status, report.note ?? null, user.id, report.reason ?? null,
        JSON.stringify(reportedFigures(current)), made?.lon ?? null, made?.lat ?? null, made?.accuracy ?? null, made?.at ?? null],
    );
    await attachPhotos(tx, user, report.photoIds, 'progress', String(reportId));
    const changes = diff(attributes(current), merged);
    const reason = report.reason === undefined ? {} : { reason: report.reason };
    await recordAudit(tx, { user, entityType: 'project', entityId: String(id), action: 'progress', old: changes.old, new: { ...changes.new, recordedOn: report.recordedOn, ...reason }, note: report.note });
    return (await getProject(tx, id))!;
  });
}

export async function progressHistory(db: Queryable, id: number): Promise<ProgressEntry[]> {
  const rows = await db.query<ProgressEntry & { at: Date | string }>(
    `SELECT p.id, to_char(p.recorded_on, 'YYYY-MM-DD') AS "recordedOn", p.progress_pct AS "progressPct", p.done_km AS "doneKm",
       p.spent, p.status, p.note, p.reason, u.username, p.at, p.retracted_at IS NOT NULL AS retracted, p.retract_reason AS "retractReason",
       ${MADE_AT('p')},
       coalesce((SELECT jsonb_agg(ph.id::text ORDER BY ph.uploaded_at) FROM photos ph WHERE ph.entity_type = 'progress' AND ph.entity_id = p.id::text), '[]') AS "photoIds"
     FROM project_progress p LEFT JOIN users u ON u.id = p.user_id
     WHERE p.project_id = $1 ORDER BY p.recorded_on, p.id`,
    [id],
  );
  return rows.map((r) => ({ ...r, at: new Date(r.at).toISOString() }));
}
