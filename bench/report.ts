// The results table: one row per measurement, with its target and whether it was met.
export interface ResultRow {
  section: string;
  measurement: string;
  value: string;
  target?: string;
  /** undefined when the row has no target. */
  met?: boolean;
}

export interface SkippedSection {
  section: string;
  reason: string;
}

const cell = (text: string) => text.replace(/\|/g, '\\|');

export function markdownReport(rows: ResultRow[], skipped: SkippedSection[], notes: string[]): string {
  const lines = [
    '| section | measurement | value | target | met |',
    '|---|---|---|---|---|',
    ...rows.map((r) => `| ${cell(r.section)} | ${cell(r.measurement)} | ${cell(r.value)} | ${cell(r.target ?? '')} | ${r.met === undefined ? '' : r.met ? 'yes' : '**no**'} |`),
  ];
  if (skipped.length) lines.push('', 'Skipped:', ...skipped.map((s) => `- ${s.section}: ${s.reason}`));
  if (notes.length) lines.push('', ...notes.map((n) => `- ${n}`));
  return `${lines.join('\n')}\n`;
}
