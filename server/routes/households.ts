import { Hono } from 'hono';
import { z } from 'zod';
import { householdCode, householdQuery, personalExportQuery, unmaskRequest } from '../../common/household-api';
import { getCounty } from '../repo/geography';
import { personalDataWorkbook } from '../services/export/household-sheets';
import { layerAttachment, XLSX_TYPE } from '../services/export/workbook';
import { codes } from '../../common/schemas';
import { requirePermission, requireUser, type AuthEnv } from '../auth/middleware';
import type { AppContext } from '../context';
import { parseBody, parseParams, parseQuery } from '../http/validate';
import type { PiiCipher } from '../pii/cipher';
import { listUnmaskLog } from '../repo/households';
import { countyFigureDifferences } from '../services/figure-source';
import { findHouseholds, householdDetail, unmask, villageFiguresFromHouseholds, villageHouseholds } from '../services/households';

const householdParam = z.object({ code: householdCode });

/** Household records: logged in, role- and scope-checked in services/scope.ts, never cached or announced. */
export function householdRoutes(ctx: AppContext, pii: PiiCipher) {
  const { db } = ctx;
  return new Hono<AuthEnv>()
    .use(async (c, next) => {
      await next();
      c.header('Cache-Control', 'no-store');
    })
    .get('/villages/:code/households', async (c) => {
      const user = requireUser(c);
      const { code } = parseParams(c, z.object({ code: codes.village }));
      return c.json(await villageHouseholds(db, user, c.get('area').prefix, code));
    })
    .get('/villages/:code/household-figures', async (c) => {
      const { code } = parseParams(c, z.object({ code: codes.village }));
      return c.json(await villageFiguresFromHouseholds(db, c.get('area').prefix, code));
    })
    // Aggregates only, public like the village figures they compare.
    .get('/figure-differences', async (c) => c.json(await countyFigureDifferences(db, c.get('area').prefix)))
    .get('/households', async (c) => {
      const user = requireUser(c);
      return c.json(await findHouseholds(db, user, c.get('area').prefix, parseQuery(c, householdQuery)));
    })
    .get('/households.xlsx', async (c) => {
      const user = requirePermission(c, 'exportPersonalData');
      const county = (await getCounty(db, c.get('area')))!;
      // The area's code prefix bounds the export: a prefecture's is 4 digits, not its 6-digit code.
      const bytes = await personalDataWorkbook(db, pii, user, { ...county, code: c.get('area').prefix }, parseQuery(c, personalExportQuery));
      c.header('Content-Type', XLSX_TYPE);
      c.header('Content-Disposition', layerAttachment(county, 'households-personal', 'xlsx'));
      return c.body(bytes as Uint8Array<ArrayBuffer>);
    })
    .get('/households/:code', async (c) => {
      const user = requireUser(c);
      const { code } = parseParams(c, householdParam);
      return c.json(await householdDetail(db, pii, user, c.get('area').prefix, code));
    })
    .post('/households/:code/unmask', async (c) => {
      const user = requireUser(c);
      const { code } = parseParams(c, householdParam);
      return c.json(await unmask(db, pii, user, c.get('area').prefix, code, await parseBody(c, unmaskRequest)));
    })
    .get('/unmask-log', async (c) => {
      requirePermission(c, 'viewUnmaskLog');
      const { limit } = parseQuery(c, z.object({ limit: z.coerce.number().int().min(1).max(1000).default(200) }));
      return c.json(await listUnmaskLog(db, limit));
    });
}
