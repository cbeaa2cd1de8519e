// Reads the first sheet of an .xlsx workbook or a CSV file into rows of trimmed text cells.
import ExcelJS from 'exceljs';
import { decodeText, extensionOf, unreadable, unsupported, type Upload } from './upload';

/** Cells as text, indexed from 0; `line` is the row number a person sees in Excel or a text editor. */
export interface TableRow {
  line: number;
  cells: string[];
}

export async function readTable(file: Upload): Promise<TableRow[]> {
  const ext = extensionOf(file.name);
  if (ext === 'csv' || ext === 'txt') return parseCsv(decodeText(file.bytes));
  if (ext === 'xlsx') return readXlsx(file);
  throw unsupported(file.name, ' CSV 或 Excel（.xlsx）文件', 'a CSV or Excel (.xlsx) file');
}

async function readXlsx(file: Upload): Promise<TableRow[]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(file.bytes as unknown as ArrayBuffer);
  } catch {
    throw unreadable(file.name, '不是有效的 Excel（.xlsx）工作簿', 'not a valid Excel (.xlsx) workbook');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw unreadable(file.name, '工作簿中没有工作表', 'the workbook has no sheet');
  const rows: TableRow[] = [];
  sheet.eachRow((row, line) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, column) => {
      // Numbers keep every digit (12-digit codes stored as numbers); everything else as Excel shows it.
      cells[column - 1] = (typeof cell.value === 'number' ? String(cell.value) : cell.text).trim();
    });
    rows.push({ line, cells: Array.from(cells, (c) => c ?? '') });
  });
  return rows;
}

/** RFC 4180: quoted fields may hold commas, doubled quotes and line breaks. */
export function parseCsv(text: string): TableRow[] {
  const rows: TableRow[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  const endRow = () => {
    cells.push(cell.trim());
    if (cells.some((c) => c !== '')) rows.push({ line: rowLine, cells });
    cells = [];
    cell = '';
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') cell += text[++i];
      else if (ch === '"') quoted = false;
      else {
        if (ch === '\n') line++;
        cell += ch;
      }
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      cells.push(cell.trim());
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endRow();
      rowLine = ++line;
    } else cell += ch;
  }
  endRow();
  return rows;
}
