import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { portalArea } from '../common/area';
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
import { householdImportRoutes } from './routes/household-import';
import { importRoutes } from './routes/import';
import { monitoringRoutes } from './routes/monitoring';
import { departmentImportRoutes } from './routes/department-import';
import { photoRoutes } from './routes/photos';
import { problemRoutes } from './routes/problems';
import { projectRoutes } from './routes/projects';
import { reportRoutes } from './routes/reports';
import { siteRoutes } from './routes/sites';
import { statsRoutes } from './routes/stats';
import { targetImportRoutes, targetRoutes } from './routes/targets';
import { tileRoutes, tileVersionRoutes } from './routes/tiles';
import { userRoutes } from './routes/users';
import { villageRoutes } from './routes/villages';
import { CountyGeometry } from './services/county-geometry';
import { viewArea } from './services/scope';
import { StaticArchive } from './services/static-archive';
import { dynamicLayerLoaders } from './tiles/dynamic-layers';
import type { ArchiveSource } from './tiles/archive-source';
import { DynamicTiles } from './tiles/dynamic-tiles';
import { followChanges, startFollowing } from './follow-changes';
import { memoryCutter } from './tiles/memory-cutter';
import { postgisCutter } from './tiles/postgis-cutter';
import type { WebFiles } from './web/web-files';
import { serveWebApp } from './web/web-routes';

export const MAX_BODY_BYTES = 1024 * 1024;

export interface AppOptions {
  db: Db;
  staticArchive: ArchiveSource;
  /** False when the archive is a province's or the nation's (STATIC_ARCHIVE): a boundary import must not cut it down to the county. */
  rebuildStaticArchive?: boolean;
  /** The portal's area: a county's code, or a prefecture's (433100). */
  countyCode: string;
  /** The database has PostGIS and its geometry columns (enablePostgis): dynamic tiles are cut per tile in SQL. */
  postgis?: boolean;
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

export function createApp({ db, postgis = false, staticArchive, rebuildStaticArchive = true, web, countyCode, tileCacheBytes, pii, trustProxy = false, cookieSecure = false, live, basemaps = { options: [NO_BASEMAP] } }: AppOptions) {
  const area = portalArea(countyCode);
  const ctx: AppContext = {
    db, area, countyCode, tiles: new DynamicTiles(postgis ? postgisCutter(db) : memoryCutter(dynamicLayerLoaders(db)), tileCacheBytes), bus: new ChangeBus(db), geo: new CountyGeometry(db, area),
    staticTiles: new StaticArchive(staticArchive, rebuildStaticArchive),
  };
  followChanges(ctx);
  const reports = reportRoutes(ctx);
  const api = new Hono<AuthEnv>()
    .use(loadUser(db))
    .use(async (c, next) => {
      c.set('area', await viewArea(db, c.get('user'), area));
      await next();
    })
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
    .route('/import/targets', targetImportRoutes(ctx))
    .route('/import/households', pii ? householdImportRoutes(ctx, pii) : new Hono<AuthEnv>())
    .route('/photos', photoRoutes(ctx))
    .route('/import', importRoutes(ctx))
    .route('/targets', targetRoutes(ctx))
    .route('/bulletin', reports.bulletin)
    .route('/export', reports.exports)
    .route('/', pii ? householdRoutes(ctx, pii) : new Hono<AuthEnv>())
    .route('/monitoring', monitoringRoutes(ctx))
    .route('/import/departments', pii ? departmentImportRoutes(ctx, pii) : new Hono<AuthEnv>())
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
  /** Before serving; stop before closing the database. */
  const start = () => startFollowing(ctx);
  return { app, start, stop: () => ctx.bus.stop(), ...ctx };
}
