// The server of a production portal before its first-run setup: the setup API, the web app (which
// shows its setup page when the API answers setup_required), and nothing of the portal's data.
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { Db } from './db/client';
import { errorBody, handleError, HttpError } from './http/errors';
import { sameOriginWrites } from './http/same-origin';
import { setupRoutes, type SetupGate } from './routes/setup';
import type { WebFiles } from './web/web-files';
import { serveWebApp } from './web/web-routes';

const SETUP_BODY_BYTES = 16 * 1024;

export function createSetupApp(db: Db, gate: SetupGate, web?: WebFiles | null, trustProxy = false) {
  const app = new Hono();
  app.onError(handleError);
  app.use('/api/*', bodyLimit({
    maxSize: SETUP_BODY_BYTES,
    onError: (c) => c.json(errorBody('body_too_large', '请求体过大', 'Request body too large'), 413),
  }));
  app.use('/api/*', sameOriginWrites({ trustProxy }));
  app.route('/api/setup', setupRoutes(db, gate));
  app.all('/api/*', () => {
    throw new HttpError(503, 'setup_required', '门户尚未完成初始设置：请先选择县并创建管理员', 'The portal is not set up yet: choose the county and create the admin first');
  });
  app.all('/tiles/*', (c) => c.json(errorBody('setup_required', '门户尚未完成初始设置', 'The portal is not set up yet'), 503));
  if (web) serveWebApp(app, web);
  app.notFound((c) => c.json(errorBody('not_found', `未找到：${c.req.path}`, `Not found: ${c.req.path}`), 404));
  return app;
}
