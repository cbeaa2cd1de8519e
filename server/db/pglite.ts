import { PGlite } from '@electric-sql/pglite';
import { mkdirSync } from 'node:fs';
import type { Db } from './client';
import { lockDataDir } from './data-dir-lock';
import { serialQueue } from './serial-queue';

export async function openPglite(dataDir?: string): Promise<Db> {
  let unlock = () => {};
  if (dataDir) {
    mkdirSync(dataDir, { recursive: true });
    unlock = lockDataDir(dataDir);
  }
  const pg = await PGlite.create(dataDir);
  const enqueue = serialQueue();
  return {
    kind: 'pglite',
    async query<T>(sql: string, params: unknown[] = []) {
      return (await pg.query<T>(sql, params)).rows;
    },
    async exec(sql) {
      await pg.exec(sql);
    },
    write(fn) {
      return enqueue(() =>
        pg.transaction(async (tx) =>
          fn({ query: async <T>(sql: string, params: unknown[] = []) => (await tx.query<T>(sql, params)).rows }),
        ),
      );
    },
    async close() {
      await pg.close();
      unlock();
    },
  };
}
