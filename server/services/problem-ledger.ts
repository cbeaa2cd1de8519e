// Logging, fixing and closing (销号) problems: each step versioned and audited, each by its role.
import { pointOnFeature } from '@turf/turf';
import { can, type SessionUser } from '../../common/roles';
import { canFixProblem, chinaToday, deadlineViolations, type Problem, type ProblemCreate, type ProblemEntityType, type ProblemFix, type ProblemStep } from '../../common/problems';
import type { Db, Queryable } from '../db/client';
import { DomainError, notFound } from './domain-error';
import { getProblem } from '../repo/problems';
import { getProject } from '../repo/projects';
import { getSite } from '../repo/sites';
import { getVillage } from '../repo/villages';
import { diff, recordAudit } from './audit';
import type { CountyGeometry } from './county-geometry';
import { attachPhotos } from './photos';
import { assertCurrent, assertNoViolations } from './versioning';

interface Located {
  townshipCode: string;
  location: [number, number];
}

async function locateEntity(db: Queryable, type: ProblemEntityType, id: string): Promise<Located> {
  const missing = () => new DomainError('unprocessable', 'unknown_entity', `问题所属对象不存在：${type} ${id}`, `The problem's ${type} ${id} does not exist`);
  if (type === 'village') {
    const v = await getVillage(db, id);
    if (!v) throw missing();
    return { townshipCode: v.townshipCode, location: v.center };
  }
  const numeric = Number(id);
  if (type === 'site') {
    const s = await getSite(db, numeric);
    if (!s) throw missing();
    return { townshipCode: s.townshipCode, location: [s.lon, s.lat] };
  }
  const p = await getProject(db, numeric);
  if (!p) throw missing();
  return { townshipCode: p.townshipCode, location: pointOnFeature(p.geometry).geometry.coordinates as [number, number] };
}

const current = async (db: Queryable, id: number, version: number) =>
  assertCurrent(await getProblem(db, chinaToday(), id), version, () => notFound(`问题 ${id}`, `Problem ${id}`));

/** What the audit trail keeps of a problem: its ledger fields, not the joined names. */
const ledgerFields = ({ entityName: _name, overdue: _overdue, updatedAt: _at, version: _version, ...fields }: Problem) => fields;

export async function logProblem(db: Db, geo: CountyGeometry, user: SessionUser, input: ProblemCreate): Promise<Problem> {
  assertNoViolations(deadlineViolations(input.deadline, chinaToday()));
  const entity = await locateEntity(db, input.entityType, input.entityId);
  const location = input.location ?? entity.location;
  await geo.assertInside({ type: 'Point', coordinates: location });
  const made = input.madeAt;
  return db.write(async (tx) => {
    const [{ id }] = await tx.query<{ id: number }>(
      `INSERT INTO problems (entity_type, entity_id, township_code, lon, lat, title, description, source, responsible_unit, deadline, created_by,
         made_lon, made_lat, made_accuracy_m, made_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING id`,
      [input.entityType, input.entityId, entity.townshipCode, location[0], location[1], input.title, input.description, input.source,
        input.responsibleUnit, input.deadline, user.id, made?.lon ?? null, made?.lat ?? null, made?.accuracy ?? null, made?.at ?? null],
    );
    await attachPhotos(tx, user, input.photoIds, 'problem', String(id), 'log');
    const created = (await getProblem(tx, chinaToday(), id))!;
    await recordAudit(tx, { user, entityType: 'problem', entityId: String(id), action: 'create', old: null, new: ledgerFields(created) });
    return created;
  });
}

/** The responsible staff report a problem fixed (整改完成); it stays on the ledger until closed. */
export async function fixProblem(db: Db, user: SessionUser, id: number, step: ProblemFix): Promise<Problem> {
  return db.write(async (tx) => {
    const before = await current(tx, id, step.version);
    if (!canFixProblem(user.role, before.entityType)) {
      throw new DomainError('forbidden', 'forbidden', '您的角色无权整改此类对象的问题', 'Your role may not fix problems of this kind of record');
    }
    if (before.status !== 'open') throw wrongStatus(before, '整改', 'fixed');
    await tx.query(
      `UPDATE problems SET status = 'fixed', fixed_by = $2, fixed_at = now(), fix_note = $3, version = version + 1, updated_at = now() WHERE id = $1`,
      [id, user.id, step.note ?? null],
    );
    await attachPhotos(tx, user, step.photoIds, 'problem', String(id), 'fix');
    return audited(tx, user, before, 'fix', step.note);
  });
}

/** 销号: the poverty office checks the fix and takes the problem off the ledger. */
export async function closeProblem(db: Db, user: SessionUser, id: number, step: ProblemStep): Promise<Problem> {
  if (!can(user.role, 'closeProblems')) throw new DomainError('forbidden', 'forbidden', '只有扶贫办管理员可以销号', 'Only the poverty office (admin) may close problems');
  return db.write(async (tx) => {
    const before = await current(tx, id, step.version);
    if (before.status !== 'fixed') throw wrongStatus(before, '销号', 'closed');
    await tx.query(`UPDATE problems SET status = 'closed', closed_by = $2, closed_at = now(), version = version + 1, updated_at = now() WHERE id = $1`, [id, user.id]);
    return audited(tx, user, before, 'close', step.note);
  });
}

function wrongStatus(p: Problem, zhStep: string, enStep: string): DomainError {
  return new DomainError('conflict', 'wrong_status', `问题 ${p.id} 当前状态为「${p.status}」，不能${zhStep}`, `Problem ${p.id} is ${p.status} and cannot be ${enStep}`, { current: p });
}

async function audited(tx: Queryable, user: SessionUser, before: Problem, action: 'fix' | 'close', note?: string): Promise<Problem> {
  const after = (await getProblem(tx, chinaToday(), before.id))!;
  const changes = diff(ledgerFields(before), ledgerFields(after));
  await recordAudit(tx, { user, entityType: 'problem', entityId: String(before.id), action, old: changes.old, new: changes.new, note });
  return after;
}
