import type { Hono } from 'hono';
import { sendHono } from '../http/answer';
import { assetAnswer, indexAnswer, rootFileAnswer } from './web-answers';
import type { WebFiles } from './web-files';

/**
 * Serves the built SPA. A missing asset is a 404 (not index.html, which a browser would try to
 * run as a script); any other path gets index.html so client-side routes survive a reload.
 */
export function serveWebApp(app: Hono, files: WebFiles) {
  app.get('/assets/*', (c) => {
    const answer = assetAnswer(files, c.req.path, c.req.header('Accept-Encoding'));
    return answer ? sendHono(c, answer) : c.notFound();
  });
  app.get('*', (c) => {
    const encoding = c.req.header('Accept-Encoding');
    return sendHono(c, rootFileAnswer(files, c.req.path, encoding) ?? indexAnswer(files, encoding));
  });
}
