// Debian's nginx on loopback from a throwaway directory, not as a daemon: the bench's baseline
// for static files, and deploy/nginx.conf as the README tells an operator to install it, with
// this run's ports and paths.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './postgres';
import { REPO_ROOT } from './server';

export const NGINX_PATH = process.env.NGINX_PATH ?? '/usr/sbin/nginx';
export const nginxAvailable = () => existsSync(NGINX_PATH);

export interface Nginx {
  url: string;
  dir: string;
  stop(): Promise<void>;
}

/**
 * One worker process: the Node server under comparison is one process too, and on a two-core
 * machine the load generator needs the other core. `http` is what goes inside the http block,
 * given this run's directory and port.
 */
export async function runNginx(http: (dir: string, port: number) => string): Promise<Nginx> {
  const dir = mkdtempSync(join(tmpdir(), 'fupin-nginx-'));
  const port = await freePort();
  const temp = (name: string) => `${name}_temp_path ${join(dir, name)};`;
  writeFileSync(join(dir, 'nginx.conf'), `
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
  ${http(dir, port)}
}
`);
  const child = spawn(NGINX_PATH, ['-p', dir, '-c', join(dir, 'nginx.conf')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`nginx exited with ${child.exitCode}: ${stderr}`);
    if (await fetch(url).then(() => true, () => false)) break;
    if (Date.now() > deadline) throw new Error(`nginx: no answer on ${url} within 10 s`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    url,
    dir,
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

/** Replaces the one place `pattern` matches in the template, or fails: the test must notice the file changing shape. */
function replaceOnce(text: string, pattern: RegExp, replacement: string): string {
  const matches = text.match(new RegExp(pattern.source, `${pattern.flags.replace('g', '')}g`));
  if (matches?.length !== 1) throw new Error(`deploy/nginx.conf: expected one match of ${pattern}, found ${matches?.length ?? 0}`);
  return text.replace(pattern, replacement);
}

/** deploy/nginx.conf in front of these instances, serving this archive file itself. */
export function deployedNginx(instances: string[], archivePath: string): Promise<Nginx> {
  const template = readFileSync(join(REPO_ROOT, 'deploy/nginx.conf'), 'utf8');
  return runNginx((dir, port) => {
    let site = replaceOnce(template, /(upstream fupin \{\n)(?:\s*server [^\n]*\n)+/, `$1${instances.map((u) => `    server ${new URL(u).host};\n`).join('')}`);
    site = replaceOnce(site, /listen 80;/, `listen 127.0.0.1:${port};`);
    site = replaceOnce(site, /access_log \/var\/log\/nginx\/fupin\.access\.log/, `access_log ${join(dir, 'access.log')}`);
    return replaceOnce(site, /alias \/srv\/fupin\/tiles\/national\.pmtiles;/, `alias ${archivePath};`);
  });
}
