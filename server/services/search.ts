// The map's one search box: townships and villages first (geography), then projects (by name or
// by type), sites and problems. Each kind may fill the list on its own; when several match, the
// places keep at least half of it.
import { SEARCH_TYPES, type SearchHit, type SearchType } from '../../common/api';
import { PROJECT_SUBTYPES, type ProjectSubtype } from '../../common/domain';
import { en, zhCN } from '../../common/labels';
import type { Queryable } from '../db/client';
import { search as searchUnits } from '../repo/geography';
import { searchRecords, type RecordType } from '../repo/search';

/** Subtypes whose name, in either language, holds the text: 危桥 → bridge, "water" → drinking water. */
export function subtypesNamed(q: string): ProjectSubtype[] {
  const text = q.toLowerCase();
  return PROJECT_SUBTYPES.filter((s) => zhCN[`subtype.${s}`].includes(q) || en[`subtype.${s}`].toLowerCase().includes(text));
}

const UNIT_TYPES: readonly SearchType[] = ['county', 'township', 'village'];
const RECORD_TYPES = SEARCH_TYPES.filter((t): t is RecordType => !UNIT_TYPES.includes(t));

export async function searchEverything(db: Queryable, county: string, q: string, limit: number, types: readonly SearchType[] = SEARCH_TYPES): Promise<SearchHit[]> {
  const wantsUnits = types.some((t) => UNIT_TYPES.includes(t));
  const units = wantsUnits ? (await searchUnits(db, county, q, limit)).filter((h) => types.includes(h.type)) : [];
  const recordTypes = RECORD_TYPES.filter((t) => types.includes(t));
  const records = recordTypes.length ? await searchRecords(db, county, q, subtypesNamed(q), recordTypes, limit) : [];
  const unitShare = Math.max(limit - records.length, Math.ceil(limit / 2));
  return [...units.slice(0, unitShare), ...records].slice(0, limit);
}
