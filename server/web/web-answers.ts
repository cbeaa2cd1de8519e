// What the server answers for the web app's files, worked out once for the Hono routes and the
// plain Node fast path (web/web-fast-path.ts). Asset names carry a hash of their content, so
// they are cached for good; index.html names the current ones and is checked on every visit.
import { acceptedEncodings } from '../http/accept-encoding';
import type { Answer } from '../http/answer';
import type { Encoding, WebFile, WebFiles } from './web-files';

const IMMUTABLE = 'public, max-age=31536000, immutable';
/** In order of preference: brotli is about a fifth smaller than gzip on this app's JavaScript. */
const PREFERRED: Encoding[] = ['br', 'gzip'];

function fileAnswer(file: WebFile, cacheControl: string, acceptEncoding: string | undefined): Answer {
  const accepted = acceptedEncodings(acceptEncoding);
  const encoding = PREFERRED.find((e) => file.encoded[e] && accepted.has(e));
  const body = encoding ? file.encoded[encoding]! : file.bytes;
  const headers: Record<string, string> = { 'Content-Type': file.type, 'Cache-Control': cacheControl, 'Content-Length': String(body.length) };
  if (Object.keys(file.encoded).length) headers.Vary = 'Accept-Encoding';
  if (encoding) headers['Content-Encoding'] = encoding;
  return { status: 200, headers, body };
}

/** A built asset; null when there is no such file. */
export function assetAnswer(files: WebFiles, path: string, acceptEncoding: string | undefined): Answer | null {
  const file = files.assets.get(path);
  return file ? fileAnswer(file, IMMUTABLE, acceptEncoding) : null;
}

/**
 * A file beside index.html (the service worker, the manifest, the icons): checked on every visit,
 * since its name stays the same when it changes; null when there is no such file.
 */
export function rootFileAnswer(files: WebFiles, path: string, acceptEncoding: string | undefined): Answer | null {
  const file = files.root.get(path);
  return file ? fileAnswer(file, 'no-cache', acceptEncoding) : null;
}

/** index.html, for every path of the single-page app. */
export function indexAnswer(files: WebFiles, acceptEncoding: string | undefined): Answer {
  return fileAnswer(files.index, 'no-cache', acceptEncoding);
}
