// The household import (poverty office and admins): preview an uploaded member table, then commit
// the preview by its token. Answers and events carry counts and masked values only.
import { previewCommitBody } from '../../common/schemas';
import { Hono } from 'hono';
import type { HouseholdImportPreview } from '../../common/household-import';
import type { ImportResult } from '../../common/imports';
import { requirePermission, type AuthEnv } from '../auth/middleware';
import { announce, type AppContext } from '../context';
import { readUpload, uploadLimit } from '../http/upload';
import { parseBody } from '../http/validate';
import type { PiiCipher } from '../pii/cipher';
import { commitHouseholds, previewHouseholds, type HouseholdImportPlan } from '../services/import/household-import';
import { PreviewStore } from '../services/import/preview-store';


export function householdImportRoutes(ctx: AppContext, pii: PiiCipher) {
  const previews = new PreviewStore(ctx.db);
  return new Hono<AuthEnv>()
    .use(uploadLimit())
    .post('/preview', async (c) => {
      const user = requirePermission(c, 'importHouseholds');
      const { file } = await readUpload(c);
      const { preview, plan } = await previewHouseholds(ctx.db, pii, c.get('area').prefix, file);
      const token = preview.errorCount === 0 && preview.changes.length > 0 ? await previews.put(user.id, 'households', plan) : null;
      return c.json<HouseholdImportPreview>({ ...preview, token });
    })
    .post('/commit', async (c) => {
      const user = requirePermission(c, 'importHouseholds');
      const { token } = await parseBody(c, previewCommitBody);
      const plan = await previews.take<HouseholdImportPlan>(token, user.id, 'households');
      const villages = await commitHouseholds(ctx.db, user, plan);
      // The village figures the households decide changed: tiles and screens follow, no household named.
      if (villages.length) await announce(ctx, { entity: 'village', id: '*', action: 'import', layer: 'villages', by: user.username });
      return c.json<ImportResult>({ applied: plan.households.length, ids: [] });
    });
}
