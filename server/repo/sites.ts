import type { SiteView } from '../../common/api';
import { siteIndicators } from '../../common/indicators';
import type { Queryable } from '../db/client';

export const SITE_COLUMNS = `id, township_code AS "townshipCode", name, name_en AS "nameEn", lon, lat,
  planned_households AS "plannedHouseholds", planned_persons AS "plannedPersons",
  moved_households AS "movedHouseholds", moved_persons AS "movedPersons",
  completed_households AS "completedHouseholds", stable_households AS "stableHouseholds",
  demolished_households AS "demolishedHouseholds", origin_villages AS "originVillages",
  distance_to_town_km AS "distanceToTownKm", demo, version, updated_at AS "updatedAt"`;

type SiteRow = Omit<SiteView, 'indicators' | 'updatedAt'> & { updatedAt: Date | string };

export function toSiteView(row: SiteRow): SiteView {
  return { ...row, updatedAt: new Date(row.updatedAt).toISOString(), indicators: siteIndicators(row) };
}

export interface SiteFilter {
  /** The deployment's county: a database may hold a province or the nation. */
  county: string;
  township?: string;
}

export async function listSites(db: Queryable, f: SiteFilter): Promise<SiteView[]> {
  const rows = await db.query<SiteRow>(
    `SELECT ${SITE_COLUMNS} FROM sites WHERE ($1::text IS NULL OR township_code = $1) AND township_code LIKE $2 || '%' ORDER BY id`,
    [f.township ?? null, f.county],
  );
  return rows.map(toSiteView);
}

export async function getSite(db: Queryable, id: number): Promise<SiteView | undefined> {
  const [row] = await db.query<SiteRow>(`SELECT ${SITE_COLUMNS} FROM sites WHERE id = $1`, [id]);
  return row && toSiteView(row);
}
