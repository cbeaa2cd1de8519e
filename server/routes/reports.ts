// The monthly bulletin and the spreadsheet downloads.
import { Hono } from 'hono';
import { z } from 'zod';
import type { ViewArea } from '../../common/area';
import { MONTH_PATTERN } from '../../common/bulletin';
import { chinaToday } from '../../common/problems';
import { requireUser, type AuthEnv } from '../auth/middleware';
import type { AppContext } from '../context';
import { notFound } from '../services/domain-error';
import { parseParams, parseQuery } from '../http/validate';
import { getCounty } from '../repo/geography';
import { monthlyBulletin } from '../services/bulletin';
import { addBulletinSheet } from '../services/export/bulletin-sheet';
import { addLayerSheet, EXPORT_LAYERS } from '../services/export/layer-sheets';
import { attachment, layerAttachment, workbookBytes, XLSX_TYPE } from '../services/export/workbook';
import { addTargetsSheet } from '../services/export/targets-sheet';
import { addMonitoringSheet } from '../services/export/monitoring-sheet';
import { scopedFiguresIfAllowed } from '../services/monitoring';
import { areaTargets } from '../services/targets';

const FIRST_MONTH = '2014-01';

/** A month from the first year of the timeline up to the month in progress. */
const monthQuery = z.object({
  month: z
    .string()
    .regex(MONTH_PATTERN, '月份格式须为 YYYY-MM / month must be YYYY-MM')
    .refine((m) => m >= FIRST_MONTH && m <= chinaToday().slice(0, 7), `月份须在 ${FIRST_MONTH} 与本月之间 / month must lie between ${FIRST_MONTH} and this month`)
    .default(() => chinaToday().slice(0, 7)),
});

const exportFile = z.object({ file: z.enum([...EXPORT_LAYERS.map((l) => `${l}.xlsx` as const), 'bulletin.xlsx']) });

export function reportRoutes({ db }: AppContext) {
  const county = async (area: ViewArea) => (await getCounty(db, area)) ?? Promise.reject(notFound('县', 'County'));
  const bulletin = new Hono<AuthEnv>().get('/', async (c) => c.json(await monthlyBulletin(db, c.get('area'), parseQuery(c, monthQuery).month)));

  const exports = new Hono<AuthEnv>().get('/:file', async (c) => {
    const { file } = parseParams(c, exportFile);
    // The ledger names who logged, fixed and closed each problem: for signed-in users only.
    if (file === 'problems.xlsx') requireUser(c);
    const area = c.get('area');
    const { name, code } = await county(area);
    const layer = file.replace(/\.xlsx$/, '') as (typeof EXPORT_LAYERS)[number] | 'bulletin';
    const month = parseQuery(c, monthQuery).month;
    const bytes = await workbookBytes(async (workbook) => {
      if (layer === 'bulletin') {
        const bulletin = await monthlyBulletin(db, area, month);
        addBulletinSheet(workbook, bulletin, name);
        addTargetsSheet(workbook, await areaTargets(db, area.code, { year: Number(month.slice(0, 4)) }));
        // The bulletin's units' monitoring figures over the user's scope; none for who may not see households.
        const user = c.get('user');
        const figures = user && (await scopedFiguresIfAllowed(db, user, area.prefix, area.level === 'prefecture' ? 'county' : 'township'));
        if (figures) addMonitoringSheet(workbook, figures, new Map(bulletin.rows.map((r) => [r.code, r.name])), name, chinaToday());
      }
      else await addLayerSheet(workbook, db, layer, { code, name, prefix: area.prefix });
    });
    c.header('Content-Type', XLSX_TYPE);
    // The bulletin carries the user's monitoring figures: never served from a shared cache.
    if (layer === 'bulletin') c.header('Cache-Control', 'private, no-store');
    c.header('Content-Disposition', layer === 'bulletin' ? attachment(`${name}月度通报-${month}.xlsx`, `${code}-bulletin.xlsx`) : layerAttachment({ name, code }, layer, 'xlsx'));
    return c.body(bytes as Uint8Array<ArrayBuffer>);
  });
  return { bulletin, exports };
}
