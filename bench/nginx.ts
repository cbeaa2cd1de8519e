// Debian's nginx serving a folder on a loopback port from a throwaway config: the baseline the
// tile endpoints are measured against.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, waitForHttp } from './processes';

export const NGINX_PATH = process.env.NGINX_PATH ?? '/usr/sbin/nginx';

export interface StaticServer {
  url: string;
  root: string;
  stop(): Promise<void>;
}

export const nginxAvailable = () => existsSync(NGINX_PATH);

/**
 * One worker process: the Node server under comparison is one process too, and on a two-core
 * machine the load generator needs the other core.
 */
function config(dir: string, root: string, port: number): string {
  const temp = (name: string) => `${name}_temp_path ${join(dir, name)};`;
  return `
worker_processes 1;
daemon off;
pid ${join(dir, 'nginx.pid')};
error_log ${join(dir, 'error.log')} warn;
${process.getuid?.() === 0 ? 'user root;' : ''}
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  default_type application/octet-stream;
  ${['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map(temp).join('\n  ')}
  server {
    listen 127.0.0.1:${port};
    root ${root};
  }
}
`;
}

export async function startNginx(): Promise<StaticServer> {
  const dir = mkdtempSync(join(tmpdir(), 'fupin-nginx-'));
  const root = join(dir, 'www');
  mkdirSync(root);
  const port = await freePort();
  writeFileSync(join(dir, 'nginx.conf'), config(dir, root, port));
  const child: ChildProcess = spawn(NGINX_PATH, ['-p', dir, '-c', join(dir, 'nginx.conf')], { stdio: 'ignore' });
  const url = `http://127.0.0.1:${port}`;
  await waitForHttp(url, child);
  return {
    url,
    root,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGQUIT');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
