// Imports of files as county offices really make them: totals rows, two-row merged headers, data on
// a later sheet, formulas, ="…" codes, "Unicode text" and GBK .txt, UTF-8 and GBK Shapefiles with
// or without .cpg, zips of several layers, declared coordinate systems, huge and empty files.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VillageView } from '../common/api';
import type { GeometryImportPreview, VillageImportPreview } from '../common/imports';
import { createTestApp } from './helpers/app';
import { dbfBytes, dbfName, gbkEncode, shapeFiles, WGS84_PRJ, zipLayers, type DbfField } from './helpers/office-files';
import { login, type Session } from './helpers/session';
import { upload } from './helpers/upload';

const utf8 = (s: string) => new TextEncoder().encode(s);

describe('office files', () => {
  let t: Awaited<ReturnType<typeof createTestApp>>;
  let admin: Session;
  let villages: VillageView[];

  beforeAll(async () => {
    t = await createTestApp('pglite');
    admin = await login(t.request, 'admin');
    villages = (await t.json<VillageView[]>('/api/villages')).body;
  });
  afterAll(() => t.close());

  const villagePreview = (name: string, bytes: Uint8Array | string) => upload<VillageImportPreview>(t.request, admin, '/api/import/villages/preview', { name, bytes });
  const geometryPreview = (name: string, bytes: Uint8Array | string, fields: Record<string, string>) =>
    upload<GeometryImportPreview>(t.request, admin, '/api/import/geometry/preview', { name, bytes }, fields);
  const xlsx = async (build: (workbook: ExcelJS.Workbook) => void) => {
    const workbook = new ExcelJS.Workbook();
    build(workbook);
    return new Uint8Array(await workbook.xlsx.writeBuffer());
  };
  /** A village's figures with one more poor household and two more poor persons. */
  const figures = (v: VillageView) => [v.poorHouseholds + 1, v.poorPersons + 2, v.exitedHouseholds, v.exitedPersons];
  const HEADER = ['村代码', '村名称', '贫困户数', '贫困人口', '脱贫户数', '脱贫人口', '年度'];
  const line = (v: VillageView) => [v.code, v.name, ...figures(v), 2020];
  /** The preview read every village given, each with the change the file makes, and nothing failed. */
  const expectRead = (body: VillageImportPreview, read: VillageView[]) => {
    expect(body.errors).toEqual([]);
    expect(body.changes.map((c) => [c.code, c.changes.poorHouseholds?.new, c.changes.poorPersons?.new])).toEqual(
      read.map((v) => [v.code, v.poorHouseholds + 1, v.poorPersons + 2]),
    );
  };

  describe('spreadsheet layouts', () => {
    it('passes over a totals row (合计 / 总计) at the bottom and says which rows it passed over', async () => {
      const [a, b] = villages.slice(50);
      const sums = figures(a).map((n, i) => n + figures(b)[i]);
      const csv = [HEADER, line(a), line(b), ['合计', '', ...sums, '']].map((r) => r.join(',')).join('\n');
      const fromCsv = await villagePreview('统计.csv', csv);
      expect(fromCsv.status).toBe(200);
      expectRead(fromCsv.body, [a, b]);
      expect(fromCsv.body.totalsRows).toEqual([4]);

      const bytes = await xlsx((w) => w.addWorksheet('统计').addRows([HEADER, line(a), line(b), ['', '总 计', ...sums, '']]));
      const fromXlsx = await villagePreview('统计.xlsx', bytes);
      expectRead(fromXlsx.body, [a, b]);
      expect(fromXlsx.body.totalsRows).toEqual([4]);
    });

    it('reads two-row headers, merged in Excel or written once in a CSV', async () => {
      const [a, b] = villages.slice(60);
      const bytes = await xlsx((w) => {
        const sheet = w.addWorksheet('表1');
        sheet.addRow(['村代码', '村名称', '贫困情况', '', '脱贫情况', '', '年度']);
        sheet.addRow(['', '', '户数', '人数', '户数', '人数', '']);
        for (const range of ['A1:A2', 'B1:B2', 'C1:D1', 'E1:F1', 'G1:G2']) sheet.mergeCells(range);
        sheet.addRows([line(a), line(b)]);
      });
      const merged = await villagePreview('两行表头.xlsx', bytes);
      expect(merged.status).toBe(200);
      expectRead(merged.body, [a, b]);
      expect(merged.body.columns).toMatchObject({ poorHouseholds: '贫困情况户数', exitedPersons: '脱贫情况人数' });

      const csv = [['村代码', '村名称', '建档立卡贫困人口', '', '已脱贫', '', '年度'], ['', '', '户数', '人数', '户数', '人数', ''], line(a), line(b)];
      const written = await villagePreview('两行表头.csv', csv.map((r) => r.join(',')).join('\r\n'));
      expect(written.status).toBe(200);
      expectRead(written.body, [a, b]);
    });

    it('reads the sheet that has the columns, and names the sheets it looked at when none has', async () => {
      const v = villages[70];
      const bytes = await xlsx((w) => {
        w.addWorksheet('填报说明').addRows([['填报说明'], ['请按村填写']]);
        w.addWorksheet('2020年数据').addRows([['榆社县2020年贫困村统计'], HEADER, line(v)]);
      });
      const { status, body } = await villagePreview('统计.xlsx', bytes);
      expect(status).toBe(200);
      expect(body.sheet).toBe('2020年数据');
      expectRead(body, [v]);

      const none = await xlsx((w) => {
        w.addWorksheet('封面').addRow(['榆社县']);
        w.addWorksheet('汇总').addRow(['乡镇', '贫困户数']);
      });
      const refused = await villagePreview('统计.xlsx', none);
      expect(refused.status).toBe(422);
      expect(refused.body.error.message).toContain('「封面」、「汇总」');
      expect(refused.body.error.messageEn).toContain('sheets looked at: "封面", "汇总"');
    });

    it('reads formula cells by their cached result, a result of 0 included', async () => {
      const read = villages.slice(80, 82);
      const bytes = await xlsx((w) => {
        const sheet = w.addWorksheet('统计');
        sheet.addRow(HEADER);
        read.forEach((v, i) => {
          const row = sheet.addRow([v.code, v.name, null, null, null, null, 2020]);
          const r = i + 2;
          const [ph, pp, eh, ep] = figures(v);
          row.getCell(3).value = { formula: `${ph}+0`, result: ph };
          row.getCell(4).value = { formula: `${pp}*1`, result: pp };
          row.getCell(5).value = { formula: `E${r}-E${r}+${eh}`, result: eh };
          row.getCell(6).value = { formula: `0*${ep}+${ep}`, result: ep };
        });
        // A formula whose result is 0.
        sheet.addRow([villages[82].code, '', 0, 0, 0, 0, 2020]);
        sheet.getCell('C4').value = { formula: 'D4-D4', result: 0 };
      });
      const { status, body } = await villagePreview('公式.xlsx', bytes);
      expect(status).toBe(200);
      expect(body.errors).toEqual([]);
      const zero = body.changes.find((c) => c.code === villages[82].code);
      if (villages[82].poorHouseholds !== 0) expect(zero?.changes.poorHouseholds).toEqual({ old: villages[82].poorHouseholds, new: 0 });
      expect(body.changes.filter((c) => read.some((v) => v.code === c.code))).toHaveLength(2);
    });

    it('reads codes written as ="140721…" to keep Excel from rounding them', async () => {
      const v = villages[90];
      const csv = [HEADER.join(','), [`="${v.code}"`, v.name, ...figures(v), 2020].join(',')].join('\n');
      const { status, body } = await villagePreview('统计.csv', csv);
      expect(status).toBe(200);
      expectRead(body, [v]);
    });

    it('reads "Unicode text" (UTF-16 with BOM, tab-separated) and tab-separated GBK .txt files', async () => {
      const [a, b] = villages.slice(95);
      const text = [HEADER, line(a), line(b)].map((r) => r.join('\t')).join('\r\n');
      const utf16 = new Uint8Array([0xff, 0xfe, ...Buffer.from(text, 'utf16le')]);
      const unicode = await villagePreview('统计.txt', utf16);
      expect(unicode.status).toBe(200);
      expectRead(unicode.body, [a, b]);

      const gbk = await villagePreview('统计.txt', gbkEncode(text));
      expect(gbk.status).toBe(200);
      expectRead(gbk.body, [a, b]);
    });

    it('names an Excel code mangled into scientific notation', async () => {
      const csv = [HEADER.join(','), ['1.40721E+11', '', 1, 2, 3, 4, 2020].join(',')].join('\n');
      const { body } = await villagePreview('统计.csv', csv);
      expect(body.errors[0].messageEn).toMatch(/scientific notation/);
      expect(body.errors[0].message).toContain('科学计数法');
    });
  });

  it('keeps CSV line numbers as an editor shows them past quoted line breaks and doubled quotes', async () => {
    const v = villages[105];
    const csv = `${HEADER.join(',')}\n"${v.code}","城关村\n（""老村""）",${figures(v).join(',')},2020\n140721999999,x,1,2,3,4,2020\n`;
    const { body } = await villagePreview('统计.csv', csv);
    expect(body.changes.map((c) => [c.row, c.code])).toEqual([[2, v.code]]);
    expect(body.errors.map((e) => e.row)).toEqual([4]);
  });

  describe('big and empty files', () => {
    it('answers a 100,000-row file with the first errors of each kind and counts for the rest', async () => {
      const rows = [HEADER.join(',')];
      for (let i = 0; i < 100_000; i++) rows.push(`1407219${String(i).padStart(5, '0')},x,1,2,3,4,2020`);
      const started = Date.now();
      const res = await t.request('/api/import/villages/preview', {
        method: 'POST',
        headers: { Cookie: admin.cookie },
        body: (() => {
          const form = new FormData();
          form.set('file', new Blob([rows.join('\n')]), 'big.csv');
          return form;
        })(),
      });
      const text = await res.text();
      const elapsed = Date.now() - started;
      expect(res.status).toBe(200);
      expect(text.length).toBeLessThan(50_000);
      const body = JSON.parse(text) as VillageImportPreview;
      expect(body.total).toBe(100_000);
      expect(body.errorCount).toBe(100_000);
      expect(body.errors).toHaveLength(20);
      expect(body.omittedErrors).toEqual([expect.objectContaining({ field: 'code', count: 99_980 })]);
      expect(body.token).toBeNull();
      expect(elapsed).toBeLessThan(15_000);
    });

    it('says exactly what is wrong with empty, header-only and disguised files', async () => {
      const empty = await villagePreview('统计.csv', new Uint8Array(0));
      expect(empty.status).toBe(422);
      expect(empty.body.error).toMatchObject({ code: 'empty_file' });
      expect(empty.body.error.messageEn).toMatch(/empty/);

      const headerOnly = await villagePreview('统计.csv', `\uFEFF${HEADER.join(',')}\r\n`);
      expect(headerOnly.status).toBe(422);
      expect(headerOnly.body.error.code).toBe('no_rows');
      expect(headerOnly.body.error.message).toContain('只有表头');

      const v = villages[100];
      const workbook = await xlsx((w) => w.addWorksheet('统计').addRows([HEADER, line(v)]));
      const renamed = await villagePreview('统计.csv', workbook);
      expect(renamed.status).toBe(200);
      expectRead(renamed.body, [v]);

      const emptyCollection = await geometryPreview('p.geojson', '{"type":"FeatureCollection","features":[]}', { target: 'projects' });
      expect(emptyCollection.status).toBe(422);
      expect(emptyCollection.body.error.code).toBe('no_features');
      expect(emptyCollection.body.error.messageEn).toMatch(/no features/);
      expect((await geometryPreview('p.geojson', new Uint8Array(0), { target: 'projects' })).body.error.messageEn).toMatch(/empty/);
    });
  });

  describe('Shapefiles', () => {
    const SITE_FIELDS = ['名称', '计划户数', '计划人数'];
    const siteTable = (encode: (s: string) => Uint8Array, rows: (string | number)[][]) =>
      dbfBytes(SITE_FIELDS.map((name, i): DbfField => ({ name: dbfName(name, encode), type: i === 0 ? 'C' : 'N', length: i === 0 ? 60 : 10 })), rows, encode);
    const points = (n: number, from: number) => villages.slice(from, from + n).map((v): GeoJSON.Point => ({ type: 'Point', coordinates: v.center }));
    const sitesPreview = (zip: Uint8Array, crs = 'wgs84') => geometryPreview('sites.zip', zip, { target: 'sites', crs });

    it('reads a UTF-8 table without .cpg, its Chinese field names cut at 10 bytes', async () => {
      const { shp, shx } = await shapeFiles(points(1, 110));
      const zip = zipLayers({ 安置点: { shp, shx, dbf: siteTable(utf8, [['新庄移民安置点', 120, 380]]) } });
      const { status, body } = await sitesPreview(zip);
      expect(status).toBe(200);
      expect(body.errors).toEqual([]);
      expect(body.changes.map((c) => c.name)).toEqual(['新庄移民安置点']);
    });

    it('reads a GBK table without .cpg, with Chinese values or with plain ASCII ones', async () => {
      for (const name of ['新庄移民安置点', 'Xinzhuang']) {
        const { shp, shx } = await shapeFiles(points(1, 110));
        const zip = zipLayers({ 安置点: { shp, shx, dbf: siteTable(gbkEncode, [[name, 120, 380]]) } });
        const { status, body } = await sitesPreview(zip);
        expect(status).toBe(200);
        expect(body.errors).toEqual([]);
        expect(body.changes.map((c) => c.name)).toEqual([name]);
      }
    });

    it('leaves a cut field name two headings share unmatched rather than taking a name for an id', async () => {
      const { shp, shx } = await shapeFiles(points(1, 117));
      const fields: DbfField[] = ['安置点名称', '计划户数', '计划人数'].map((name, i) => ({ name: dbfName(name, utf8), type: i === 0 ? 'C' : 'N', length: i === 0 ? 60 : 10 }));
      const zip = zipLayers({ 安置点: { shp, shx, dbf: dbfBytes(fields, [['新庄安置点', 120, 380]], utf8) } });
      const { body } = await sitesPreview(zip);
      expect(body.errors.map((e) => e.field)).toEqual(['name']);
      expect(body.errors[0].messageEn).not.toMatch(/there is no relocation site/);
    });

    it.each([
      ['936', gbkEncode],
      ['ANSI 936', gbkEncode],
      ['CP936', gbkEncode],
      ['GBK', gbkEncode],
      ['65001', utf8],
      ['UTF-8', utf8],
    ])('reads a table whose .cpg says %s', async (cpg, encode) => {
      const { shp, shx } = await shapeFiles(points(1, 111));
      const zip = zipLayers({ sites: { shp, shx, dbf: siteTable(encode, [['南河安置点', 50, 160]]), cpg: `${cpg}\r\n` } });
      const { status, body } = await sitesPreview(zip);
      expect(status).toBe(200);
      expect(body.changes.map((c) => c.name)).toEqual(['南河安置点']);
    });

    it('pairs each .shp with the .dbf of its own name and names the layer of every row', async () => {
      const a = await shapeFiles(points(2, 112));
      const b = await shapeFiles(points(1, 114));
      const zip = zipLayers({
        '2020年安置点': { ...a, dbf: siteTable(utf8, [['东庄安置点', 10, 30], ['西庄安置点', 11, 33]]), cpg: 'UTF-8' },
        '2021年安置点': { ...b, dbf: siteTable(utf8, [['北庄安置点', 12, 36]]), cpg: 'UTF-8' },
      });
      const { status, body } = await sitesPreview(zip);
      expect(status).toBe(200);
      expect(body.errors).toEqual([]);
      expect(body.changes.map((c) => [c.layer, c.row, c.name])).toEqual([
        ['2020年安置点', 1, '东庄安置点'],
        ['2020年安置点', 2, '西庄安置点'],
        ['2021年安置点', 1, '北庄安置点'],
      ]);
    });

    it('refuses a layer without its table by name, and the file with it', async () => {
      const a = await shapeFiles(points(1, 115));
      const b = await shapeFiles(points(1, 116));
      const zip = zipLayers({ roads_2020: { ...a, dbf: siteTable(utf8, [['东庄安置点', 10, 30]]) }, roads_2021: b });
      const { status, body } = await sitesPreview(zip);
      expect(status).toBe(200);
      expect(body.token).toBeNull();
      expect(body.changes.map((c) => c.layer)).toEqual(['roads_2020']);
      expect(body.errors).toEqual([expect.objectContaining({ layer: 'roads_2021', messageEn: expect.stringMatching(/roads_2021\.dbf is missing/) })]);
    });
  });

  describe('coordinate systems', () => {
    const road = (coordinates: number[][]) => ({ type: 'Feature', geometry: { type: 'LineString', coordinates }, properties: { 名称: '测试公路', 类型: '提质改造', 总投资: 100, 开工日期: '2020-01-01', 完工日期: '2020-12-31' } });
    const collection = (features: object[], crs?: string) => JSON.stringify({ type: 'FeatureCollection', ...(crs ? { crs: { type: 'name', properties: { name: crs } } } : {}), features });

    it('refuses a GeoJSON crs or a .prj that contradicts the chosen system, naming both', async () => {
      const file = collection([road([villages[0].center, villages[1].center])], 'urn:ogc:def:crs:EPSG::4326');
      const refused = await geometryPreview('roads.geojson', file, { target: 'projects', crs: 'gcj02' });
      expect(refused.status).toBe(422);
      expect(refused.body.error.code).toBe('crs_mismatch');
      expect(refused.body.error.messageEn).toMatch(/EPSG:4326[\s\S]*GCJ-02/);
      expect((await geometryPreview('roads.geojson', file, { target: 'projects', crs: 'wgs84' })).status).toBe(200);

      const { shp, shx } = await shapeFiles([{ type: 'Point', coordinates: villages[2].center }]);
      const zip = zipLayers({ sites: { shp, shx, dbf: dbfBytes([{ name: utf8('name'), type: 'C', length: 20 }], [['Dongzhuang']], utf8), prj: WGS84_PRJ } });
      const prj = await geometryPreview('sites.zip', zip, { target: 'sites', crs: 'bd09' });
      expect(prj.status).toBe(422);
      expect(prj.body.error.messageEn).toMatch(/GCS_WGS_1984[\s\S]*BD-09/);
      expect(prj.body.error.message).toContain('BD-09');
    });

    it('refuses projected coordinates once for the file, naming the EPSG code the file declares', async () => {
      const projected = [[38_500_000, 4_100_000], [38_501_000, 4_101_000], [38_502_000, 4_101_500]];
      const declared = await geometryPreview('roads.geojson', collection([road(projected), road(projected.slice(1))], 'EPSG:4547'), { target: 'projects' });
      expect(declared.status).toBe(422);
      expect(declared.body.error.code).toBe('projected_coordinates');
      expect(declared.body.error.messageEn).toContain('EPSG:4547');

      const bare = await geometryPreview('roads.geojson', collection([road(projected), road(projected.slice(1))]), { target: 'projects' });
      expect(bare.status).toBe(422);
      expect(bare.body.error.messageEn).toMatch(/projected coordinates/);
    });
  });
});

