// Imports, admin only: preview an uploaded file (nothing written), then commit the preview by its token.
import { previewCommitBody } from '../../common/schemas';
import { Hono } from 'hono';
import { z } from 'zod';
import { GEOMETRY_TARGETS, IMPORT_CRS, type GeometryImportPreview, type ImportResult, type VillageImportPreview } from '../../common/imports';
import { requirePermission, type AuthEnv } from '../auth/middleware';
import { announce, type AppContext } from '../context';
import { invalid, parseBody } from '../http/validate';
import { readUpload, uploadLimit } from '../http/upload';
import { commitGeometry, previewGeometry, type GeometryImportPlan } from '../services/import/geometry-import';
import { commitBoundaries, previewBoundaries, type BoundaryImportPlan } from '../services/import/boundary-import';
import { BOUNDARY_CRS, BOUNDARY_LEVELS, DATUMS, type BoundaryImportPreview } from '../../common/boundaries';
import { PreviewStore } from '../services/import/preview-store';
import { commitVillageStats, previewVillageStats, type VillageImportPlan } from '../services/import/village-stats';
import { WITH_INPUT } from '../../common/issue-messages';
import { areaTileAreas, villageTileAreas } from '../tiles/change-areas';

const geometryFields = z.object({ target: z.enum(GEOMETRY_TARGETS), crs: z.enum(IMPORT_CRS).default('wgs84') });
/** Seven Helmert parameters, as surveying offices write them: separated by commas or spaces. */
const helmert = z.string().trim().transform((s) => s.split(/[\s,，]+/).map(Number))
  .refine((p) => p.length === 7 && p.every(Number.isFinite), '须为 7 个数（dx,dy,dz,rx,ry,rz,s） / expected 7 numbers (dx,dy,dz,rx,ry,rz,s)');
const boundaryFields = z.object({
  level: z.enum(BOUNDARY_LEVELS),
  crs: z.enum(BOUNDARY_CRS).default('auto'),
  datum: z.enum(DATUMS).default('cgcs2000'),
  centralMeridian: z.union([z.literal('').transform(() => undefined), z.coerce.number().int().min(72).max(138)]).optional(),
  towgs84: z.union([z.literal('').transform(() => undefined), helmert]).optional(),
});

export function importRoutes(ctx: AppContext) {
  const { db, geo } = ctx;
  const previews = new PreviewStore(db);
  /** All or nothing: a preview with any failing row, or with nothing to change, cannot be committed. */
  const tokenFor = async <Plan>(userId: number, kind: string, plan: Plan, errors: unknown[], changes: unknown[]) =>
    errors.length === 0 && changes.length > 0 ? previews.put(userId, kind, plan) : null;

  return new Hono<AuthEnv>()
    .use(uploadLimit())
    .post('/villages/preview', async (c) => {
      const user = requirePermission(c, 'importData');
      const { file } = await readUpload(c);
      const { preview, plan } = await previewVillageStats(db, ctx.area.prefix, file);
      return c.json<VillageImportPreview>({ ...preview, token: await tokenFor(user.id, 'villages', plan, preview.errors, preview.changes) });
    })
    .post('/villages/commit', async (c) => {
      const user = requirePermission(c, 'importData');
      const { token } = await parseBody(c, previewCommitBody);
      const codes = await commitVillageStats(db, user, await previews.take<VillageImportPlan>(token, user.id, 'villages'));
      await announce(ctx, { entity: 'village', id: '*', action: 'import', layer: 'villages', by: user.username, tileAreas: await villageTileAreas(db, codes) });
      return c.json<ImportResult>({ applied: codes.length, ids: codes });
    })
    .post('/geometry/preview', async (c) => {
      const user = requirePermission(c, 'importData');
      const { file, fields } = await readUpload(c);
      const parsed = geometryFields.safeParse(fields, WITH_INPUT);
      if (!parsed.success) throw invalid('invalid_form', '导入选项', 'import options', parsed.error);
      const { preview, plan } = await previewGeometry(db, geo, file, parsed.data.target, parsed.data.crs);
      return c.json<GeometryImportPreview>({ ...preview, token: await tokenFor(user.id, 'geometry', plan, preview.errors, preview.changes) });
    })
    .post('/geometry/commit', async (c) => {
      const user = requirePermission(c, 'importData');
      const { token } = await parseBody(c, previewCommitBody);
      const plan = await previews.take<GeometryImportPlan>(token, user.id, 'geometry');
      const before = await areaTileAreas(db, ctx.area.prefix);
      const applied = await commitGeometry(db, user, plan);
      const tileAreas = [...before, ...(await areaTileAreas(db, ctx.area.prefix))];
      for (const layer of new Set(applied.map((a) => a.layer))) {
        await announce(ctx, { entity: layer === 'sites' ? 'site' : 'project', id: '*', action: 'import', layer, by: user.username, tileAreas });
      }
      return c.json<ImportResult>({ applied: applied.length, ids: applied.map((a) => String(a.id)) });
    })
    .post('/boundaries/preview', async (c) => {
      const user = requirePermission(c, 'importData');
      const { file, fields } = await readUpload(c);
      const parsed = boundaryFields.safeParse(fields, WITH_INPUT);
      if (!parsed.success) throw invalid('invalid_form', '导入选项', 'import options', parsed.error);
      const { level, crs: choice, ...request } = parsed.data;
      const { preview, plan } = await previewBoundaries(db, ctx.area, file, level, { choice, ...request });
      return c.json<BoundaryImportPreview>({ ...preview, token: await tokenFor(user.id, 'boundaries', plan, preview.errors, preview.changes) });
    })
    .post('/boundaries/commit', async (c) => {
      const user = requirePermission(c, 'importData');
      const { token } = await parseBody(c, previewCommitBody);
      const plan = await previews.take<BoundaryImportPlan>(token, user.id, 'boundaries');
      const before = await areaTileAreas(db, ctx.area.prefix);
      const codes = await commitBoundaries(db, user, plan);
      const tileAreas = [...before, ...(await areaTileAreas(db, ctx.area.prefix))];
      // Every instance reloads the outlines and rebuilds its static archive on this event (follow-changes.ts).
      await announce(ctx, { entity: 'village', id: '*', action: 'import', layer: 'villages', boundaries: true, by: user.username, tileAreas });
      return c.json<ImportResult>({ applied: codes.length, ids: codes });
    });
}
