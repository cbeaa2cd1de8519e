// A file with a fault in every row would answer with megabytes of issues that no one reads and the
// browser chokes on: the first few of each kind are listed, the rest counted.
import type { ImportIssue, ImportIssues, OmittedIssues } from '../../../common/imports';

export const ISSUES_PER_KIND = 20;

/** Issues of one kind: the same field (of the same layer); file-wide issues have no field. */
const kindOf = (i: ImportIssue) => `${i.layer ?? ''}|${i.field ?? ''}`;

export function capIssues(all: ImportIssue[]): ImportIssues {
  const shown = new Map<string, number>();
  const omitted = new Map<string, OmittedIssues>();
  const errors: ImportIssue[] = [];
  for (const issue of all) {
    const kind = kindOf(issue);
    const n = shown.get(kind) ?? 0;
    if (n < ISSUES_PER_KIND) {
      shown.set(kind, n + 1);
      errors.push(issue);
      continue;
    }
    const more = omitted.get(kind);
    if (more) more.count++;
    else omitted.set(kind, { field: issue.field ?? '', layer: issue.layer, count: 1, message: issue.message, messageEn: issue.messageEn });
  }
  return { errors, errorCount: all.length, omittedErrors: [...omitted.values()] };
}
