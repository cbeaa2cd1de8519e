// Reads a downloaded workbook back: the first sheet's rows as arrays of cell values (from column 1).
import ExcelJS from 'exceljs';

/** 0-based: the exports' title, demo note, then the header. */
export const HEADER_ROW = 2;

export async function readSheet(bytes: ArrayBuffer): Promise<{ name: string; rows: unknown[][] }> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes);
  const sheet = workbook.worksheets[0];
  const rows: unknown[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row) => rows.push((row.values as unknown[]).slice(1)));
  return { name: sheet.name, rows };
}
