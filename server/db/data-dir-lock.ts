// PGlite is one connection in one process: a second process on the same data directory would
// corrupt it. A lock file taken with O_EXCL keeps a second server out; a stale one (its process
// gone, e.g. after SIGKILL) is taken over. The file names the holder's pid and, where /proc
// exists, the process's start time: in a container the pid of a dead server is soon another
// process's, and only the start time tells them apart.
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

/** Clock ticks since boot when the process started (field 22 of /proc/PID/stat); null without /proc. */
export function processStartTime(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name in parentheses may hold spaces: count fields after its closing one.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

/** Whether the pid runs this server at all; true where /proc cannot say. */
function runsServer(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('server/main');
  } catch {
    return true;
  }
}

/**
 * Whether the process that wrote the lock still runs: same pid and same start time, or, for a
 * lock written before start times were recorded, a pid that runs this server.
 */
function holderRuns(pid: number, startedAt: string | undefined): boolean {
  if (!pid || pid === process.pid || !isAlive(pid)) return false;
  if (!startedAt) return runsServer(pid);
  const now = processStartTime(pid);
  return now === null || now === startedAt;
}

export function lockDataDir(dataDir: string): () => void {
  const path = join(dataDir, LOCK_NAME);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, [process.pid, processStartTime(process.pid) ?? ''].join(' ').trim());
      closeSync(fd);
      return () => rmSync(path, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const [pid, startedAt] = readFileSync(path, 'utf8').trim().split(/\s+/);
      const holder = Number(pid);
      if (holderRuns(holder, startedAt)) {
        throw new Error(`Data directory ${dataDir} is in use by process ${holder}: PGlite allows one server per directory (数据目录已被进程 ${holder} 占用)`, { cause: err });
      }
      rmSync(path, { force: true });
    }
  }
  throw new Error(`Could not lock data directory ${dataDir}`);
}
