// The targets workbook: one row per area and year, one column per measure (percentages in %). The
// template is the current targets, so a template filled in and imported changes only what was typed.
import type { ImportIssue } from '../../../common/imports';
import {
  isShare, MEASURE_TEXT, TARGET_MEASURES, TARGET_SHEET_KEYS, targetValueProblem,
  type TargetImportChange, type TargetImportPreview, type TargetMeasure,
} from '../../../common/targets';
import type { Queryable } from '../../db/client';
import { findArea, targetRows, unitsBeneath } from '../../repo/targets';
import { addSheet, workbookBytes } from '../export/workbook';
import { areaPrefix } from '../../../common/targets';
import { DomainError } from '../domain-error';
import { capIssues } from './issue-cap';
import { readSheets } from './table-file';
import type { Upload } from './upload';
import type { PlannedTargetChange } from '../targets';

type Column = 'area' | 'name' | 'year' | TargetMeasure;

/** Headers compared without spaces, case or the difference between full-width and ASCII brackets. */
const normalise = (s: string) => s.replace(/\s+/g, '').replace(/（/g, '(').replace(/）/g, ')').toLowerCase();
const withoutUnit = (s: string) => s.replace(/\(.*\)$/, '');

const HEADERS: Record<Column, string[]> = {
  area: [TARGET_SHEET_KEYS.area, '代码', 'area', 'areacode', 'code'],
  name: [TARGET_SHEET_KEYS.name, '名称', 'name'],
  year: [TARGET_SHEET_KEYS.year, '年份', 'year'],
  ...Object.fromEntries(TARGET_MEASURES.map((m) => [m, [MEASURE_TEXT[m].zh, withoutUnit(normalise(MEASURE_TEXT[m].zh)), MEASURE_TEXT[m].en, m]])) as Record<TargetMeasure, string[]>,
};

function columnOf(header: string): Column | undefined {
  const h = normalise(header);
  return (Object.keys(HEADERS) as Column[]).find((c) => HEADERS[c].some((name) => normalise(name) === h || withoutUnit(h) === normalise(name)));
}

/** As entered: shares in %, the rest in their unit. */
const shown = (measure: TargetMeasure, value: number) => (isShare(measure) ? Math.round(value * 1e6) / 1e4 : value);

/** The portal's area and its units, with this year's targets filled in. */
export async function targetTemplate(db: Queryable, portalCode: string, year: number): Promise<Uint8Array> {
  const area = (await findArea(db, portalCode))!;
  const areas = [area, ...(await unitsBeneath(db, portalCode, areaPrefix(portalCode)))];
  const rows = await targetRows(db, year, areas.map((a) => a.code));
  const value = (code: string, m: TargetMeasure) => {
    const row = rows.find((r) => r.area === code && r.measure === m);
    return row ? shown(m, row.value) : null;
  };
  return workbookBytes((workbook) => {
    addSheet(workbook, {
      name: '年度目标任务',
      title: `${area.name} ${year} 年度目标任务 / annual targets`,
      note: '每行一个区域和年度；百分比填数字（95 表示 95%）；空格表示不设或不改该项目标。 One row per area and year; percentages as numbers (95 = 95 %); an empty cell sets or changes nothing.',
      columns: [
        { header: TARGET_SHEET_KEYS.area, value: (a) => a.code, width: 14 },
        { header: TARGET_SHEET_KEYS.name, value: (a) => a.name, width: 16 },
        { header: TARGET_SHEET_KEYS.year, value: () => year, width: 8 },
        ...TARGET_MEASURES.map((m) => ({ header: MEASURE_TEXT[m].zh, value: (a: typeof area) => value(a.code, m) })),
      ],
      rows: areas,
    });
  });
}

const issue = (row: number, code: string, message: string, messageEn: string, field?: string): ImportIssue => ({ row, code, message, messageEn, field });

export interface TargetImportPlan {
  fileName: string;
  changes: PlannedTargetChange[];
}

