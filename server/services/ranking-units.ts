// The units an area is ranked by (一月一督查一排名): a prefecture's counties, a county's townships.
// Rankings and the bulletin tally rows filed under townships; a unit is a prefix of the township code.
import { CHILD_LEVEL, type PortalArea } from '../../common/area';
import type { Queryable } from '../db/client';
import { listCounties, listTownships } from '../repo/geography';

export interface RankingUnits {
  level: 'county' | 'township';
  units: { code: string; name: string; nameEn: string }[];
  /** How many leading digits of a township code name the unit: 6 for a county, 9 for a township. */
  digits: 6 | 9;
  /** The unit a township code lies in. */
  unitOf: (townshipCode: string) => string;
}

export async function rankingUnits(db: Queryable, area: PortalArea): Promise<RankingUnits> {
  const level = CHILD_LEVEL[area.level];
  const digits = level === 'county' ? 6 : 9;
  const units = level === 'county' ? await listCounties(db, area.prefix) : await listTownships(db, area.prefix);
  return { level, digits, units: units.map(({ code, name, nameEn }) => ({ code, name, nameEn })), unitOf: (code) => code.slice(0, digits) };
}
