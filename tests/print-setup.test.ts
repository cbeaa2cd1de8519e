// The bulletin (and every office sheet) prints as a meeting needs it: landscape A4, all columns on
// the page width, the header row repeated on every page.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from './helpers/app';

describe('office sheets set up for printing', () => {
  let t: Awaited<ReturnType<typeof createTestApp>>;
  beforeAll(async () => {
    t = await createTestApp('pglite');
  });
  afterAll(() => t.close());

  it('prints the bulletin landscape, fitted to the width, with its header row on every page', async () => {
    const res = await t.request('/api/export/bulletin.xlsx?month=2019-06');
    expect(res.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await res.arrayBuffer());
    const sheet = workbook.worksheets[0];
    expect(sheet.getRow(3).getCell(1).value).toBe('排名');
    expect(sheet.pageSetup).toMatchObject({ orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, paperSize: 9 });
    expect(sheet.pageSetup.printTitlesRow).toBe('3:3');
  });
});
