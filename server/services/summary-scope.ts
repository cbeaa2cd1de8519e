// Which area a summary covers: one township, county or province by code, the whole database
// (scope=national), or, when none is named, the portal's own area (its county or prefecture). A user
// scoped to one county sees only summaries inside it.
import { z } from 'zod';
import type { Summary } from '../../common/api';
import type { ViewArea } from '../../common/area';
import type { Queryable } from '../db/client';
import { DomainError, notFound } from './domain-error';
import { codes } from '../../common/schemas';

export const summaryQuery = z
  .object({
    township: codes.township.optional(),
    county: z.string().regex(/^\d{6}$/, '县代码须为6位数字 / county code must be 6 digits').optional(),
    province: z.string().regex(/^\d{2}$/, '省代码须为2位数字 / province code must be 2 digits').optional(),
    scope: z.literal('national', { error: 'scope 只能为 national / scope can only be national' }).optional(),
    year: codes.year.optional(),
  })
  .refine((q) => [q.township, q.county, q.province, q.scope].filter(Boolean).length <= 1, {
    message: '乡镇、县、省、全国只能指定一个 / name at most one of township, county, province, scope=national',
  });
export type SummaryQuery = z.infer<typeof summaryQuery>;

type Level = Exclude<Summary['scope']['level'], 'national'>;

// Table names from this closed list only; the code is always a parameter.
const UNIT_TABLES: Record<Level, { table: string; zh: string; en: string }> = {
  township: { table: 'townships', zh: '乡镇', en: 'Township' },
  prefecture: { table: 'prefectures', zh: '州/市', en: 'Prefecture' },
  county: { table: 'counties', zh: '县', en: 'County' },
  province: { table: 'provinces', zh: '省', en: 'Province' },
};

const NATIONAL: Summary['scope'] = { level: 'national', code: '', name: '全国', nameEn: 'China' };

async function unitScope(db: Queryable, level: Level, code: string): Promise<Summary['scope']> {
  const { table, zh, en } = UNIT_TABLES[level];
  const [row] = await db.query<{ code: string; name: string; nameEn: string }>(
    `SELECT code, name, name_en AS "nameEn" FROM ${table} WHERE code = $1`,
    [code],
  );
  if (!row) throw notFound(`${zh} ${code}`, `${en} ${code}`);
  return { level, ...row };
}

const outsideScope = () =>
  new DomainError('forbidden', 'outside_scope', '您的账号只能查看本县的数据', 'Your account may only see figures of its own county');

export async function resolveScope(db: Queryable, q: Omit<SummaryQuery, 'year'>, area: ViewArea): Promise<Summary['scope']> {
  const named = q.township ?? q.county;
  if (area.scoped && (q.province || q.scope || (named && !named.startsWith(area.prefix)))) throw outsideScope();
  if (q.township) return unitScope(db, 'township', q.township);
  if (q.county) return unitScope(db, 'county', q.county);
  if (q.province) return unitScope(db, 'province', q.province);
  if (q.scope === 'national') return NATIONAL;
  return unitScope(db, area.level, area.code);
}
