// The one place that decides, per county, where village figures come from (common/household-figures.ts
// FigureSource), and keeps a household county's village columns equal to its households' sums.
// Everything that shows village figures (panel, tiles, drill-down, summary, exit checks, bulletin,
// exports, big screen) reads those columns, so it follows without knowing about households.
import { statDifferences, type CountyFigureDifferences, type FigureSource } from '../../common/household-figures';
import { VILLAGE_STAT_FIELDS } from '../../common/imports';
import type { Queryable } from '../db/client';
import { countiesWithHouseholds, countyHasHouseholds } from '../repo/households';
import { householdSums, keepTypedFigures, typedFigures, writeDerivedFigures, type DerivedFigures } from '../repo/household-sums';
import { derivedVillageColumns, listVillages } from '../repo/villages';

export async function figureSource(db: Queryable, county: string): Promise<FigureSource> {
  return (await countyHasHouseholds(db, county)) ? 'households' : 'typed';
}

/**
 * After households were written: sets the village figures of every county in the area (a county's
 * code, or a prefecture's 4-digit prefix) that holds households to their sums, and the exit status
 * and readiness they decide, keeping the typed figures the first time. Each county decides alone: a
 * prefecture's county without households keeps its typed figures. Run inside the transaction that
 * wrote the households. Returns the villages that changed.
 */
export async function deriveVillageFigures(tx: Queryable, area: string): Promise<string[]> {
  const changed: string[] = [];
  for (const county of await countiesWithHouseholds(tx, area)) changed.push(...(await deriveCountyFigures(tx, county)));
  return changed;
}

async function deriveCountyFigures(tx: Queryable, county: string): Promise<string[]> {
  await keepTypedFigures(tx, county);
  const sums = new Map((await householdSums(tx, county)).map(({ code, ...s }) => [code, s]));
  const changed: DerivedFigures[] = [];
  for (const village of await listVillages(tx, { county })) {
    const s = sums.get(village.code);
    if (!s || VILLAGE_STAT_FIELDS.every((f) => village[f] === s[f])) continue;
    const d = derivedVillageColumns({ ...village, ...s });
    changed.push({ code: village.code, ...s, exitStatus: d.exitStatus, readiness: d.readiness });
  }
  await writeDerivedFigures(tx, changed);
  return changed.map((c) => c.code);
}

/**
 * Which villages' typed figures differ from their households, and by how much, in the area's
 * household counties; the source is the households' where any county of the area holds them.
 */
export async function countyFigureDifferences(db: Queryable, area: string): Promise<CountyFigureDifferences> {
  const counties = await countiesWithHouseholds(db, area);
  if (counties.length === 0) return { source: 'typed', villages: [] };
  const villages = [];
  for (const county of counties) {
    const typed = await typedFigures(db, county);
    for (const v of await listVillages(db, { county })) {
      const t = typed.get(v.code);
      const differences = t ? statDifferences(t, v) : [];
      if (differences.length > 0) villages.push({ code: v.code, name: v.name, nameEn: v.nameEn, townshipCode: v.townshipCode, differences });
    }
  }
  return { source: 'households', villages };
}
