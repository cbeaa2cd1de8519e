// 部门筛查预警: a department's monthly list previewed (nothing written), then committed by its token.
import { Hono } from 'hono';
import { z } from 'zod';
import { departmentFields, type DepartmentImportPreview } from '../../common/department-import';
import { WITH_INPUT } from '../../common/issue-messages';
import { requireUser, type AuthEnv } from '../auth/middleware';
import type { AppContext } from '../context';
import { readUpload, uploadLimit } from '../http/upload';
import { invalid, parseBody } from '../http/validate';
import type { PiiCipher } from '../pii/cipher';
import { commitDepartmentList, previewDepartmentList, type DepartmentPlan } from '../services/import/department-lists';
import { PreviewStore } from '../services/import/preview-store';
import { announceRaised } from './monitoring';

const commitBody = z.object({ token: z.string().regex(/^[0-9a-f]{32}$/, '预览令牌无效 / invalid preview token') }).strict();

export function departmentImportRoutes(ctx: AppContext, pii: PiiCipher) {
  const { db } = ctx;
  const previews = new PreviewStore(ctx.db);
  return new Hono<AuthEnv>()
    .use(uploadLimit())
    .post('/preview', async (c) => {
      const user = requireUser(c);
      const { file, fields } = await readUpload(c);
      const parsed = departmentFields.safeParse(fields, WITH_INPUT);
      if (!parsed.success) throw invalid('invalid_form', '导入选项', 'import options', parsed.error);
      const { preview, plan } = await previewDepartmentList(db, pii, user, c.get('area').prefix, file, parsed.data.department, parsed.data.period);
      // Unreadable rows block the commit; unmatched and repeated ones are reported and left out.
      const token = preview.errors.length === 0 && plan.events.length > 0 ? await previews.put(user.id, 'departments', plan) : null;
      return c.json<DepartmentImportPreview>({ ...preview, token });
    })
    .post('/commit', async (c) => {
      const user = requireUser(c);
      const { token } = await parseBody(c, commitBody);
      const { result, raised } = await commitDepartmentList(db, user, c.get('area').prefix, () => previews.take<DepartmentPlan>(token, user.id, 'departments'));
      await announceRaised(ctx, raised, user.username);
      return c.json(result);
    });
}
