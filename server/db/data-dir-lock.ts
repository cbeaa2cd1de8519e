// PGlite is one connection in one process: a second process on the same data directory would
// corrupt it. A pid file taken with O_EXCL keeps a second server out; a stale one (its process
// gone, e.g. after SIGKILL) is taken over.
import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';

const LOCK_NAME = 'fupin-server.pid';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function lockDataDir(dataDir: string): () => void {
  const path = join(dataDir, LOCK_NAME);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(path, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const holder = Number(readFileSync(path, 'utf8'));
      if (holder && holder !== process.pid && isAlive(holder)) {
        throw new Error(`Data directory ${dataDir} is in use by process ${holder}: PGlite allows one server per directory (数据目录已被进程 ${holder} 占用)`, { cause: err });
      }
      rmSync(path, { force: true });
    }
  }
  throw new Error(`Could not lock data directory ${dataDir}`);
}
