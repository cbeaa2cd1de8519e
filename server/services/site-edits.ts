import type { SiteView } from '../../common/api';
import type { SessionUser } from '../../common/roles';
import { siteChangeViolations, siteViolations } from '../../common/rules';
import type { SitePatch } from '../../common/schemas';
import type { Db } from '../db/client';
import { notFound } from './domain-error';
import { getSite } from '../repo/sites';
import { diff, recordAudit } from './audit';
import { assertCurrent, assertNoViolations } from './versioning';

const FIGURES = ['plannedHouseholds', 'plannedPersons', 'movedHouseholds', 'movedPersons', 'completedHouseholds', 'stableHouseholds', 'demolishedHouseholds'] as const;
type Figures = Pick<SiteView, (typeof FIGURES)[number]>;

const figures = (s: Figures): Figures => Object.fromEntries(FIGURES.map((k) => [k, s[k]])) as Figures;

export async function editSite(db: Db, user: SessionUser, id: number, patch: SitePatch): Promise<SiteView> {
  return db.write(async (tx) => {
    const current = assertCurrent(await getSite(tx, id), patch.version, () => notFound(`安置点 ${id}`, `Relocation site ${id}`));
    const { version: _version, note, ...fields } = patch;
    const merged = { ...figures(current), ...fields };
    assertNoViolations([...siteChangeViolations(current, fields), ...siteViolations(merged)]);
    await tx.query(
      `UPDATE sites SET planned_households = $2, planned_persons = $3, moved_households = $4, moved_persons = $5,
         completed_households = $6, stable_households = $7, demolished_households = $8, version = version + 1, updated_at = now()
       WHERE id = $1`,
      [id, ...FIGURES.map((k) => merged[k])],
    );
    const changes = diff(figures(current), merged);
    await recordAudit(tx, { user, entityType: 'site', entityId: String(id), action: 'update', old: changes.old, new: changes.new, note });
    return (await getSite(tx, id))!;
  });
}
