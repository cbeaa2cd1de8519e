// Village statistics from the national poverty information system (全国扶贫开发信息系统): one
// row a village, matched by its 12-digit code. Preview first, then commit exactly what was shown.
import { VILLAGE_STAT_FIELDS, type ImportIssue, type VillageImportPreview, type VillageStatChange, type VillageStatField } from '../../../common/imports';
import type { SessionUser } from '../../../common/roles';
import { villageViolations } from '../../../common/rules';
import { count, year as yearSchema } from '../../../common/schemas';
import type { Db, Queryable } from '../../db/client';
import { DomainError } from '../domain-error';
import { derivedVillageColumns, getVillage, listVillages } from '../../repo/villages';
import { diff, recordAudit } from '../audit';
import { chinaToday } from '../../../common/problems';
import { capIssues } from './issue-cap';
import type { VillageView } from '../../../common/api';
import { setTypedFigures, typedFigures } from '../../repo/household-sums';
import { figureSource } from '../figure-source';
import { readSheets, type Sheet, type TableRow } from './table-file';
import type { Upload } from './upload';

type Column = VillageStatField | 'code' | 'year';

/** Headers as the national system and county offices write them, compared after normalising. */
const HEADERS: Record<Column, string[]> = {
  code: ['村代码', '行政区划代码', '村级行政区划代码', '统计用区划代码', '区划代码', '行政村代码', '村编码', 'villagecode', 'code', 'divisioncode'],
  poorHouseholds: ['贫困户数', '建档立卡贫困户数', '未脱贫户数', '贫困户', 'poorhouseholds'],
  poorPersons: ['贫困人口', '贫困人口数', '贫困人数', '建档立卡贫困人口', '未脱贫人口', '未脱贫人数', 'poorpersons', 'poorpopulation'],
  exitedHouseholds: ['脱贫户数', '已脱贫户数', '脱贫户', 'exitedhouseholds'],
  exitedPersons: ['脱贫人口', '脱贫人口数', '脱贫人数', '已脱贫人口', '已脱贫人数', 'exitedpersons', 'exitedpopulation'],
  year: ['年度', '年份', '统计年度', 'year'],
};
const COLUMNS = Object.keys(HEADERS) as Column[];
const LABELS: Record<Column, [string, string]> = {
  code: ['村代码', 'village code'],
  poorHouseholds: ['贫困户数', 'poor households'],
  poorPersons: ['贫困人口', 'poor persons'],
  exitedHouseholds: ['脱贫户数', 'exited households'],
  exitedPersons: ['脱贫人口', 'exited persons'],
  year: ['年度', 'year'],
};
/** Exports often open with a title row or two above the header. */
const HEADER_SEARCH_ROWS = 10;
/** A row that sums the others, as office tables end: not a village. */
const TOTALS = /^(合计|总计|小计|共计|全县合计|全乡合计|全镇合计|total|sum)$/i;

/** "贫困户数（户）", "Poor_Households" → "贫困户数", "poorhouseholds". */
const normalise = (header: string) => header.replace(/[（(][^）)]*[）)]/g, '').replace(/[\s_\-.·]/g, '').toLowerCase();

const columnOf = (header: string): Column | undefined => {
  const key = normalise(header);
  return COLUMNS.find((c) => HEADERS[c].includes(key));
};

/**
 * A heading made of a group and a sub-heading over two rows ("脱贫情况" over "户数" and "人数"):
 * the group says poor or exited, the sub-heading households or persons.
 */
function columnByMeaning(header: string, sub = ''): Column | undefined {
  const key = normalise(header);
  if (/代码|编码/.test(key)) return 'code';
  if (/^(年度|年份)$/.test(key)) return 'year';
  // The sub-heading says the unit when it names one ("贫困人口" over "户数" counts households).
  const unit = /户/.test(sub) !== /人/.test(sub) ? normalise(sub) : key;
  const households = /户/.test(unit);
  const persons = /人/.test(unit);
  if (households === persons) return undefined;
  const exited = /脱贫/.test(key) && !/未脱贫/.test(key);
  if (!exited && !/贫困|未脱贫/.test(key)) return undefined;
  return exited ? (households ? 'exitedHouseholds' : 'exitedPersons') : (households ? 'poorHouseholds' : 'poorPersons');
}

interface Layout {
  sheet: Sheet;
  headers: string[];
  /** Rows before the first data row: title, header and a second header row when there is one. */
  dataStart: number;
  index: Record<Column, number>;
  ignored: string[];
}

