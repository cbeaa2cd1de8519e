import type { VillageView } from '../../common/api';
import { can, type SessionUser } from '../../common/roles';
import { villageViolations } from '../../common/rules';
import type { VillagePatch } from '../../common/schemas';
import type { Db } from '../db/client';
import { DomainError, notFound } from './domain-error';
import { derivedVillageColumns, getVillage } from '../repo/villages';
import { diff, recordAudit } from './audit';
import { assertCurrent, assertNoViolations } from './versioning';

const EDITABLE = ['infra', 'villageClass', 'ruralPopulation', 'poorHouseholds', 'poorPersons', 'plannedExitYear', 'actualExitYear', 'collectiveIncome'] as const;
type Editable = Pick<VillageView, (typeof EDITABLE)[number]>;

const pick = (v: Editable): Editable => Object.fromEntries(EDITABLE.map((k) => [k, v[k]])) as Editable;

/** Infrastructure is the project managers' field; exit status and figures are the poverty office's (admin). */
function assertAllowed(user: SessionUser, patch: VillagePatch) {
  const touchesExit = EDITABLE.some((k) => k !== 'infra' && patch[k] !== undefined);
  if (patch.infra && !can(user.role, 'editVillageInfra')) {
    throw new DomainError('forbidden', 'forbidden', '您的角色无权修改村基础设施', 'Your role may not edit village infrastructure');
  }
  if (touchesExit && !can(user.role, 'editVillageExit')) {
    throw new DomainError('forbidden', 'forbidden', '您的角色无权修改村退出状态和统计数字', 'Your role may not edit village exit status or figures');
  }
}

export async function editVillage(db: Db, user: SessionUser, code: string, patch: VillagePatch): Promise<VillageView> {
  assertAllowed(user, patch);
  return db.write(async (tx) => {
    const current = assertCurrent(await getVillage(tx, code), patch.version, () => notFound(`村 ${code}`, `Village ${code}`));
    const { version: _version, note, infra, ...fields } = patch;
    const merged = { ...current, ...fields, infra: { ...current.infra, ...infra } };
    assertNoViolations(villageViolations(merged));
    const d = derivedVillageColumns(merged);
    await tx.query(
      `UPDATE villages SET infra = $2::text::jsonb, village_class = $3, rural_population = $4, poor_households = $5, poor_persons = $6,
         planned_exit_year = $7, actual_exit_year = $8, collective_income = $9, infra_done = $10, infra_required = $11,
         exit_status = $12, readiness = $13, version = version + 1, updated_at = now()
       WHERE code = $1`,
      [
        code, JSON.stringify(merged.infra), merged.villageClass, merged.ruralPopulation, merged.poorHouseholds, merged.poorPersons,
        merged.plannedExitYear, merged.actualExitYear, merged.collectiveIncome, d.infraDone, d.infraRequired, d.exitStatus, d.readiness,
      ],
    );
    const changes = diff(pick(current), pick(merged));
    await recordAudit(tx, { user, entityType: 'village', entityId: code, action: 'update', old: changes.old, new: changes.new, note });
    return (await getVillage(tx, code))!;
  });
}
