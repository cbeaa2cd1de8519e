// A zod issue in both languages, for the server's error answers and the web's forms alike.
// Messages written in the schemas read "中文 / English"; zod's own are English, and its zh-CN
// locale words them in Chinese (given the input, which parsing with `reportInput` keeps, for
// "received …").
import type { z } from 'zod';
// The one locale by itself, so the web bundle does not carry zod's other languages.
import zhCNLocale from 'zod/v4/locales/zh-CN.js';

export type IssueMessages = { zh: string; en: string };

const zhCN = zhCNLocale().localeError;
const SEPARATOR = ' / ';

/** "中文 / English" split at the first separator; null when the message is zod's own. */
function writtenBilingual(message: string): IssueMessages | null {
  const at = message.indexOf(SEPARATOR);
  return at < 0 ? null : { zh: message.slice(0, at), en: message.slice(at + SEPARATOR.length) };
}

/** The wording of error answers: the schema's own message, else zod's in both languages. */
export function issueMessages(issue: z.core.$ZodIssue): IssueMessages {
  const written = writtenBilingual(issue.message);
  if (written) return written;
  const localised = zhCN(issue as unknown as z.core.$ZodRawIssue);
  const zh = typeof localised === 'string' ? localised : localised?.message;
  return { zh: zh ?? issue.message, en: issue.message };
}

/**
 * The wording a form shows beside a field. An empty or non-numeric input is the usual fault
 * there, and zod's "expected number, received string" means nothing to the person typing; the
 * server's answers keep zod's wording, which names the types for API clients.
 */
export function formIssueMessages(issue: z.core.$ZodIssue): IssueMessages {
  if (issue.code === 'invalid_type') {
    return issue.expected === 'number' ? { zh: '请填写有效数值', en: 'Enter a valid number' } : { zh: '请填写此项', en: 'This field is required' };
  }
  if (issue.code === 'too_small' && issue.origin === 'string' && !writtenBilingual(issue.message)) {
    return { zh: `至少 ${String(issue.minimum)} 个字`, en: `At least ${String(issue.minimum)} characters` };
  }
  return issueMessages(issue);
}

/** The issues as the answer lists them: without the input, which may be large or private. */
export const issueDetails = (error: z.ZodError) => error.issues.map(({ input: _input, ...issue }) => issue);

/** Options for safeParse that keep what issueMessages needs. */
export const WITH_INPUT = { reportInput: true } as const;
