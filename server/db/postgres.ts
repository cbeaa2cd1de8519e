import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import postgres from 'postgres';
import type { Db, Queryable } from './client';
import { serialQueue } from './serial-queue';

/**
 * Every write transaction of every instance on this database takes this lock first: writes are one
 * at a time database-wide, as they are within one process (serial-queue.ts), so a version check
 * cannot pass on two instances at once, and change_log ids commit in the order they were issued.
 */
const WRITE_LOCK = 4_202_611;

type Sql = postgres.Sql | postgres.TransactionSql;

const queryable = (sql: Sql): Queryable => ({
  async query<T>(text: string, params: unknown[] = []) {
    return (await sql.unsafe(text, params as postgres.ParameterOrJSON<never>[])) as unknown as T[];
  },
  async copyFrom(table, columns, lines) {
    const stream = await sql.unsafe(`COPY ${quoteIdent(table)} (${columns.map(quoteIdent).join(', ')}) FROM STDIN`).writable();
    await pipeline(Readable.from(lines), stream);
  },
});

/** Table and column names come from the code, never from input; quoted all the same. */
const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

export async function openPostgres(url: string): Promise<Db> {
  const sql = postgres(url, { max: 10, onnotice: () => undefined });
  const enqueue = serialQueue();
  await sql`select 1`;
  return {
    kind: 'postgres',
    ...queryable(sql),
    async exec(text) {
      await sql.unsafe(text);
    },
    write(fn) {
      return enqueue(() =>
        sql.begin(async (tx) => {
          await tx`SELECT pg_advisory_xact_lock(${WRITE_LOCK})`;
          return fn(queryable(tx));
        }) as Promise<never>,
      );
    },
    async listen(channel, onNotify, onListen) {
      const listening = await sql.listen(channel, onNotify, onListen);
      return () => listening.unlisten();
    },
    async close() {
      await sql.end({ timeout: 5 });
    },
  };
}
