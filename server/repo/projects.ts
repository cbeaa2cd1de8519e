import type { DeletedProject, ProjectView } from '../../common/api';
import type { Queryable } from '../db/client';

export const PROJECT_COLUMNS = `id, kind, subtype, township_code AS "townshipCode", name, name_en AS "nameEn", geom AS geometry,
  planned_km AS "plannedKm", done_km AS "doneKm", progress_pct AS "progressPct", budget, spent,
  to_char(planned_start, 'YYYY-MM-DD') AS "plannedStart", to_char(planned_end, 'YYYY-MM-DD') AS "plannedEnd",
  status, villages, served_households AS "servedHouseholds", demo, version, updated_at AS "updatedAt"`;

type ProjectRow = Omit<ProjectView, 'updatedAt'> & { updatedAt: Date | string };

export const toProjectView = (row: ProjectRow): ProjectView => ({
  ...row,
  updatedAt: new Date(row.updatedAt).toISOString(),
});

export interface ProjectFilter {
  /** The deployment's county: a database may hold a province or the nation. */
  county: string;
  kind?: string;
  township?: string;
  status?: string;
}

export async function listProjects(db: Queryable, f: ProjectFilter): Promise<ProjectView[]> {
  const rows = await db.query<ProjectRow>(
    `SELECT ${PROJECT_COLUMNS} FROM projects
     WHERE deleted_at IS NULL AND ($1::text IS NULL OR kind = $1) AND ($2::text IS NULL OR township_code = $2) AND ($3::text IS NULL OR status = $3)
       AND township_code LIKE $4 || '%'
     ORDER BY id`,
    [f.kind ?? null, f.township ?? null, f.status ?? null, f.county],
  );
  return rows.map(toProjectView);
}

/** A deleted project is gone for every reader but the one restoring it ('deleted'). */
export async function getProject(db: Queryable, id: number, state: 'live' | 'deleted' = 'live'): Promise<ProjectView | undefined> {
  const [row] = await db.query<ProjectRow>(
    `SELECT ${PROJECT_COLUMNS} FROM projects WHERE id = $1 AND (deleted_at IS NULL) = $2`,
    [id, state === 'live'],
  );
  return row && toProjectView(row);
}


/** What an admin may restore, most recently deleted first. */
export async function listDeletedProjects(db: Queryable, county: string): Promise<DeletedProject[]> {
  const rows = await db.query<ProjectRow & { deletedAt: Date | string }>(
    `SELECT ${PROJECT_COLUMNS}, deleted_at AS "deletedAt" FROM projects
     WHERE deleted_at IS NOT NULL AND township_code LIKE $1 || '%' ORDER BY deleted_at DESC`,
    [county],
  );
  return rows.map((r) => ({ ...toProjectView(r), deletedAt: new Date(r.deletedAt).toISOString() }));
}
