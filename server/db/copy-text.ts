// Rows in PostgreSQL's COPY text format: one line per row, columns separated by tabs, \N for null.
// Values are numbers, booleans, strings, or objects sent as JSON text (jsonb columns).

const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

function field(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  return text.replace(/[\\\t\n\r]/g, (c) => ESCAPES[c]);
}

export const copyLine = (values: unknown[]): string => `${values.map(field).join('\t')}\n`;
