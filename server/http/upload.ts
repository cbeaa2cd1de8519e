// File uploads (imports): a larger body limit than the JSON API's, and multipart parsing.
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { Upload } from '../services/import/upload';
import { MAX_PHOTO_BYTES } from '../../common/field-capture';
import { errorBody, HttpError } from './errors';

/** Routes under these prefixes take files; the 1 MB JSON limit does not apply to them. */
export const UPLOAD_PREFIX = '/api/import/';
export const PHOTO_PREFIX = '/api/photos/';
export const takesFiles = (path: string) => path.startsWith(UPLOAD_PREFIX) || path.startsWith(PHOTO_PREFIX);
export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

/** A photo's limit, from Content-Length before a byte is read, else while streaming. */
export function photoLimit(): MiddlewareHandler {
  const mb = MAX_PHOTO_BYTES / 1024 / 1024;
  return bodyLimit({
    maxSize: MAX_PHOTO_BYTES,
    onError: (c) => c.json(errorBody('photo_too_large', `照片过大（上限 ${mb} MB），未保存`, `Photo too large (limit ${mb} MB); not saved`), 413),
  });
}

export function uploadLimit(): MiddlewareHandler {
  // Refused from Content-Length before a byte is read when the client declares it, else while streaming.
  return bodyLimit({
    maxSize: MAX_UPLOAD_BYTES,
    onError: (c) => c.json(errorBody('file_too_large', '文件过大（上限 20 MB），未导入任何数据', 'File too large (limit 20 MB); nothing was imported'), 413),
  });
}

/** The file of a multipart form (field `file`) and its text fields. */
export async function readUpload(c: Context): Promise<{ file: Upload; fields: Record<string, string> }> {
  if (!/^multipart\/form-data\b/i.test(c.req.header('Content-Type') ?? '')) {
    throw new HttpError(415, 'unsupported_media_type', '请以 multipart/form-data 上传文件', 'Upload the file as multipart/form-data');
  }
  let form: Record<string, string | File | (string | File)[]>;
  try {
    form = await c.req.parseBody();
  } catch {
    throw new HttpError(400, 'invalid_form', '上传的表单无法解析', 'The uploaded form cannot be parsed');
  }
  const { file, ...rest } = form;
  if (!(file instanceof File)) throw new HttpError(400, 'missing_file', '缺少上传文件（表单字段 file）', 'No file uploaded (form field "file")');
  const fields = Object.fromEntries(Object.entries(rest).filter((e): e is [string, string] => typeof e[1] === 'string'));
  return { file: { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) }, fields };
}
