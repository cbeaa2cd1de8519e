// Spreadsheets for the offices: a title row, a note that the figures are demo data, Chinese
// headers, then one row a record. Percentages are stored as fractions with a % format, so
// Excel can still sum and sort them.
import ExcelJS from 'exceljs';
import { chinaToday } from '../../../common/problems';

export interface SheetColumn<Row> {
  header: string;
  value: (row: Row) => string | number | boolean | null;
  width?: number;
  /** Excel number format, e.g. '0.0%' or '#,##0'. */
  format?: string;
}

export interface SheetSpec<Row> {
  name: string;
  title: string;
  note: string;
  columns: SheetColumn<Row>[];
  rows: Row[];
}

/** Rows above the header: the title and the note. */
export const HEADER_ROW = 3;
/** Excel's paper size code for A4. */
const A4 = 9;

export function addSheet<Row>(workbook: ExcelJS.Workbook, spec: SheetSpec<Row>): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(spec.name, {
    views: [{ state: 'frozen', ySplit: HEADER_ROW }],
    // Printed for meetings: A4 across, every column on the page, the header row on every page.
    pageSetup: { paperSize: A4, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, horizontalCentered: true },
  });
  sheet.pageSetup.printTitlesRow = `${HEADER_ROW}:${HEADER_ROW}`;
  sheet.columns = spec.columns.map((c) => ({ width: c.width ?? Math.max(10, c.header.length * 2 + 2), style: c.format ? { numFmt: c.format } : {} }));
  const last = spec.columns.length;
  sheet.mergeCells(1, 1, 1, last);
  sheet.getCell(1, 1).value = spec.title;
  sheet.getCell(1, 1).font = { bold: true, size: 14 };
  sheet.mergeCells(2, 1, 2, last);
  sheet.getCell(2, 1).value = spec.note;
  sheet.getCell(2, 1).font = { italic: true, color: { argb: 'FF8A6D00' } };
  const header = sheet.getRow(HEADER_ROW);
  header.values = spec.columns.map((c) => c.header);
  header.font = { bold: true };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDCE6F1' } };
  for (const row of spec.rows) sheet.addRow(spec.columns.map((c) => c.value(row)));
  return sheet;
}

export async function workbookBytes(build: (workbook: ExcelJS.Workbook) => void | Promise<void>): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '扶贫一张图';
  await build(workbook);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** RFC 6266: an ASCII fallback and the UTF-8 name, so Chinese file names survive every browser. */
export function attachment(fileName: string, asciiFallback: string): string {
  return `attachment; filename="${asciiFallback}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/** A layer's download, dated: 榆社县-villages-2026-11-26.xlsx, or 140721-villages.xlsx where only ASCII will do. */
export function layerAttachment(county: { name: string; code: string }, layer: string, extension: string, township?: string): string {
  const name = [county.name, township, layer, chinaToday()].filter(Boolean).join('-');
  const ascii = [county.code, township, layer].filter(Boolean).join('-');
  return attachment(`${name}.${extension}`, `${ascii}.${extension}`);
}
