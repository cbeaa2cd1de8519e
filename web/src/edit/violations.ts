// Everything that can be wrong with a form, in one shape (common/rules.ts's Violation): what the
// shared schemas say, what the cross-field rules say, and what the server answered.
import type { z } from 'zod';
import type { ApiError } from '../../../common/api';
import { formIssueMessages } from '../../../common/issue-messages';
import type { Violation } from '../../../common/rules';
import { locale } from '../i18n';

/** A message for the whole form rather than one field. */
export const FORM = '';

type Bilingual = Pick<Violation, 'message' | 'messageEn'>;

export function issueViolations(issues: readonly z.core.$ZodIssue[]): Violation[] {
  return issues.map((issue) => {
    const { zh, en } = formIssueMessages(issue);
    return { field: String(issue.path[0] ?? FORM), message: zh, messageEn: en };
  });
}

/** Schema first; the cross-field rules only make sense on a value that passed it. */
export function checkPayload<S extends z.ZodType>(schema: S, payload: unknown, rules: (valid: z.infer<S>) => Violation[] = () => []): Violation[] {
  const result = schema.safeParse(payload);
  return result.success ? rules(result.data) : issueViolations(result.error.issues);
}

const NOTHING_CHANGED: Violation = { field: FORM, message: '没有修改任何内容', messageEn: 'Nothing has been changed' };

/** A patch carries the edited version, an optional note and the changed fields: without any, there is nothing to save. */
export function checkPatch<S extends z.ZodType>(schema: S, patch: object, rules?: (valid: z.infer<S>) => Violation[]): Violation[] {
  const changes = Object.keys(patch).filter((key) => key !== 'version' && key !== 'note');
  return changes.length === 0 ? [NOTHING_CHANGED] : checkPayload(schema, patch, rules);
}

/** 422 carries rule violations, 400 schema issues; other errors concern the whole form. */
export function serverViolations(error: ApiError['error']): Violation[] {
  if (!Array.isArray(error.details)) return [];
  if (error.code === 'invalid_figures') return error.details as Violation[];
  if (error.code === 'invalid_body') return issueViolations(error.details as z.core.$ZodIssue[]);
  return [];
}

export const inLocale = (text: Bilingual): string => (locale.value === 'en' ? text.messageEn : text.message);
