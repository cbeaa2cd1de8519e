import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { loadUser, type AuthEnv } from './auth/middleware';
import type { AppContext } from './context';
import type { Db } from './db/client';
import type { PiiCipher } from './pii/cipher';
import { ChangeBus } from './events';
import { errorBody, handleError, HttpError } from './http/errors';
import { sameOriginWrites } from './http/same-origin';
import { takesFiles } from './http/upload';
import { NO_BASEMAP, type BasemapOption } from '../common/basemaps';
import { authRoutes } from './routes/auth';
import { basemapRoutes } from './routes/basemaps';
import { DEFAULT_LIVE_LIMITS, eventRoutes, type LiveLimits } from './routes/events';
import { geographyRoutes } from './routes/geography';
import { geojsonRoutes } from './routes/geojson';
import { householdRoutes } from './routes/households';
import { importRoutes } from './routes/import';
import { photoRoutes } from './routes/photos';
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
import type { ArchiveSource } from './tiles/archive-source';
import { DynamicTiles } from './tiles/dynamic-tiles';
import type { WebFiles } from './web/web-files';
import { serveWebApp } from './web/web-routes';

export const MAX_BODY_BYTES = 1024 * 1024;

export interface AppOptions {
  db: Db;
  staticArchive: ArchiveSource;
  /** False when the archive is a province's or the nation's (STATIC_ARCHIVE): a boundary import must not cut it down to the county. */
  rebuildStaticArchive?: boolean;
  countyCode: string;
  /** Bound on the dynamic tile cache; DEFAULT_TILE_CACHE_BYTES when absent. */
  tileCacheBytes?: number;
  /** Built web app (dist/web); absent in development, where vite serves it. */
  web?: WebFiles | null;
  /** The personal-data key's cipher; the household API is served only with one. */
  pii?: PiiCipher;
  /** Behind a reverse proxy: believe its X-Forwarded-* headers (TRUST_PROXY). */
  trustProxy?: boolean;
  /** The session cookie is Secure whatever the request says (COOKIE_SECURE). */
  cookieSecure?: boolean;
  live?: Partial<LiveLimits>;
  /** The basemaps offered (NO_BASEMAP alone when absent) and the local basemap archive, if any. */
  basemaps?: { options: readonly BasemapOption[]; archive?: ArchiveSource };
}

export function createApp({ db, staticArchive, rebuildStaticArchive = true, web, countyCode, tileCacheBytes, pii, trustProxy = false, cookieSecure = false, live, basemaps = { options: [NO_BASEMAP] } }: AppOptions) {
  const ctx: AppContext = {
    db, countyCode, tiles: new DynamicTiles(dynamicLayerLoaders(db), tileCacheBytes), bus: new ChangeBus(db), geo: new CountyGeometry(db, countyCode),
    staticTiles: new StaticArchive(staticArchive, rebuildStaticArchive),
  };
  const reports = reportRoutes(ctx);
  const api = new Hono<AuthEnv>()
    .use(loadUser(db))
    .route('/auth', authRoutes(ctx, { trustProxy, cookieSecure }))
    .route('/users', userRoutes(ctx))
    .route('/', geographyRoutes(ctx))
    .route('/villages', villageRoutes(ctx))
    .route('/sites', siteRoutes(ctx))
    .route('/projects', projectRoutes(ctx))
    .route('/stats', statsRoutes(ctx))
    .route('/geojson', geojsonRoutes(ctx))
    .route('/basemaps', basemapRoutes(basemaps.options))
    .route('/tiles', tileVersionRoutes(ctx.tiles))
    .route('/events', eventRoutes(ctx, { ...DEFAULT_LIVE_LIMITS, ...live }, trustProxy))
    .route('/problems', problemRoutes(ctx))
    .route('/photos', photoRoutes(ctx))
    .route('/import', importRoutes(ctx))
    .route('/bulletin', reports.bulletin)
    .route('/export', reports.exports)
    .route('/', pii ? householdRoutes(ctx, pii) : new Hono<AuthEnv>())
    .all('*', (c) => {
      throw new HttpError(404, 'not_found', `未找到接口：${c.req.method} ${c.req.path}`, `No such endpoint: ${c.req.method} ${c.req.path}`);
    });

  const app = new Hono();
  app.onError(handleError);
  const jsonLimit = bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: (c) => c.json(errorBody('body_too_large', '请求体过大（上限 1 MB）', 'Request body too large (limit 1 MB)'), 413),
  });
  // Uploads have their own, larger limits (routes/import.ts, routes/photos.ts).
  app.use('/api/*', (c, next) => (takesFiles(c.req.path) ? next() : jsonLimit(c, next)));
  // The SameSite=Strict cookie is the second lock.
  app.use('/api/*', sameOriginWrites({ trustProxy }));
  app.route('/api', api);
  app.route('/tiles', tileRoutes(ctx.tiles, ctx.staticTiles, basemaps.archive));
  // A tile path the routes above do not know is a missing tile, not a page of the app.
  app.all('/tiles/*', (c) => c.notFound());
  if (web) serveWebApp(app, web);
  app.notFound((c) => c.json(errorBody('not_found', `未找到：${c.req.path}`, `Not found: ${c.req.path}`), 404));
  return { app, ...ctx };
}
