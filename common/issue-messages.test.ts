import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { formIssueMessages, issueDetails, issueMessages, WITH_INPUT } from './issue-messages';

const issuesOf = (schema: z.ZodType, value: unknown) => {
  const result = schema.safeParse(value, WITH_INPUT);
  if (result.success) throw new Error('expected the value to fail');
  return result.error.issues;
};

describe('issueMessages (error answers)', () => {
  it('splits a schema message written "中文 / English" at the first separator', () => {
    const [issue] = issuesOf(z.string().min(1, '名称必填 / Name is required / really'), '');
    expect(issueMessages(issue)).toEqual({ zh: '名称必填', en: 'Name is required / really' });
  });

  it("words zod's own messages in Chinese with the zh-CN locale and keeps zod's English", () => {
    const [issue] = issuesOf(z.coerce.number().int().max(14), '20');
    expect(issueMessages(issue)).toEqual({ zh: '数值过大：期望 number <=14', en: 'Too big: expected number to be <=14' });
  });

  it('names the types for API clients when a value has the wrong type', () => {
    const [issue] = issuesOf(z.number(), 'x');
    expect(issueMessages(issue).en).toBe('Invalid input: expected number, received string');
    expect(issueMessages(issue).zh).toMatch(/^无效输入/);
  });
});

describe('formIssueMessages (beside a form field)', () => {
  it('asks for a number where one is missing or unreadable', () => {
    const [issue] = issuesOf(z.object({ km: z.number() }), { km: '' });
    expect(formIssueMessages(issue)).toEqual({ zh: '请填写有效数值', en: 'Enter a valid number' });
  });

  it('asks for any other missing field', () => {
    const [issue] = issuesOf(z.object({ name: z.string() }), {});
    expect(formIssueMessages(issue)).toEqual({ zh: '请填写此项', en: 'This field is required' });
  });

  it('counts characters for a text that is too short, unless the schema wrote its own message', () => {
    expect(formIssueMessages(issuesOf(z.string().min(2), 'x')[0])).toEqual({ zh: '至少 2 个字', en: 'At least 2 characters' });
    expect(formIssueMessages(issuesOf(z.string().min(2, '太短 / Too short'), 'x')[0])).toEqual({ zh: '太短', en: 'Too short' });
  });

  it('falls back to the answers\' wording for everything else', () => {
    const [issue] = issuesOf(z.enum(['road', 'water']), 'bridge');
    expect(formIssueMessages(issue)).toEqual(issueMessages(issue));
    expect(formIssueMessages(issue).zh).toMatch(/^无效选项/);
  });
});

describe('issueDetails', () => {
  it('leaves the input out of the issues an answer lists', () => {
    const result = z.object({ password: z.string().min(8) }).safeParse({ password: 'secret' }, WITH_INPUT);
    if (result.success) throw new Error('expected a failure');
    const [detail] = issueDetails(result.error);
    expect(detail).not.toHaveProperty('input');
    expect(detail).toMatchObject({ code: 'too_small', path: ['password'] });
  });
});
