// Departments' monthly lists keyed by ID number (部门筛查预警): medical insurance, civil affairs,
// the disabled persons' federation, education, housing and emergency management. Each row is
// matched to a member by the keyed hash of the ID number (server/pii/), never by decrypting; the
// commit stores the dated reports and runs the warning rules on the matched households, all in
// one transaction.
import {
  DEPARTMENT_EVENT, type Department, type DepartmentImportPreview, type DepartmentImportResult, type DepartmentRowIssue,
} from '../../../common/department-import';
import { isValidIdNumber } from '../../../common/id-number';
import { maskIdNumber } from '../../../common/masking';
import { RULE_RUNNERS } from '../../../common/monitoring';
import { chinaToday } from '../../../common/problems';
import type { SessionUser } from '../../../common/roles';
import type { Db, Queryable } from '../../db/client';
import type { PiiCipher } from '../../pii/cipher';
import { raiseWarnings } from '../../repo/warning-rules';
import { DomainError } from '../domain-error';
import { householdAccess } from '../scope';
import { refreshWarningStatistics, type Raised } from '../warning-run';
import { readSheets, type Sheet, type TableRow } from './table-file';
import type { Upload } from './upload';

type Column = 'idNumber' | 'date' | 'amount';
const normalise = (header: string) => header.replace(/[（(][^）)]*[）)]/g, '').replace(/[\s_\-.·]/g, '').toLowerCase();
const HEADERS: Record<Column, string[]> = {
  idNumber: ['身份证号', '身份证号码', '公民身份号码', '证件号码', '身份证', 'idnumber', 'id'],
  date: ['日期', '发生日期', '结算日期', '变更日期', '认定日期', '受灾日期', '鉴定日期', '辍学日期', '登记日期', 'date'],
  amount: ['个人自付', '自付金额', '个人自付金额', '自付费用', '医疗自付', '金额', '损失金额', 'amount', 'selfpay'],
};
const columnOf = (cell: string) => (Object.keys(HEADERS) as Column[]).find((c) => HEADERS[c].includes(normalise(cell)));
const HEADER_SEARCH_ROWS = 10;

interface Layout {
  sheet: Sheet;
  start: number;
  index: Partial<Record<Column, number>>;
}

function layoutOf(sheets: Sheet[]): Layout {
  for (const sheet of sheets) {
    const at = sheet.rows.slice(0, HEADER_SEARCH_ROWS).findIndex((r) => r.cells.some((c) => columnOf(c) === 'idNumber'));
    if (at < 0) continue;
    const index: Partial<Record<Column, number>> = {};
    sheet.rows[at].cells.forEach((c, i) => {
      const column = columnOf(c);
      if (column && index[column] === undefined) index[column] = i;
    });
    return { sheet, start: at + 1, index };
  }
  throw new DomainError('unprocessable', 'wrong_columns', `前 ${HEADER_SEARCH_ROWS} 行中没有身份证号列（身份证号、公民身份号码或证件号码）`,
    `No ID number column (身份证号, 公民身份号码 or 证件号码) in the first ${HEADER_SEARCH_ROWS} rows`);
}

/** 2026-03-05, 2026/3/5, 2026.3.5, 20260305, 2026年3月5日 → 2026-03-05; null if not a date. */
function dateOf(cell: string): string | null {
  const m = /^(\d{4})[-/.年]?(\d{1,2})[-/.月]?(\d{1,2})日?$/.exec(cell.trim());
  if (!m) return null;
  const iso = `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`;
  const parsed = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(iso) ? iso : null;
}

interface ParsedRow {
  line: number;
  idNumber: string;
  on: string;
  amount: number;
}

export interface DepartmentPlan {
  department: Department;
  period: string;
  rows: number;
  /** One per matched row: who, when, how much. */
  events: { householdCode: string; memberId: number; on: string; amount: number }[];
}

const issue = (line: number, idNumber: string, message: string, messageEn: string): DepartmentRowIssue => ({ line, idNumber, message, messageEn });
const shown = (cell: string) => (isValidIdNumber(cell) ? maskIdNumber(cell) : cell.length > 4 ? maskIdNumber(cell) : cell);

function parseRow(row: TableRow, layout: Layout, department: Department, period: string): ParsedRow | DepartmentRowIssue {
  const cell = (c: Column) => (layout.index[c] === undefined ? '' : (row.cells[layout.index[c]] ?? '').trim());
  const idNumber = cell('idNumber').toUpperCase();
  if (!isValidIdNumber(idNumber)) return issue(row.line, shown(idNumber), '身份证号无效（位数、出生日期或校验码不对）', 'not a valid ID number (length, birth date or check character)');
  const rawDate = cell('date');
  const on = rawDate ? dateOf(rawDate) : `${period}-01`;
  if (!on) return issue(row.line, maskIdNumber(idNumber), `日期「${rawDate}」无法识别`, `the date "${rawDate}" cannot be read`);
  const rawAmount = cell('amount').replace(/[,，元\s]/g, '');
  const amount = rawAmount === '' ? 0 : Number(rawAmount);
  if (!Number.isFinite(amount) || amount < 0) return issue(row.line, maskIdNumber(idNumber), `金额「${cell('amount')}」无效`, `the amount "${cell('amount')}" is not valid`);
  if (department === 'medical_insurance' && !(amount > 0)) return issue(row.line, maskIdNumber(idNumber), '医保名单须有自付金额', 'a medical insurance row needs its self-paid amount');
  return { line: row.line, idNumber, on, amount };
}

