import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ApiError } from '../../common/api';
import { maskPersonalNumbers } from '../../common/masking';
import { failureSummary } from '../db/failure-summary';
import { DomainError, type DomainErrorKind } from '../services/domain-error';

/** An error the client caused or must know about, with a message in both UI languages. */
export class HttpError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly messageEn: string,
    readonly extra: { details?: unknown; current?: unknown } = {},
  ) {
    super(message);
  }
}

/** Messages and details quote input at times (a zod issue, a key name): ID and phone numbers in them are masked. */
export function errorBody(code: string, message: string, messageEn: string, extra: object = {}): ApiError {
  const masked = JSON.parse(maskPersonalNumbers(JSON.stringify(extra))) as object;
  return { error: { code, message: maskPersonalNumbers(message), messageEn: maskPersonalNumbers(messageEn), ...masked } };
}

/** What an unexpected failure answers: the details stay in the server's log. */
export const internalErrorBody = (): ApiError => errorBody('internal', '服务器内部错误', 'Internal server error');

const STATUS_OF: Record<DomainErrorKind, ContentfulStatusCode> = {
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  gone: 410,
  unsupported_media: 415,
  unprocessable: 422,
};

export function handleError(err: Error, c: Context) {
  if (err instanceof DomainError) return c.json(errorBody(err.code, err.message, err.messageEn, err.extra), STATUS_OF[err.kind]);
  if (err instanceof HttpError) return c.json(errorBody(err.code, err.message, err.messageEn, err.extra), err.status);
  if (err instanceof HTTPException) {
    return c.json(errorBody('http_error', `请求被拒绝（${err.status}）：${err.message}`, `Request refused (${err.status}): ${err.message}`), err.status);
  }
  console.error(`[server] ${c.req.method} ${JSON.stringify(maskPersonalNumbers(c.req.path))}: ${failureSummary(err)}`);
  return c.json(internalErrorBody(), 500);
}
