// Reading attribute values from imported features: names vary between tools (Chinese headers,
// camelCase, DBF field names cut to 10 characters), and so do number and date formats.
import type { z } from 'zod';
import type { ImportIssue } from '../../../common/imports';
import { DomainError } from '../domain-error';
import { issueMessages } from '../../../common/issue-messages';

export type Properties = Record<string, unknown>;

const normalise = (key: string) => key.replace(/[\s_\-（）()]/g, '').toLowerCase();

/** DBF field names hold 10 bytes: ten ASCII letters, five Chinese characters in GBK, three in UTF-8. */
const DBF_NAME_BYTES = 10;
const cut = (name: string, bytesOf: (c: string) => number) => {
  let bytes = 0;
  let out = '';
  for (const c of name) {
    bytes += bytesOf(c);
    if (bytes > DBF_NAME_BYTES) break;
    out += c;
  }
  return out;
};
const utf8Bytes = (c: string) => Buffer.byteLength(c, 'utf8');
const gbkBytes = (c: string) => (c.charCodeAt(0) < 0x80 ? 1 : 2);

/** The names an alias may take in a file: itself, or cut to a DBF field name in either encoding. */
const cutNames = (alias: string) => [utf8Bytes, gbkBytes].map((bytesOf) => cut(alias, bytesOf)).filter((short) => short !== alias).map(normalise);

/**
 * The names each field may appear under, compared after normalising. A cut name two fields share
 * ("安置点编号" and "安置点名称" both cut to "安置点" in UTF-8) names neither: guessing would put a
 * name where an id belongs.
 */
export function fieldNames<K extends string>(aliases: Record<K, readonly string[]>): Record<K, ReadonlySet<string>> {
  const fields = Object.keys(aliases) as K[];
  const cuts = new Map(fields.map((f) => [f, new Set(aliases[f].flatMap(cutNames))]));
  const full = new Map(fields.map((f) => [f, new Set(aliases[f].map(normalise))]));
  const shared = (field: K, name: string) => fields.some((other) => other !== field && (cuts.get(other)!.has(name) || full.get(other)!.has(name)));
  const names = {} as Record<K, ReadonlySet<string>>;
  for (const f of fields) names[f] = new Set([...full.get(f)!, ...[...cuts.get(f)!].filter((name) => !shared(f, name))]);
  return names;
}

/** The first property whose name is one of a field's names (a DBF name cut inside a character decodes with a trailing U+FFFD). */
export function property(props: Properties, names: ReadonlySet<string>): unknown {
  for (const [key, value] of Object.entries(props)) {
    if (value !== null && value !== undefined && value !== '' && names.has(normalise(key.replace(/\uFFFD+$/, '')))) return value;
  }
  return undefined;
}

export const text = (value: unknown): string | undefined => (value === undefined ? undefined : String(value).trim());

/** "1,234,000" and 1234000 both; anything else stays as given so validation names it. */
export function numeric(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const cleaned = value.replace(/[,，\s]/g, '');
  return /^-?\d+(\.\d+)?$/.test(cleaned) ? Number(cleaned) : value;
}

/** Dates as DBF Date values, "2020-03-01", "2020/3/1" or "2020.03.01" → "2020-03-01". */
export function isoDate(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  const m = typeof value === 'string' ? /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(value.trim()) : null;
  return m ? `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}` : value;
}

/** A value from a fixed vocabulary, given as its code or any of its Chinese names. */
export function vocabulary<T extends string>(value: unknown, names: Record<T, readonly string[]>): T | string | undefined {
  const v = text(value);
  if (v === undefined) return undefined;
  const found = (Object.keys(names) as T[]).find((code) => code === v.toLowerCase() || names[code].includes(v));
  return found ?? v;
}

export const featureIssue = (row: number, code: string, message: string, messageEn: string, field?: string): ImportIssue => ({ row, code, message, messageEn, field });

/** An issue carries each language on its own. */
export function schemaIssues(row: number, code: string, error: z.ZodError): ImportIssue[] {
  return error.issues.map((i) => {
    const { zh, en } = issueMessages(i);
    const field = i.path.join('.');
    return featureIssue(row, code, `${field}：${zh}`, `${field}: ${en}`, field);
  });
}

/** A rule the service enforces by throwing (outside the county, figures that break a rule) as an issue of this feature. */
export async function asIssues<T>(row: number, code: string, work: () => Promise<T>): Promise<{ value: T } | { issues: ImportIssue[] }> {
  try {
    return { value: await work() };
  } catch (e) {
    if (!(e instanceof DomainError)) throw e;
    return { issues: [featureIssue(row, code, e.message, e.messageEn)] };
  }
}
