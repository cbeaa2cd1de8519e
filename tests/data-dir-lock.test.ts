// The data directory lock: a stale lock whose pid now belongs to another process (common in
// containers, where pids are few and reused) is taken over; a running holder keeps it.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lockDataDir, processStartTime } from '../server/db/data-dir-lock';

const LOCK = 'fupin-server.pid';

describe('data directory lock', () => {
  let dir: string;
  let other: ChildProcess;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'fupin-lock-'));
    other = spawn('sleep', ['60'], { stdio: 'ignore' });
  });
  afterAll(() => {
    other.kill();
    rmSync(dir, { recursive: true, force: true });
  });

  it('records its pid and start time', () => {
    const unlock = lockDataDir(dir);
    expect(readFileSync(join(dir, LOCK), 'utf8')).toBe(`${process.pid} ${processStartTime(process.pid)}`);
    unlock();
  });

  it('takes over a lock whose pid now runs another process', () => {
    // The server that wrote this started at another time than the process now holding its pid.
    writeFileSync(join(dir, LOCK), `${other.pid} 1`);
    const unlock = lockDataDir(dir);
    expect(readFileSync(join(dir, LOCK), 'utf8')).toMatch(new RegExp(`^${process.pid} `));
    unlock();
  });

  it('takes over a lock of the older form (pid only) whose pid runs something else', () => {
    writeFileSync(join(dir, LOCK), String(other.pid));
    lockDataDir(dir)();
  });

  it('refuses while the process that wrote the lock runs', () => {
    writeFileSync(join(dir, LOCK), `${other.pid} ${processStartTime(other.pid!)}`);
    expect(() => lockDataDir(dir)).toThrow(/in use by process/);
    rmSync(join(dir, LOCK));
  });

  it('takes over the lock of a process that is gone', async () => {
    const gone = spawn('true');
    await new Promise((resolve) => gone.once('exit', resolve));
    writeFileSync(join(dir, LOCK), `${gone.pid} ${processStartTime(process.pid)}`);
    lockDataDir(dir)();
  });
});
