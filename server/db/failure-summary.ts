// What the log may keep of a failed request. Both drivers attach the query's parameters to their
// errors (PGlite enumerably, so console.error prints them), and PostgreSQL's detail quotes the
// failing row: either may hold a password hash, a session token or a person's name. The log keeps
// the error code and message, the table and constraint, and the SQL text, which holds no values.

interface DatabaseErrorFields {
  code?: unknown;
  severity?: unknown;
  table?: unknown;
  column?: unknown;
  constraint?: unknown;
  query?: unknown;
}

const isDatabaseError = (err: Error): err is Error & DatabaseErrorFields =>
  typeof (err as DatabaseErrorFields).code === 'string' && typeof (err as DatabaseErrorFields).severity === 'string';

/** One line a log may show of `err`: for a database error never its parameters or detail. */
export function failureSummary(err: Error): string {
  if (!isDatabaseError(err)) return err.stack ?? `${err.name}: ${err.message}`;
  const where = Object.entries<unknown>({ table: err.table, column: err.column, constraint: err.constraint })
    .flatMap(([k, v]) => (typeof v === 'string' ? [`${k} ${v}`] : []))
    .join(', ');
  const sql = typeof err.query === 'string' ? ` — SQL: ${err.query.replace(/\s+/g, ' ').trim()}` : '';
  return `database error ${String(err.code)}: ${err.message}${where ? ` (${where})` : ''}${sql}`;
}
