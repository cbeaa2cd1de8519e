import type { Context } from 'hono';
import { HttpError } from './errors';

/** Parses a single "bytes=a-b" / "bytes=a-" / "bytes=-n" range; PMTiles clients never ask for more than one. */
export function parseRange(header: string, size: number): { start: number; end: number } | null {
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return null;
  let start: number;
  let end: number;
  if (m[1] === '') {
    start = Math.max(0, size - Number(m[2]));
    end = size - 1;
  } else {
    start = Number(m[1]);
    end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  }
  return start <= end && start < size ? { start, end } : null;
}

export function serveRange(c: Context, bytes: Uint8Array, contentType: string) {
  c.header('Content-Type', contentType);
  c.header('Accept-Ranges', 'bytes');
  c.header('Cache-Control', 'no-cache');
  const header = c.req.header('Range');
  if (!header) {
    c.header('Content-Length', String(bytes.length));
    return c.body(bytes as Uint8Array<ArrayBuffer>);
  }
  const range = parseRange(header, bytes.length);
  if (!range) {
    c.header('Content-Range', `bytes */${bytes.length}`);
    throw new HttpError(416, 'range_not_satisfiable', `无法满足的字节范围：${header}`, `Range not satisfiable: ${header}`);
  }
  c.header('Content-Range', `bytes ${range.start}-${range.end}/${bytes.length}`);
  c.header('Content-Length', String(range.end - range.start + 1));
  return c.body(bytes.subarray(range.start, range.end + 1) as Uint8Array<ArrayBuffer>, 206);
}
