import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { loadUser, type AuthEnv } from './auth/middleware';
import type { AppContext } from './context';
import type { Db } from './db/client';
import { ChangeBus } from './events';
import { errorBody, handleError, HttpError } from './http/errors';
import { sameOriginWrites } from './http/same-origin';
import { UPLOAD_PREFIX } from './http/upload';
import { authRoutes } from './routes/auth';
import { eventRoutes } from './routes/events';
import { geographyRoutes } from './routes/geography';
import { geojsonRoutes } from './routes/geojson';
import { importRoutes } from './routes/import';
import { problemRoutes } from './routes/problems';
import { projectRoutes } from './routes/projects';
import { reportRoutes } from './routes/reports';
import { siteRoutes } from './routes/sites';
import { statsRoutes } from './routes/stats';
import { tileRoutes, tileVersionRoutes } from './routes/tiles';
import { userRoutes } from './routes/users';
import { villageRoutes } from './routes/villages';
import { CountyGeometry } from './services/county-geometry';
import { StaticArchive } from './services/static-archive';
import { dynamicLayerLoaders } from './tiles/dynamic-layers';
import { DynamicTiles } from './tiles/dynamic-tiles';
import type { WebFiles } from './web/web-files';
import { serveWebApp } from './web/web-routes';

export const MAX_BODY_BYTES = 1024 * 1024;

export interface AppOptions {
  db: Db;
  staticArchive: () => Uint8Array;
  /** False when the archive is a province's or the nation's (STATIC_ARCHIVE): a boundary import must not cut it down to the county. */
  rebuildStaticArchive?: boolean;
  countyCode: string;
  /** Built web app (dist/web); absent in development, where vite serves it. */
  web?: WebFiles | null;
}

export function createApp({ db, staticArchive, rebuildStaticArchive = true, web, countyCode }: AppOptions) {
  const ctx: AppContext = {
    db, countyCode, tiles: new DynamicTiles(dynamicLayerLoaders(db)), bus: new ChangeBus(), geo: new CountyGeometry(db, countyCode),
    staticTiles: new StaticArchive(staticArchive(), rebuildStaticArchive),
  };
  const reports = reportRoutes(ctx);
  const api = new Hono<AuthEnv>()
    .use(loadUser(db))
    .route('/auth', authRoutes(ctx))
    .route('/users', userRoutes(ctx))
    .route('/', geographyRoutes(ctx))
    .route('/villages', villageRoutes(ctx))
    .route('/sites', siteRoutes(ctx))
    .route('/projects', projectRoutes(ctx))
    .route('/stats', statsRoutes(ctx))
    .route('/geojson', geojsonRoutes(ctx))
    .route('/tiles', tileVersionRoutes(ctx.tiles))
    .route('/events', eventRoutes(ctx))
    .route('/problems', problemRoutes(ctx))
    .route('/import', importRoutes(ctx))
    .route('/bulletin', reports.bulletin)
    .route('/export', reports.exports)
    .all('*', (c) => {
      throw new HttpError(404, 'not_found', `未找到接口：${c.req.method} ${c.req.path}`, `No such endpoint: ${c.req.method} ${c.req.path}`);
    });

  const app = new Hono();
  app.onError(handleError);
  const jsonLimit = bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: (c) => c.json(errorBody('body_too_large', '请求体过大（上限 1 MB）', 'Request body too large (limit 1 MB)'), 413),
  });
  // Uploads have their own, larger limit (routes/import.ts).
  app.use('/api/*', (c, next) => (c.req.path.startsWith(UPLOAD_PREFIX) ? next() : jsonLimit(c, next)));
  // The SameSite=Strict cookie is the second lock.
  app.use('/api/*', sameOriginWrites());
  app.route('/api', api);
  app.route('/tiles', tileRoutes(ctx.tiles, ctx.staticTiles.current));
  if (web) serveWebApp(app, web);
  app.notFound((c) => c.json(errorBody('not_found', `未找到：${c.req.path}`, `Not found: ${c.req.path}`), 404));
  return { app, ...ctx, staticArchive: ctx.staticTiles.current };
}
