import type { Context } from 'hono';
import { z } from 'zod';
import { HttpError } from './errors';
import { issueDetails, issueMessages, WITH_INPUT } from '../../common/issue-messages';

function describe(error: z.ZodError, language: 'zh' | 'en'): string {
  return error.issues.map((i) => `${i.path.join('.') || '(root)'}${language === 'zh' ? '：' : ': '}${issueMessages(i)[language]}`).join(language === 'zh' ? '；' : '; ');
}

export function invalid(code: string, zhWhat: string, enWhat: string, error: z.ZodError): HttpError {
  return new HttpError(400, code, `${zhWhat}无效：${describe(error, 'zh')}`, `Invalid ${enWhat}: ${describe(error, 'en')}`, {
    details: issueDetails(error),
  });
}

export function parseQuery<S extends z.ZodType>(c: Context, schema: S): z.infer<S> {
  const result = schema.safeParse(c.req.query(), WITH_INPUT);
  if (!result.success) throw invalid('invalid_query', '查询参数', 'query parameters', result.error);
  return result.data;
}

export function parseParams<S extends z.ZodType>(c: Context, schema: S): z.infer<S> {
  const result = schema.safeParse(c.req.param(), WITH_INPUT);
  if (!result.success) throw invalid('invalid_path', '路径参数', 'path parameters', result.error);
  return result.data;
}


/**
 * Parses a JSON body. The version a write edited may come in the body or, as HTTP intends, in
 * If-Match; a JSON content type is required, which also keeps cross-site HTML forms out.
 */
export async function parseBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.infer<S>> {
  if (!/^application\/json\b/i.test(c.req.header('Content-Type') ?? '')) {
    throw new HttpError(415, 'unsupported_media_type', '请求体须为 JSON（Content-Type: application/json）', 'Body must be JSON (Content-Type: application/json)');
  }
  let body: unknown;
  try {
    body = await c.req.json();
  } catch {
    throw new HttpError(400, 'invalid_json', '请求体不是有效的 JSON', 'Body is not valid JSON');
  }
  const ifMatch = c.req.header('If-Match')?.replace(/^W\//, '').replace(/"/g, '');
  if (ifMatch && body && typeof body === 'object' && !Array.isArray(body) && !('version' in body)) {
    body = { ...body, version: Number(ifMatch) };
  }
  const result = schema.safeParse(body, WITH_INPUT);
  if (!result.success) throw invalid('invalid_body', '提交的数据', 'request body', result.error);
  return result.data;
}