const isNumber = (cell: string) => /^-?[\d,，.]+$/.test(cell);

/** The header row, and the row below it when that is a second header row (no figures in it). */
function headersOf(rows: TableRow[], headerIndex: number): { headers: string[]; dataStart: number; twoRows: boolean } {
  const top = rows[headerIndex].cells;
  const below = rows[headerIndex + 1]?.cells;
  if (!below || below.some(isNumber) || below.every((c) => c === '')) return { headers: top, dataStart: headerIndex + 1, twoRows: false };
  // A group heading merged over several columns is written once, in its first column, when saved as CSV.
  let group = '';
  const headers = Array.from({ length: Math.max(top.length, below.length) }, (_, i) => {
    const upper = top[i] ?? '';
    const lower = below[i] ?? '';
    if (upper) group = upper;
    const parent = upper || (lower ? group : '');
    return !lower || lower === parent ? parent : parent ? `${parent}${lower}` : lower;
  });
  return { headers, dataStart: headerIndex + 2, twoRows: true };
}

function columnsOf(headers: string[], twoRows: boolean, sub: string[]): { index: Partial<Record<Column, number>>; ignored: string[] } {
  const index: Partial<Record<Column, number>> = {};
  const ignored: string[] = [];
  headers.forEach((header, i) => {
    const column = columnOf(header) ?? (twoRows ? columnOf(sub[i] ?? '') ?? columnByMeaning(header, sub[i]) : undefined);
    if (!column) {
      if (header) ignored.push(header);
      return;
    }
    if (index[column] !== undefined) {
      throw wrongColumns(`「${LABELS[column][0]}」列出现了两次（${headers[index[column]]}、${header}）`, `the ${LABELS[column][1]} column appears twice (${headers[index[column]]}, ${header})`, headers);
    }
    index[column] = i;
  });
  return { index, ignored };
}

/** The year may be left out (the portal's own export had none): the figures are then this year's. */
const OPTIONAL: Column[] = ['year'];

function layoutOf(sheet: Sheet): Layout | { missing: Column[]; headers: string[] } | null {
  const headerIndex = sheet.rows.slice(0, HEADER_SEARCH_ROWS).findIndex((r) => r.cells.some((c) => columnOf(c) === 'code'));
  if (headerIndex < 0) return null;
  const { headers, dataStart, twoRows } = headersOf(sheet.rows, headerIndex);
  const { index, ignored } = columnsOf(headers, twoRows, twoRows ? sheet.rows[headerIndex + 1].cells : []);
  const missing = COLUMNS.filter((c) => index[c] === undefined && !OPTIONAL.includes(c));
  if (missing.length > 0) return { missing, headers };
  return { sheet, headers, dataStart, index: index as Record<Column, number>, ignored };
}

/** The first sheet with every column; else the reason the closest one does not fit, naming the sheets looked at. */
function findLayout(sheets: Sheet[]): Layout {
  const layouts = sheets.map(layoutOf);
  const found = layouts.find((l): l is Layout => l !== null && 'index' in l);
  if (found) return found;
  const names = sheets.map((s) => `「${s.name}」`).join('、');
  const namesEn = sheets.map((s) => `"${s.name}"`).join(', ');
  const where = sheets.length > 1 ? [`（已查看工作表：${names}）`, ` (sheets looked at: ${namesEn})`] : ['', ''];
  const partial = layouts.find((l) => l !== null);
  if (!partial || 'index' in partial) {
    const first = sheets.find((s) => s.rows.length > 0)?.rows[0]?.cells ?? [];
    throw wrongColumns(`前 ${HEADER_SEARCH_ROWS} 行中没有村代码列${where[0]}`, `no village code column in the first ${HEADER_SEARCH_ROWS} rows${where[1]}`, first);
  }
  throw wrongColumns(
    `缺少列：${partial.missing.map((c) => LABELS[c][0]).join('、')}${where[0]}`,
    `missing columns: ${partial.missing.map((c) => LABELS[c][1]).join(', ')}${where[1]}`,
    partial.headers,
  );
}

function wrongColumns(zh: string, en: string, found: string[]): DomainError {
  const required = COLUMNS.filter((c) => !OPTIONAL.includes(c));
  return new DomainError(
    'unprocessable',
    'wrong_columns',
    `文件的列不符合要求：${zh}。须有列：${required.map((c) => LABELS[c][0]).join('、')}（年度可省略，也可用英文列名）`,
    `The file's columns do not fit: ${en}. Required: ${required.map((c) => LABELS[c][1]).join(', ')} (year optional)`,
    { details: { found } },
  );
}

