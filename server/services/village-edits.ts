import type { VillageView } from '../../common/api';
import { can, type SessionUser } from '../../common/roles';
import { villageViolations } from '../../common/rules';
import type { VillagePatch } from '../../common/schemas';
import type { Db, Queryable } from '../db/client';
import { figureSource } from './figure-source';
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

/** A household county's poor households and persons are its households' sums: changed there, not typed over. */
async function assertTypedFigures(tx: Queryable, code: string, patch: VillagePatch) {
  if (patch.poorHouseholds === undefined && patch.poorPersons === undefined) return;
  if ((await figureSource(tx, code.slice(0, 6))) === 'households') {
    throw new DomainError(
      'unprocessable',
      'figures_from_households',
      '本县村级贫困户数和贫困人口由建档立卡户汇总得出，不能直接修改：请修改贫困户数据，或通过导入登记上报数',
      "This county's village poor households and persons are the sums of its household records and cannot be typed over: change the households, or import the reported figures",
    );
  }
}

export async function editVillage(db: Db, user: SessionUser, code: string, patch: VillagePatch): Promise<VillageView> {
  assertAllowed(user, patch);
  return db.write(async (tx) => {
    await assertTypedFigures(tx, code, patch);
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
