// A zod issue in both languages of an error answer. Messages written in the schemas read
// "中文 / English"; zod's own are English, and its zh-CN locale words them in Chinese (given the
// input, which parsing with `reportInput` keeps, for "received …").
import { z } from 'zod';

const zhCN = z.locales.zhCN().localeError;

export function issueMessages(issue: z.core.$ZodIssue): { zh: string; en: string } {
  const [zh, en] = issue.message.split(' / ');
  if (en !== undefined) return { zh, en };
  const localised = zhCN(issue as unknown as z.core.$ZodRawIssue);
  const zhDefault = typeof localised === 'string' ? localised : localised?.message;
  return { zh: zhDefault ?? issue.message, en: issue.message };
}

/** The issues as the answer lists them: without the input, which may be large or private. */
export const issueDetails = (error: z.ZodError) => error.issues.map(({ input: _input, ...issue }) => issue);

/** Options for safeParse that keep what issueMessages needs. */
export const WITH_INPUT = { reportInput: true } as const;