const issue = (row: number, code: string, message: string, messageEn: string, field?: string): ImportIssue => ({ row, code, field, message, messageEn });

/** Whole numbers only, thousands separators allowed: "1,234" yes, "12.5", "-3", "约30" no. */
function parseCount(text: string): number | null {
  const cleaned = text.replace(/[,，\s]/g, '');
  if (!/^\d+$/.test(cleaned)) return null;
  const parsed = count.safeParse(Number(cleaned));
  return parsed.success ? parsed.data : null;
}

/** One village's planned change: the commit refuses to apply it over a newer version. */
interface PlannedChange {
  code: string;
  version: number;
  year: number;
  values: Record<VillageStatField, number>;
}

export interface VillageImportPlan {
  fileName: string;
  changes: PlannedChange[];
}

export async function previewVillageStats(db: Queryable, countyCode: string, file: Upload): Promise<{ preview: Omit<VillageImportPreview, 'token'>; plan: VillageImportPlan }> {
  const layout = findLayout(await readSheets(file));
  const villages = new Map((await listVillages(db, { county: countyCode })).map((v) => [v.code, v]));
  const source = await figureSource(db, countyCode);
  // A household county's import changes the typed-in figures, so those are what it compares with.
  const typed = await typedFigures(db, countyCode);
  const current = (v: VillageView) => typed.get(v.code) ?? pickStats(v);
  const errors: ImportIssue[] = [];
  const changes: VillageStatChange[] = [];
  const planned: PlannedChange[] = [];
  const firstRowOf = new Map<string, number>();
  const totalsRows: number[] = [];
  let unchanged = 0;
  const { sheet } = layout;
  const data = sheet.rows.slice(layout.dataStart).filter(({ line, cells }) => {
    const totals = !/^\d/.test(cells[layout.index.code] ?? '') && cells.some((c) => TOTALS.test(normalise(c)));
    if (totals) totalsRows.push(line);
    return !totals;
  });
  if (data.length === 0) throw headerOnly(file.name, sheet.name, sheet.rows[layout.dataStart - 1].line);
  const defaultYear = Number(chinaToday().slice(0, 4));

  for (const { line, cells } of data) {
    const cell = (c: Column) => cells[layout.index[c]] ?? '';
    const code = cell('code');
    if (!/^\d{12}$/.test(code)) {
      errors.push(codeIssue(line, code));
      continue;
    }
    const first = firstRowOf.get(code);
    if (first !== undefined) {
      errors.push(issue(line, code, `村代码 ${code} 重复（已见于第 ${first} 行）`, `village code ${code} repeats row ${first}`, 'code'));
      continue;
    }
    firstRowOf.set(code, line);
    const village = villages.get(code);
    if (!village) {
      errors.push(issue(line, code, `村代码 ${code} 不是本县的行政村`, `village code ${code} is not a village of this county`, 'code'));
      continue;
    }
    const rowErrors: ImportIssue[] = [];
    const values = {} as Record<VillageStatField, number>;
    for (const field of VILLAGE_STAT_FIELDS) {
      const n = parseCount(cell(field));
      if (n === null) rowErrors.push(issue(line, code, `「${LABELS[field][0]}」须为非负整数，读到「${cell(field)}」`, `${LABELS[field][1]} must be a whole number ≥ 0, got "${cell(field)}"`, field));
      else values[field] = n;
    }
    const year = layout.index.year === undefined ? { success: true as const, data: defaultYear } : yearSchema.safeParse(Number(cell('year')));
    if (!year.success) rowErrors.push(issue(line, code, `年度「${cell('year')}」无效`, `year "${cell('year')}" is not valid`, 'year'));
    if (rowErrors.length === 0) {
      for (const v of villageViolations({ ...village, ...values })) rowErrors.push(issue(line, code, v.message, v.messageEn, v.field));
    }
    if (rowErrors.length > 0) {
      errors.push(...rowErrors);
      continue;
    }
    const { old, new: next } = diff(current(village), values);
    if (Object.keys(next).length === 0) {
      unchanged++;
      continue;
    }
    const fieldChanges = Object.fromEntries(Object.keys(next).map((k) => [k, { old: old[k], new: next[k] }]));
    changes.push({ row: line, code, name: village.name, townshipCode: village.townshipCode, year: year.data!, changes: fieldChanges });
    planned.push({ code, version: village.version, year: year.data!, values });
  }

  const header = (c: Column) => (layout.index[c] === undefined ? null : layout.headers[layout.index[c]]);
  const columns = { ...Object.fromEntries(COLUMNS.map((c) => [c, header(c)])), year: header('year') } as VillageImportPreview['columns'];
  return {
    preview: {
      fileName: file.name, sheet: sheet.name, total: data.length, columns, ignoredColumns: layout.ignored, totalsRows, changes, unchanged,
      figureSource: source, ...capIssues(errors),
    },
    plan: { fileName: file.name, changes: planned },
  };
}

