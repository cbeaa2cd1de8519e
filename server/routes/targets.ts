// Annual targets: read by anyone who sees the portal (like the statistics), set by the poverty
// office and admins by hand or from the targets workbook (preview, then all or nothing).
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { ImportResult } from '../../common/imports';
import { codes, previewCommitBody } from '../../common/schemas';
import { areaCode, targetSetBody, type TargetImportPreview } from '../../common/targets';
import { requirePermission, type AuthEnv } from '../auth/middleware';
import { announce, type AppContext } from '../context';
import { readUpload, uploadLimit } from '../http/upload';
import { parseBody, parseParams, parseQuery } from '../http/validate';
import { attachment, XLSX_TYPE } from '../services/export/workbook';
import { previewTargetImport, targetTemplate, type TargetImportPlan } from '../services/import/target-sheet';
import { PreviewStore } from '../services/import/preview-store';
import { applyTargetChanges, areaTargets, chinaYear, setTargets } from '../services/targets';

const targetsQuery = z.object({ area: areaCode.optional(), year: codes.year.optional() });
const setParams = z.object({ area: areaCode, year: codes.year });

// Targets are read and set within the request's view area (services/scope.ts): a county-scoped user's county.
const viewCode = (c: Context<AuthEnv>) => c.get('area').code;

export function targetRoutes(ctx: AppContext) {
  const { db } = ctx;
  return new Hono<AuthEnv>()
    .get('/', async (c) => c.json(await areaTargets(db, viewCode(c), parseQuery(c, targetsQuery))))
    .get('/template.xlsx', async (c) => {
      const { year = chinaYear(new Date()) } = parseQuery(c, z.object({ year: codes.year.optional() }));
      const code = viewCode(c);
      const bytes = await targetTemplate(db, code, year);
      c.header('Content-Type', XLSX_TYPE);
      c.header('Content-Disposition', attachment(`年度目标任务-${code}-${year}.xlsx`, `targets-${code}-${year}.xlsx`));
      return c.body(bytes as Uint8Array<ArrayBuffer>);
    })
    .put('/:area/:year', async (c) => {
      const user = requirePermission(c, 'editTargets');
      const { area, year } = parseParams(c, setParams);
      const { targets } = await parseBody(c, targetSetBody);
      const changes = await setTargets(db, viewCode(c), user, area, year, targets);
      if (changes.length) await announce(ctx, { entity: 'target', id: `${area}/${year}`, action: 'update', layer: null, by: user.username });
      return c.json(await areaTargets(db, viewCode(c), { area, year }));
    });
}

/** Mounted under /api/import/targets, where uploads take the larger body limit. */
export function targetImportRoutes(ctx: AppContext) {
  const { db } = ctx;
  const previews = new PreviewStore(ctx.db);
  return new Hono<AuthEnv>()
    .use(uploadLimit())
    .post('/preview', async (c) => {
      const user = requirePermission(c, 'editTargets');
      const { file } = await readUpload(c);
      const { preview, plan } = await previewTargetImport(db, viewCode(c), file);
      const token = preview.errorCount === 0 && plan.changes.length > 0 ? await previews.put(user.id, 'targets', plan) : null;
      return c.json<TargetImportPreview>({ ...preview, token });
    })
    .post('/commit', async (c) => {
      const user = requirePermission(c, 'editTargets');
      const { token } = await parseBody(c, previewCommitBody);
      const plan = await previews.take<TargetImportPlan>(token, user.id, 'targets');
      const applied = await applyTargetChanges(db, user, plan.fileName, plan.changes);
      await announce(ctx, { entity: 'target', id: '*', action: 'import', layer: null, by: user.username });
      return c.json<ImportResult>({ applied, ids: [...new Set(plan.changes.map((ch) => `${ch.area}/${ch.year}`))] });
    });
}
