// Reads every sheet of an .xlsx workbook, or a CSV / tab-separated text file, into rows of trimmed
// text cells, as county offices save them: UTF-8, GBK or "Unicode text" (UTF-16), comma or tab
// separated, formulas with their cached results, codes kept as text with ="…".
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { DomainError } from '../domain-error';
import { decodeText, extensionOf, unreadable, unsupported, type Upload } from './upload';

/** Cells as text, indexed from 0; `line` is the row number a person sees in Excel or a text editor. */
export interface TableRow {
  line: number;
  cells: string[];
}

/** A worksheet, or the one table of a text file (named after the file). */
export interface Sheet {
  name: string;
  rows: TableRow[];
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0];
const startsWith = (bytes: Uint8Array, magic: number[]) => magic.every((b, i) => bytes[i] === b);

export async function readSheets(file: Upload): Promise<Sheet[]> {
  const ext = extensionOf(file.name);
  if (ext !== 'csv' && ext !== 'txt' && ext !== 'xlsx') throw unsupported(file.name, ' CSV、制表符分隔的文本（.txt）或 Excel（.xlsx）文件', 'a CSV, tab-separated text (.txt) or Excel (.xlsx) file');
  if (file.bytes.length === 0) throw emptyFile(file.name);
  // Judged by content, not name: an .xlsx renamed .csv is still a workbook.
  if (startsWith(file.bytes, OLE_MAGIC)) {
    throw unsupported(file.name, ' .xlsx：这是旧版 Excel 97-2003（.xls）格式，请在 Excel 中另存为 .xlsx', '.xlsx: this is the old Excel 97-2003 (.xls) format, save it as .xlsx in Excel');
  }
  const sheets = startsWith(file.bytes, ZIP_MAGIC) ? await readXlsx(file) : [{ name: file.name, rows: parseDelimited(file.name, decodeText(file.bytes)) }];
  if (sheets.every((s) => s.rows.length === 0)) throw emptyFile(file.name);
  return sheets;
}

export const emptyFile = (name: string) =>
  new DomainError('unprocessable', 'empty_file', `文件「${name}」是空的，没有任何内容`, `The file "${name}" is empty: it holds nothing`);

async function readXlsx(file: Upload): Promise<Sheet[]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(file.bytes as unknown as ArrayBuffer);
  } catch {
    throw unreadable(file.name, '不是有效的 Excel（.xlsx）工作簿', 'not a valid Excel (.xlsx) workbook');
  }
  if (workbook.worksheets.length === 0) throw unreadable(file.name, '工作簿中没有工作表', 'the workbook has no sheet');
  return workbook.worksheets.map((sheet) => {
    const rows: TableRow[] = [];
    sheet.eachRow((row, line) => {
      const cells: string[] = [];
      row.eachCell({ includeEmpty: true }, (cell, column) => {
        // A merged cell reads as its master, so a header merged over two rows or columns names each.
        cells[column - 1] = cleanCell(cellText(cell.master));
      });
      const filled = Array.from(cells, (c) => c ?? '');
      if (filled.some((c) => c !== '')) rows.push({ line, cells: filled });
    });
    return { name: sheet.name, rows };
  });
}

/**
 * Numbers keep every digit (12-digit codes stored as numbers); a formula gives its cached result,
 * read from the cell itself: exceljs drops a falsy result (0) from the copy `value` returns.
 */
function cellText(cell: ExcelJS.Cell): string {
  const value = cell.value;
  if (value && typeof value === 'object' && ('formula' in value || 'sharedFormula' in value)) return valueText((cell.result ?? null));
  return valueText(value);
}

function valueText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'string') return value;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('formula' in value || 'sharedFormula' in value) return valueText((value.result ?? null));
  if ('error' in value) return value.error;
  if ('text' in value) return typeof value.text === 'string' ? value.text : valueText(value.text);
  return '';
}

/** Trimmed, and ="140721…" (Excel's way of keeping a long code as text in a CSV) as the code itself. */
const cleanCell = (text: string) => text.trim().replace(/^="(.*)"$/s, '$1').trim();

/** Tab-separated ("Unicode text" and most .txt exports) when the opening lines hold more tabs than commas. */
function delimiterOf(text: string): string {
  const head = text.slice(0, 4096);
  const tabs = head.split('\t').length;
  const commas = head.split(',').length;
  return tabs > commas ? '\t' : ',';
}

/** RFC 4180 (quoted fields may hold delimiters, doubled quotes and line breaks), comma or tab separated. */
export function parseDelimited(name: string, text: string): TableRow[] {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { delimiter: delimiterOf(text), info: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: false }) as unknown as typeof records;
  } catch (e) {
    const line = (e as { lines?: number }).lines;
    throw unreadable(name, `第 ${line} 行附近的引号没有配对`, `unbalanced quotes near line ${line}`);
  }
  const rows: TableRow[] = [];
  let lastLine = 0;
  for (const { record, info } of records) {
    const cells = record.map(cleanCell);
    if (cells.some((c) => c !== '')) rows.push({ line: lastLine + 1, cells });
    lastLine = info.lines;
  }
  return rows;
}
