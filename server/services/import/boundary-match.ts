// Which township or village each boundary feature is: by its code (9 or 12 digits; the land
// survey's 19-digit 坐落单位代码 is the village code padded with zeros), or else by its name within
// its township. A feature that matches nothing, several, or a unit another feature also claims is
// listed and nothing of it is imported.
import type { BoundaryLevel } from '../../../common/boundaries';
import type { ImportIssue } from '../../../common/imports';
import type { BoundaryTarget } from '../../repo/boundaries';
import { featureIssue, fieldNames, property, text, type Properties } from './feature-properties';

const ALIASES = {
  villages: fieldNames({
    code: ['code', '代码', '村代码', '行政区划代码', '区划代码', '村级代码', '行政村代码', '村编码', 'ZLDWDM', 'XZQDM', 'CJDM', 'DM', 'villageCode'],
    name: ['name', '名称', '村名', '村名称', '行政村', '行政村名称', 'ZLDWMC', 'XZQMC', 'CJMC', 'MC'],
    townshipCode: ['乡镇代码', '乡镇编码', '所属乡镇代码', 'XZDM', 'townshipCode'],
    townshipName: ['乡镇', '乡镇名称', '所属乡镇', 'XZMC', 'townshipName'],
  }),
  townships: fieldNames({
    code: ['code', '代码', '乡镇代码', '乡镇编码', '行政区划代码', '区划代码', 'XZQDM', 'XZDM', 'DM', 'townshipCode'],
    name: ['name', '名称', '乡镇', '乡镇名称', '乡镇名', 'XZQMC', 'XZMC', 'MC'],
    townshipCode: [],
    townshipName: [],
  }),
};

const DIGITS = { villages: 12, townships: 9 } as const;

/** The unit's code from a code of any length that extends it with zeros, as national systems pad them. */
export function unitCode(value: unknown, digits: number): string | undefined {
  const code = text(value)?.replace(/\.0+$/, '');
  if (!code || !/^\d+$/.test(code) || code.length < digits) return undefined;
  return /^0*$/.test(code.slice(digits)) ? code.slice(0, digits) : undefined;
}

/** "东关村民委员会", "东关村委会" and "东关村" are one village; "云竹镇", "云竹镇人民政府" one township. */
export function nameKey(name: string): string {
  return name
    .replace(/\s/g, '')
    .replace(/(村民委员会|村委会|居民委员会|社区居委会|居委会|人民政府|街道办事处)$/, '')
    .replace(/(村|社区|镇|乡|街道)$/, '');
}

export interface Match {
  index: number;
  target: BoundaryTarget;
  matchedBy: 'code' | 'name';
}

export interface FeatureLabel {
  row: number;
  layer?: string;
  properties: Properties;
}

export function matchFeatures(
  level: BoundaryLevel, features: FeatureLabel[], targets: BoundaryTarget[], townships: { code: string; name: string }[],
): { matches: Match[]; issues: ImportIssue[] } {
  const byCode = new Map(targets.map((t) => [t.code, t]));
  const issues: ImportIssue[] = [];
  const found: Match[] = [];
  features.forEach((f, index) => {
    const raw = text(property(f.properties, ALIASES[level].code));
    const name = text(property(f.properties, ALIASES[level].name));
    const label = raw ?? name ?? `#${f.row}`;
    const refuse = (zh: string, en: string) => issues.push({ ...featureIssue(f.row, label, zh, en, 'match'), ...(f.layer ? { layer: f.layer } : {}) });
    const code = unitCode(raw, DIGITS[level]);
    if (code && byCode.has(code)) return found.push({ index, target: byCode.get(code)!, matchedBy: 'code' });
    // A well-formed code of another place is not overruled by a name that happens to fit here.
    if ((raw && !name) || code) return refuse(`代码 ${raw} 不是本县的${UNIT[level][0]}`, `code ${raw} is not a ${UNIT[level][1]} of this county`);
    if (!name) return refuse('没有代码也没有名称，无法对应', 'no code and no name to match it by');
    const candidates = targets.filter((t) => nameKey(t.name) === nameKey(name) && inTownship(t, f.properties, townships));
    if (candidates.length === 1) return found.push({ index, target: candidates[0], matchedBy: 'name' });
    if (candidates.length === 0) return refuse(`名称「${name}」在本县${level === 'villages' ? '（所属乡镇内）' : ''}找不到对应的${UNIT[level][0]}`, `no ${UNIT[level][1]} named "${name}"${level === 'villages' ? ' in its township' : ''} in this county`);
    const list = candidates.map((t) => `${t.name} ${t.code}`).join('、');
    refuse(`名称「${name}」对应多个${UNIT[level][0]}（${list}）：请填写代码或所属乡镇`, `the name "${name}" fits several ${UNIT[level][1]}s (${list}): give the code or the township`);
  });
  // Two features for one unit: neither is taken, both are listed.
  const claims = new Map<string, Match[]>();
  for (const m of found) claims.set(m.target.code, [...(claims.get(m.target.code) ?? []), m]);
  const matches = found.filter((m) => claims.get(m.target.code)!.length === 1);
  for (const [code, twice] of claims) {
    if (twice.length < 2) continue;
    const rows = twice.map((m) => features[m.index].row).join('、');
    for (const m of twice) {
      const f = features[m.index];
      issues.push({ ...featureIssue(f.row, code, `与第 ${rows} 个要素对应同一个${UNIT[level][0]}（${m.target.name}）`, `features ${rows} all match the same ${UNIT[level][1]} (${m.target.name})`, 'match'), ...(f.layer ? { layer: f.layer } : {}) });
    }
  }
  return { matches, issues: issues.sort((a, b) => a.row - b.row) };
}

const UNIT: Record<BoundaryLevel, [string, string]> = { villages: ['村', 'village'], townships: ['乡镇', 'township'] };

/** A village is in the feature's township when the feature names one (by code or by name); any township otherwise. */
function inTownship(target: BoundaryTarget, props: Properties, townships: { code: string; name: string }[]): boolean {
  const code = unitCode(property(props, ALIASES.villages.townshipCode), 9);
  if (code) return target.townshipCode === code;
  const name = text(property(props, ALIASES.villages.townshipName));
  if (!name || target.townshipCode === target.code) return true;
  return townships.some((t) => t.code === target.townshipCode && nameKey(t.name) === nameKey(name));
}
