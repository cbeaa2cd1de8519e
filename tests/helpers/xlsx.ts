// Reads a downloaded workbook back: the first sheet's rows as arrays of cell values (from column 1).
import ExcelJS from 'exceljs';

/** 0-based: the exports' title, demo note, then the header. */
export const HEADER_ROW = 2;

/** The first sheet, or the one named; `sheets` names them all. */
export async function readSheet(bytes: ArrayBuffer, sheetName?: string): Promise<{ name: string; rows: unknown[][]; sheets: string[] }> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes);
  const sheets = workbook.worksheets.map((s) => s.name);
  const sheet = sheetName === undefined ? workbook.worksheets[0] : workbook.getWorksheet(sheetName);
  if (!sheet) return { name: '', rows: [], sheets };
  const rows: unknown[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row) => rows.push((row.values as unknown[]).slice(1)));
  return { name: sheet.name, rows, sheets };
}