/** A code Excel has mangled gets a reason the office can act on. */
function codeIssue(line: number, code: string): ImportIssue {
  if (/^\d(\.\d+)?e\+?\d+$/i.test(code)) {
    return issue(line, code, `村代码「${code}」被 Excel 存成了科学计数法，末几位已丢失：请把该列设为文本后重新导出`, `village code "${code}" was saved by Excel in scientific notation and has lost its last digits: format the column as text and export again`, 'code');
  }
  if (code === '') return issue(line, code, '村代码为空', 'the village code is empty', 'code');
  return issue(line, code, `村代码「${code}」须为12位数字`, `village code "${code}" must be 12 digits`, 'code');
}

function headerOnly(fileName: string, sheet: string, headerLine: number): DomainError {
  return new DomainError(
    'unprocessable',
    'no_rows',
    `文件「${fileName}」只有表头，没有数据行（工作表「${sheet}」第 ${headerLine} 行以下为空）`,
    `The file "${fileName}" has a header but no data rows (sheet "${sheet}" is empty below row ${headerLine})`,
  );
}

const pickStats = (v: Record<VillageStatField, number>) =>
  Object.fromEntries(VILLAGE_STAT_FIELDS.map((f) => [f, v[f]])) as Record<VillageStatField, number>;

/** All or nothing: one transaction, each village version-checked, recomputed and audited. */
export async function commitVillageStats(db: Db, user: SessionUser, plan: VillageImportPlan): Promise<string[]> {
  return db.write(async (tx) => {
    for (const change of plan.changes) {
      const current = await getVillage(tx, change.code);
      if (!current || current.version !== change.version) throw stalePreview(change.code);
      // Each county decides: in a prefecture's portal one county may hold households and another not.
      if ((await figureSource(tx, change.code.slice(0, 6))) === 'households') {
        // Kept as typed-in figures beside the households' sums, which stay the village's figures.
        const typed = (await typedFigures(tx, current.code.slice(0, 6))).get(change.code) ?? pickStats(current);
        await setTypedFigures(tx, change.code, change.values);
        const changes = diff(typed, change.values);
        await recordAudit(tx, {
          user, entityType: 'village', entityId: change.code, action: 'import', old: changes.old, new: changes.new,
          note: `导入 ${change.year} 年度上报数（本县以建档立卡户汇总为准） / imported ${change.year} typed figures (households decide): ${plan.fileName}`,
        });
        continue;
      }
      const merged = { ...current, ...change.values };
      const d = derivedVillageColumns(merged);
      await tx.query(
        `UPDATE villages SET poor_households = $2, poor_persons = $3, exited_households = $4, exited_persons = $5,
           infra_done = $6, infra_required = $7, exit_status = $8, readiness = $9, version = version + 1, updated_at = now()
         WHERE code = $1`,
        [change.code, merged.poorHouseholds, merged.poorPersons, merged.exitedHouseholds, merged.exitedPersons, d.infraDone, d.infraRequired, d.exitStatus, d.readiness],
      );
      const changes = diff(pickStats(current), change.values);
      await recordAudit(tx, {
        user, entityType: 'village', entityId: change.code, action: 'import', old: changes.old, new: changes.new,
        note: `导入 ${change.year} 年度统计 / imported ${change.year} figures: ${plan.fileName}`,
      });
    }
    return plan.changes.map((c) => c.code);
  });
}

export function stalePreview(what: string): DomainError {
  return new DomainError(
    'conflict',
    'stale_preview',
    `预览之后 ${what} 已被修改，本次导入未写入任何数据，请重新预览`,
    `${what} changed after the preview; nothing was imported, preview again`,
  );
}
