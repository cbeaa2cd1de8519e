// The app's JavaScript and CSS are the first thing every visit waits for (twenty-odd files for
// the map page): built assets are answered here, on the plain Node request, like tiles
// (tiles/tile-fast-path.ts). Anything else, a missing asset included, goes on to the Hono routes.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendNode } from '../http/answer';
import { assetAnswer } from './web-answers';
import type { WebFiles } from './web-files';

/** Returns whether it took the request; if not, the caller hands it on. */
export function webFastPath(files: WebFiles) {
  return (req: IncomingMessage, res: ServerResponse): boolean => {
    if (req.method !== 'GET' || !req.url?.startsWith('/assets/')) return false;
    const answer = assetAnswer(files, req.url, req.headers['accept-encoding']);
    if (answer) sendNode(res, answer);
    return answer !== null;
  };
}
