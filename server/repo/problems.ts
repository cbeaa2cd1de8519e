import { fixedLate, type Problem, type ProblemEntityType, type ProblemStatus } from '../../common/problems';
import type { Queryable } from '../db/client';
import { MADE_AT } from './made-at';

/** Open past its deadline, `$1` being today's China date: the one definition of overdue. */
const OVERDUE = `(p.status = 'open' AND p.deadline < $1::date)`;

// The entity's name comes from its own table, so a renamed project shows its current name.
const COLUMNS = `p.id, p.entity_type AS "entityType", p.entity_id AS "entityId",
  coalesce(v.name, s.name, pr.name, p.entity_id) AS "entityName", p.township_code AS "townshipCode",
  jsonb_build_array(p.lon, p.lat) AS location, p.title, p.description, p.source, p.responsible_unit AS "responsibleUnit",
  to_char(p.deadline, 'YYYY-MM-DD') AS deadline, p.status, ${OVERDUE} AS overdue,
  cu.username AS "createdBy", p.created_at AS "createdAt", fu.username AS "fixedBy", p.fixed_at AS "fixedAt", p.fix_note AS "fixNote",
  clu.username AS "closedBy", p.closed_at AS "closedAt", p.version, p.updated_at AS "updatedAt", ${MADE_AT('p')},
  coalesce((SELECT jsonb_agg(jsonb_build_object('id', ph.id::text, 'step', ph.step) ORDER BY ph.uploaded_at) FROM photos ph
    WHERE ph.entity_type = 'problem' AND ph.entity_id = p.id::text), '[]') AS photos
  FROM problems p
  JOIN users cu ON cu.id = p.created_by
  LEFT JOIN users fu ON fu.id = p.fixed_by
  LEFT JOIN users clu ON clu.id = p.closed_by
  LEFT JOIN villages v ON p.entity_type = 'village' AND v.code = p.entity_id
  LEFT JOIN sites s ON p.entity_type = 'site' AND s.id::text = p.entity_id
  LEFT JOIN projects pr ON p.entity_type = 'project' AND pr.id::text = p.entity_id`;

type Timestamp = Date | string | null;
type ProblemRow = Omit<Problem, 'createdAt' | 'fixedAt' | 'closedAt' | 'updatedAt' | 'fixedLate'> & {
  createdAt: Timestamp; fixedAt: Timestamp; closedAt: Timestamp; updatedAt: Timestamp;
};

const iso = (t: Timestamp) => (t === null ? null : new Date(t).toISOString());
const toProblem = (r: ProblemRow): Problem => {
  const fixedAt = iso(r.fixedAt);
  return { ...r, createdAt: iso(r.createdAt)!, fixedAt, fixedLate: fixedLate(r.deadline, fixedAt), closedAt: iso(r.closedAt), updatedAt: iso(r.updatedAt)! };
};

export interface ProblemFilter {
  /** The deployment's county: a database may hold a province or the nation. */
  county: string;
  status?: ProblemStatus;
  /** Only open problems past their deadline. */
  overdue?: boolean;
  entityType?: ProblemEntityType;
  entityId?: string;
  township?: string;
}

/** Newest first; `today` (China date) decides what is overdue. */
export async function listProblems(db: Queryable, today: string, f: ProblemFilter): Promise<Problem[]> {
  const rows = await db.query<ProblemRow>(
    `SELECT ${COLUMNS}
     WHERE ($2::text IS NULL OR p.status = $2) AND ($3::boolean IS NOT TRUE OR ${OVERDUE})
       AND ($4::text IS NULL OR p.entity_type = $4) AND ($5::text IS NULL OR p.entity_id = $5) AND ($6::text IS NULL OR p.township_code = $6)
       AND p.township_code LIKE $7 || '%'
     ORDER BY p.id DESC`,
    [today, f.status ?? null, f.overdue ?? null, f.entityType ?? null, f.entityId ?? null, f.township ?? null, f.county],
  );
  return rows.map(toProblem);
}

export async function getProblem(db: Queryable, today: string, id: number): Promise<Problem | undefined> {
  const [row] = await db.query<ProblemRow>(`SELECT ${COLUMNS} WHERE p.id = $2`, [today, id]);
  return row && toProblem(row);
}
