// The page a slow link shows first: index.html carries a small inline shell (web/index.html) that
// names the county before any script has arrived. The name is written in here, once, as the
// server starts, and the compressed copies are made again to match.
import { brotliCompressSync, gzipSync } from 'node:zlib';
import type { WebFiles } from './web-files';

/** Where web/index.html wants the county's name. */
export const COUNTY_SLOT = '<!--county-name-->';

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The web files with the county's name in the shell of index.html; unchanged when it has no slot. */
export function withCountyName(files: WebFiles, countyName: string): WebFiles {
  const html = Buffer.from(files.index.bytes).toString('utf8');
  if (!html.includes(COUNTY_SLOT)) return files;
  const bytes = Buffer.from(html.replaceAll(COUNTY_SLOT, escapeHtml(countyName)), 'utf8');
  return { ...files, index: { ...files.index, bytes, encoded: { br: brotliCompressSync(bytes), gzip: gzipSync(bytes, { level: 9 }) } } };
}
