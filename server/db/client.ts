// One database interface over two drivers: embedded PGlite (default) and a PostgreSQL server
// (DATABASE_URL). Both receive the same SQL with $n parameters; open-db.ts picks the driver.

export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /**
   * PostgreSQL only: `COPY table (columns) FROM STDIN` fed these lines (copy-text.ts), the fast
   * way to load hundreds of thousands of rows.
   */
  copyFrom?(table: string, columns: string[], lines: AsyncIterable<string>): Promise<void>;
}

export interface Db extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** Runs several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
  /**
   * Every write goes through here: one transaction at a time, in arrival order. PGlite has a
   * single connection, and serialising also keeps version checks and audit rows consistent on a server.
   */
  write<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /**
   * PostgreSQL only (other processes may write): LISTEN on a connection of its own. `onListen`
   * runs on every (re)connection, when notifications may have been missed. Returns the unlisten.
   */
  listen?(channel: string, onNotify: (payload: string) => void, onListen: () => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}