/** Reads the workbook against the current targets: what would change, and every row that cannot be taken. */
export async function previewTargetImport(db: Queryable, portalCode: string, file: Upload): Promise<{ preview: Omit<TargetImportPreview, 'token'>; plan: TargetImportPlan }> {
  const sheets = await readSheets(file);
  let found: { sheet: (typeof sheets)[number]; headerIndex: number; index: Map<Column, number> } | undefined;
  for (const sheet of sheets) {
    const headerIndex = sheet.rows.findIndex((r) => r.cells.some((c) => columnOf(c) === 'area'));
    if (headerIndex < 0) continue;
    const index = new Map<Column, number>();
    sheet.rows[headerIndex].cells.forEach((c, i) => {
      const column = columnOf(c);
      if (column && !index.has(column)) index.set(column, i);
    });
    found = { sheet, headerIndex, index };
    break;
  }
  if (!found || !found.index.has('year') || !TARGET_MEASURES.some((m) => found.index.has(m))) {
    throw new DomainError('unprocessable', 'no_target_columns', `文件「${file.name}」中找不到「区域代码」「年度」和指标列，请使用下载的模板`,
      `The file "${file.name}" has no area code, year and measure columns: use the downloaded template`);
  }
  const { sheet, headerIndex, index } = found;
  const prefix = areaPrefix(portalCode);
  const errors: ImportIssue[] = [];
  const changes: TargetImportChange[] = [];
  const seen = new Map<string, number>();
  let unchanged = 0;
  const data = sheet.rows.slice(headerIndex + 1);
  for (const { line, cells } of data) {
    const cell = (c: Column) => (index.has(c) ? (cells[index.get(c)!] ?? '').trim() : '');
    const code = cell('area');
    const area = /^\d{6}$|^\d{9}$/.test(code) && code.startsWith(prefix) ? await findArea(db, code) : undefined;
    if (!area) {
      errors.push(issue(line, code, `区域代码「${code}」不是本门户的县（州市）或乡镇`, `area code "${code}" is not this portal's county (prefecture) or one of its townships`, 'area'));
      continue;
    }
    const year = Number(cell('year'));
    if (!Number.isInteger(year) || year < 2000 || year > 2100) {
      errors.push(issue(line, code, `年度「${cell('year')}」无效`, `year "${cell('year')}" is not valid`, 'year'));
      continue;
    }
    const key = `${code}/${year}`;
    if (seen.has(key)) {
      errors.push(issue(line, code, `${code} ${year} 年重复（已见于第 ${seen.get(key)} 行）`, `${code} ${year} repeats row ${seen.get(key)}`, 'area'));
      continue;
    }
    seen.set(key, line);
    const current = new Map((await targetRows(db, year, [code])).map((r) => [r.measure, r.value]));
    const rowChanges: TargetImportChange[] = [];
    let rowOk = true;
    for (const measure of TARGET_MEASURES) {
      const text = cell(measure).replace(/[,，%％]/g, '');
      if (text === '') continue;
      const typed = Number(text);
      const value = isShare(measure) ? typed / 100 : typed;
      const problem = Number.isFinite(typed) ? targetValueProblem(measure, value) : '须为数字 / must be a number';
      if (problem) {
        rowOk = false;
        const [zh, en] = problem.split(' / ');
        errors.push(issue(line, code, `「${MEASURE_TEXT[measure].zh}」${zh}，读到「${cell(measure)}」`, `${MEASURE_TEXT[measure].en} ${en ?? zh}, got "${cell(measure)}"`, measure));
        continue;
      }
      const old = current.get(measure) ?? null;
      if (old === null || Math.abs(old - value) > 1e-9) rowChanges.push({ row: line, area: code, areaName: area.name, year, measure, old, new: value });
    }
    if (!rowOk) continue;
    if (rowChanges.length === 0) unchanged++;
    changes.push(...rowChanges);
  }
  return {
    preview: { fileName: file.name, sheet: sheet.name, total: data.length, unchanged, changes, ...capIssues(errors) },
    plan: { fileName: file.name, changes: changes.map((c) => ({ area: c.area, year: c.year, measure: c.measure, old: c.old, new: c.new })) },
  };
}
