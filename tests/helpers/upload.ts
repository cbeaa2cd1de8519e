// Multipart uploads with a session cookie, as the import page sends them.
import type { ApiError } from '../../common/api';
import type { Fetcher, Session } from './session';

export async function upload<T = any>(
  fetcher: Fetcher, session: Session | null, path: string, file: { name: string; bytes: Uint8Array | string }, fields: Record<string, string> = {},
): Promise<{ status: number; body: T & ApiError }> {
  const form = new FormData();
  form.set('file', new Blob([file.bytes as BlobPart]), file.name);
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  const res = await fetcher(path, { method: 'POST', body: form, headers: session ? { Cookie: session.cookie } : {} });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}
