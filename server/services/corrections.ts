// Correcting mistakes: a progress report retracted, a project deleted. Neither is erased: the row
// is set aside with its reason in the audit, the project's figures follow what remains, and an
// admin can undo either.
import type { ProjectView } from '../../common/api';
import type { SessionUser } from '../../common/roles';
import { projectViolations } from '../../common/rules';
import type { Correction } from '../../common/schemas';
import type { Db, Queryable } from '../db/client';
import { getProject } from '../repo/projects';
import { diff, recordAudit } from './audit';
import { DomainError, notFound } from './domain-error';
import { attributes, missing, saveAttributes, type Reported } from './project-edits';
import { assertCurrent, assertNoViolations } from './versioning';

/** The figures the remaining reports give: the latest by date, else what the first report replaced, else a project not yet started. */
async function figuresFromReports(tx: Queryable, project: ProjectView): Promise<Reported> {
  const [latest] = await tx.query<Reported>(
    `SELECT progress_pct AS "progressPct", done_km AS "doneKm", coalesce(spent, 0)::float8 AS spent, status FROM project_progress
     WHERE project_id = $1 AND retracted_at IS NULL ORDER BY recorded_on DESC, id DESC LIMIT 1`,
    [project.id],
  );
  if (latest) return latest;
  const [first] = await tx.query<{ before: Reported | null }>(`SELECT before FROM project_progress WHERE project_id = $1 ORDER BY id LIMIT 1`, [project.id]);
  return first?.before ?? { progressPct: 0, doneKm: project.plannedKm === null ? null : 0, spent: 0, status: 'planned' };
}

async function setReportAside(tx: Queryable, projectId: number, reportId: number, retract: boolean, reason: string) {
  const [report] = await tx.query<{ retracted: boolean; recordedOn: string }>(
    `SELECT retracted_at IS NOT NULL AS retracted, to_char(recorded_on, 'YYYY-MM-DD') AS "recordedOn" FROM project_progress WHERE id = $1 AND project_id = $2`,
    [reportId, projectId],
  );
  if (!report) throw notFound(`进度报告 ${reportId}`, `Progress report ${reportId}`);
  if (report.retracted === retract) {
    throw retract
      ? new DomainError('conflict', 'wrong_status', `进度报告 ${reportId} 已撤回`, `Progress report ${reportId} is already retracted`)
      : new DomainError('conflict', 'wrong_status', `进度报告 ${reportId} 未被撤回`, `Progress report ${reportId} is not retracted`);
  }
  await tx.query(
    `UPDATE project_progress SET retracted_at = CASE WHEN $2 THEN now() END, retract_reason = CASE WHEN $2 THEN $3 END WHERE id = $1`,
    [reportId, retract, reason],
  );
  return report;
}

async function recomputeFromReports(
  db: Db, user: SessionUser, projectId: number, reportId: number, body: Correction, action: 'retract_progress' | 'restore_progress',
): Promise<ProjectView> {
  return db.write(async (tx) => {
    const current = assertCurrent(await getProject(tx, projectId), body.version, missing(projectId));
    const report = await setReportAside(tx, projectId, reportId, action === 'retract_progress', body.reason);
    const merged = { ...attributes(current), ...(await figuresFromReports(tx, current)) };
    assertNoViolations(projectViolations({ ...current, ...merged }));
    await saveAttributes(tx, projectId, merged);
    const changes = diff(attributes(current), merged);
    await recordAudit(tx, {
      user, entityType: 'project', entityId: String(projectId), action,
      old: changes.old, new: { ...changes.new, report: reportId, recordedOn: report.recordedOn }, note: body.reason,
    });
    return (await getProject(tx, projectId))!;
  });
}

/** A report entered by mistake stops counting; the project takes its figures from the reports that remain. */
export const retractProgress = (db: Db, user: SessionUser, projectId: number, reportId: number, body: Correction) =>
  recomputeFromReports(db, user, projectId, reportId, body, 'retract_progress');

/** Undoing a retraction is the admin's (the route checks the role). */
export const restoreProgress = (db: Db, user: SessionUser, projectId: number, reportId: number, body: Correction) =>
  recomputeFromReports(db, user, projectId, reportId, body, 'restore_progress');

async function setProjectAside(db: Db, user: SessionUser, id: number, body: Correction, action: 'delete' | 'restore'): Promise<ProjectView> {
  return db.write(async (tx) => {
    assertCurrent(await getProject(tx, id, action === 'delete' ? 'live' : 'deleted'), body.version, missing(id));
    await tx.query(
      `UPDATE projects SET deleted_at = CASE WHEN $2 THEN now() END, version = version + 1, updated_at = now() WHERE id = $1`,
      [id, action === 'delete'],
    );
    await recordAudit(tx, {
      user, entityType: 'project', entityId: String(id), action,
      old: { deleted: action === 'restore' }, new: { deleted: action === 'delete' }, note: body.reason,
    });
    return (await getProject(tx, id, action === 'delete' ? 'deleted' : 'live'))!;
  });
}

/** Soft delete: gone from the map, lists, statistics and exports; kept, with its history, for an admin to restore. */
export const deleteProject = (db: Db, user: SessionUser, id: number, body: Correction) => setProjectAside(db, user, id, body, 'delete');

export const restoreProject = (db: Db, user: SessionUser, id: number, body: Correction) => setProjectAside(db, user, id, body, 'restore');
