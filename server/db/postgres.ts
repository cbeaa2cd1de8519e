import postgres from 'postgres';
import type { Db, Queryable } from './client';
import { serialQueue } from './serial-queue';

type Sql = postgres.Sql | postgres.TransactionSql;

const queryable = (sql: Sql): Queryable => ({
  async query<T>(text: string, params: unknown[] = []) {
    return (await sql.unsafe(text, params as postgres.ParameterOrJSON<never>[])) as unknown as T[];
  },
});

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
      return enqueue(() => sql.begin((tx) => fn(queryable(tx))) as Promise<never>);
    },
    async close() {
      await sql.end({ timeout: 5 });
    },
  };
}
