// Annual targets (年度目标任务): progress of an area and its units counted from the data, and edits
// of the targets themselves (by hand or by import), each logged.
import type { SessionUser } from '../../common/roles';
import {
  areaPrefix, elapsedShareOfYear, TARGET_MEASURES, targetProgress,
  type AreaTargets, type TargetEntry, type TargetMeasure, type TargetsAnswer,
} from '../../common/targets';
import type { Db, Queryable } from '../db/client';
import { findArea, measureActuals, measuresWithData, targetRows, targetYears, unitsBeneath, writeTargets, type TargetChange, type TargetRow, type Unit } from '../repo/targets';
import { DomainError, notFound } from './domain-error';

/** The year in China now. */
export const chinaYear = (now: Date) => new Date(now.getTime() + 8 * 3600 * 1000).getUTCFullYear();

export function areaLevel(code: string): AreaTargets['level'] {
  if (code.length === 9) return 'township';
  return code.endsWith('00') ? 'prefecture' : 'county';
}

/** The request's view area (services/scope.ts: the portal's, or a scoped user's county) or a unit beneath it, known to the database. */
export async function areaWithin(db: Queryable, portalCode: string, code: string): Promise<Unit> {
  const unit = code.startsWith(areaPrefix(portalCode)) ? await findArea(db, code) : undefined;
  if (!unit) throw notFound(`区域 ${code}（本门户范围内）`, `Area ${code} (within this portal)`);
  return unit;
}

const order = (measure: TargetMeasure) => TARGET_MEASURES.indexOf(measure);

async function progressOf(db: Queryable, unit: Unit, rows: TargetRow[], year: number, elapsedShare: number, withData: Set<TargetMeasure>): Promise<AreaTargets> {
  const actuals = rows.length ? await measureActuals(db, areaPrefix(unit.code), year, withData) : {};
  return {
    ...unit,
    level: areaLevel(unit.code),
    year,
    elapsedShare,
    targets: [...rows].sort((a, b) => order(a.measure) - order(b.measure)).map((r) => targetProgress(r.measure, r.value, actuals[r.measure] ?? null, elapsedShare)),
    source: [...new Set(rows.map((r) => r.source).filter(Boolean))].join('；'),
    demo: rows.some((r) => r.demo),
  };
}

/**
 * An area's targets of a year with their progress, and its units' (townships of a county, counties
 * of a prefecture) that have targets that year. Without a year: this year if it has targets, else
 * the newest year the area itself has targets for, else the newest its units have.
 */
export async function areaTargets(db: Queryable, portalCode: string, query: { area?: string; year?: number }, now = new Date()): Promise<TargetsAnswer> {
  const area = await areaWithin(db, portalCode, query.area ?? portalCode);
  const known = await targetYears(db, area.code, areaPrefix(area.code));
  const years = known.map((k) => k.year);
  const thisYear = chinaYear(now);
  const year = query.year ?? (years.includes(thisYear) ? thisYear : (known.find((k) => k.own) ?? known[0])?.year ?? thisYear);
  const units = area.code.length === 6 ? await unitsBeneath(db, area.code, areaPrefix(area.code)) : [];
  const rows = await targetRows(db, year, [area.code, ...units.map((u) => u.code)]);
  const elapsed = elapsedShareOfYear(year, now);
  const rowsOf = (code: string) => rows.filter((r) => r.area === code);
  // What the portal holds data for is judged over its whole area: a township without a bridge project has rebuilt 0 bridges.
  const withData = await measuresWithData(db, areaPrefix(portalCode));
  const unitAnswers: AreaTargets[] = [];
  for (const unit of units.filter((u) => rowsOf(u.code).length > 0)) unitAnswers.push(await progressOf(db, unit, rowsOf(unit.code), year, elapsed, withData));
  return { year, years, area: await progressOf(db, area, rowsOf(area.code), year, elapsed, withData), units: unitAnswers };
}

/** Current values of an area's targets in a year, by measure. */
export async function currentTargets(db: Queryable, area: string, year: number): Promise<Map<TargetMeasure, number>> {
  return new Map((await targetRows(db, year, [area])).map((r) => [r.measure, r.value]));
}

/** What setting `entries` as the whole set would change. */
export function setChanges(current: Map<TargetMeasure, number>, entries: TargetEntry[]): TargetChange[] {
  const wanted = new Map(entries.map((e) => [e.measure, e.value]));
  return TARGET_MEASURES.flatMap((measure): TargetChange[] => {
    const old = current.get(measure) ?? null;
    const next = wanted.get(measure) ?? null;
    return old === next ? [] : [{ measure, old, new: next }];
  });
}

/** Replaces an area's targets of a year with `entries` (a measure left out has none); returns the changes. */
export async function setTargets(db: Db, portalCode: string, user: SessionUser, area: string, year: number, entries: TargetEntry[]): Promise<TargetChange[]> {
  await areaWithin(db, portalCode, area);
  return db.write(async (tx) => {
    const changes = setChanges(await currentTargets(tx, area, year), entries);
    await writeTargets(tx, { area, year, username: user.username, source: `${user.displayName}（${user.username}）录入 / entered by ${user.username}`, note: '页面录入 / entered on the targets page' }, changes);
    return changes;
  });
}

export interface PlannedTargetChange extends TargetChange {
  area: string;
  year: number;
}

/** Applies an import's changes, all or nothing, if no target moved since the preview. */
export async function applyTargetChanges(db: Db, user: SessionUser, fileName: string, changes: PlannedTargetChange[]): Promise<number> {
  return db.write(async (tx) => {
    for (const c of changes) {
      const now = (await currentTargets(tx, c.area, c.year)).get(c.measure) ?? null;
      if (now !== c.old) {
        throw new DomainError('conflict', 'stale_preview', `目标 ${c.area} ${c.year} 在预览后已被修改，未导入任何数据，请重新预览`, `Target ${c.area} ${c.year} changed after the preview; nothing was imported, preview again`);
      }
    }
    const groups = new Map<string, PlannedTargetChange[]>();
    for (const c of changes) groups.set(`${c.area}/${c.year}`, [...(groups.get(`${c.area}/${c.year}`) ?? []), c]);
    for (const group of groups.values()) {
      const { area, year } = group[0];
      await writeTargets(tx, { area, year, username: user.username, source: `导入 ${fileName} / imported from ${fileName}`, note: `导入 ${fileName}` }, group);
    }
    return changes.length;
  });
}
