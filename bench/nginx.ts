// Debian's nginx serving a folder on a loopback port from a throwaway config: the baseline the
// tile endpoints are measured against.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { runNginx } from '../tests/helpers/nginx';

export { nginxAvailable, NGINX_PATH } from '../tests/helpers/nginx';

export interface StaticServer {
  url: string;
  root: string;
  stop(): Promise<void>;
}

export async function startNginx(): Promise<StaticServer> {
  let root = '';
  const nginx = await runNginx((dir, port) => {
    root = join(dir, 'www');
    mkdirSync(root);
    return `server {
    listen 127.0.0.1:${port};
    root ${root};
  }`;
  });
  return { url: nginx.url, root, stop: () => nginx.stop() };
}