async function matchMembers(db: Queryable, area: string, hashes: string[]): Promise<Map<string, { memberId: number; householdCode: string }>> {
  const rows = await db.query<{ hash: string; memberId: number; householdCode: string }>(
    `SELECT m.id_number_hash AS hash, m.id AS "memberId", m.household_code AS "householdCode"
     FROM members m JOIN households h ON h.code = m.household_code
     WHERE m.id_number_hash = ANY($1::text[]) AND h.village_code LIKE $2 || '%'`,
    [hashes, area],
  );
  return new Map(rows.map((r) => [r.hash, { memberId: r.memberId, householdCode: r.householdCode }]));
}

const requireRunner = async (db: Db, user: SessionUser, area: string) => {
  const access = await householdAccess(db, user, area);
  if (!RULE_RUNNERS.includes(access.role)) throw new DomainError('forbidden', 'forbidden', '只有县扶贫办可以导入部门筛查名单', 'Only the poverty office may import departments’ lists');
  return access;
};

export async function previewDepartmentList(
  db: Db, pii: PiiCipher, user: SessionUser, area: string, file: Upload, department: Department, period: string,
): Promise<{ preview: Omit<DepartmentImportPreview, 'token'>; plan: DepartmentPlan }> {
  await requireRunner(db, user, area);
  const layout = layoutOf(await readSheets(file));
  const errors: DepartmentRowIssue[] = [];
  const duplicates: DepartmentImportPreview['duplicates'] = [];
  const seen = new Map<string, number>();
  const parsed: ParsedRow[] = [];
  for (const row of layout.sheet.rows.slice(layout.start)) {
    if (row.cells.every((c) => c.trim() === '')) continue;
    const r = parseRow(row, layout, department, period);
    if ('message' in r) {
      errors.push(r);
      continue;
    }
    const key = `${r.idNumber}|${r.on}|${r.amount}`;
    const first = seen.get(key);
    if (first !== undefined) {
      duplicates.push({ ...issue(r.line, maskIdNumber(r.idNumber), `与第 ${first} 行重复，只计一次`, `repeats line ${first}: counted once`), firstLine: first });
      continue;
    }
    seen.set(key, r.line);
    parsed.push(r);
  }
  const matches = await matchMembers(db, area, [...new Set(parsed.map((r) => pii.idNumberHash(r.idNumber)))]);
  const unmatched: DepartmentRowIssue[] = [];
  const events: DepartmentPlan['events'] = [];
  for (const r of parsed) {
    const member = matches.get(pii.idNumberHash(r.idNumber));
    if (member) events.push({ ...member, on: r.on, amount: r.amount });
    else unmatched.push(issue(r.line, maskIdNumber(r.idNumber), '本县建档立卡户中没有此人', 'no member of a registered household of this county'));
  }
  const rows = parsed.length + errors.length + duplicates.length;
  return {
    preview: {
      department, period, sheet: layout.sheet.name, rows, matched: events.length,
      households: new Set(events.map((e) => e.householdCode)).size, unmatched, duplicates, errors,
    },
    plan: { department, period, rows, events },
  };
}

/**
 * All or nothing: the reports, the list's record and the warnings they raise, in one transaction.
 * The role is checked before the preview is taken, so anyone else is refused whatever token they hold.
 */
export async function commitDepartmentList(
  db: Db, user: SessionUser, area: string, takePlan: () => Promise<DepartmentPlan>,
): Promise<{ result: DepartmentImportResult; raised: Raised }> {
  const access = await requireRunner(db, user, area);
  const plan = await takePlan();
  const kind = DEPARTMENT_EVENT[plan.department];
  return db.write(async (tx) => {
    const [{ id }] = await tx.query<{ id: number }>(
      'INSERT INTO department_imports (department, period, rows, matched, user_id) VALUES ($1, $2, $3, $4, $5) RETURNING id',
      [plan.department, plan.period, plan.rows, plan.events.length, access.id],
    );
    const inserted = await tx.query(
      `INSERT INTO household_events (household_code, member_id, kind, occurred_on, amount, department, import_id)
       SELECT e."householdCode", e."memberId", $2, e."on"::date, e.amount, $3, $4
       FROM jsonb_to_recordset($1::text::jsonb) AS e("householdCode" text, "memberId" int, "on" text, amount float8)
       ON CONFLICT DO NOTHING RETURNING id`,
      [JSON.stringify(plan.events), kind, plan.department, id],
    );
    const households = [...new Set(plan.events.map((e) => e.householdCode))];
    const raised = await raiseWarnings(tx, { prefix: area, households }, chinaToday(), 'department');
    await refreshWarningStatistics(tx);
    return { result: { events: inserted.length, warningsRaised: [...raised.values()].reduce((a, b) => a + b, 0) }, raised };
  });
}
