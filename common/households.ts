// Registered poor households (建档立卡贫困户): their enumerations, the national poverty line by
// year, and the household exit rule (收入稳定超过当年国家扶贫标准，且两不愁三保障及饮水安全有保障).

export const POVERTY_ATTRIBUTES = ['general', 'dibao', 'tekun'] as const;
export type PovertyAttribute = (typeof POVERTY_ATTRIBUTES)[number];

export const POVERTY_CAUSES = [
  'illness', 'disability', 'schooling', 'disaster', 'land', 'water', 'skills', 'labour', 'capital', 'transport', 'motivation',
] as const;
export type PovertyCause = (typeof POVERTY_CAUSES)[number];

export const MEASURE_KINDS = ['industry', 'employment', 'health', 'education', 'relocation', 'ecology', 'safety_net', 'finance'] as const;
export type MeasureKind = (typeof MEASURE_KINDS)[number];

export const HEALTH_STATES = ['healthy', 'chronic', 'serious', 'disabled'] as const;
export type HealthState = (typeof HEALTH_STATES)[number];

export const SCHOOLING_STATES = ['preschool', 'in_school', 'dropped_out', 'graduated', 'none'] as const;
export type SchoolingState = (typeof SCHOOLING_STATES)[number];

export const LABOUR_ABILITIES = ['normal', 'weak', 'lost', 'none'] as const;
export type LabourAbility = (typeof LABOUR_ABILITIES)[number];

export const RELATIONS = ['head', 'spouse', 'child', 'child_in_law', 'grandchild', 'parent', 'sibling', 'other'] as const;
export type Relation = (typeof RELATIONS)[number];

export const SEXES = ['male', 'female'] as const;
export type Sex = (typeof SEXES)[number];

type Labels<K extends string> = Record<K, { zh: string; en: string }>;

export const POVERTY_ATTRIBUTE_LABELS: Labels<PovertyAttribute> = {
  general: { zh: '一般贫困户', en: 'ordinary poor household' },
  dibao: { zh: '低保贫困户', en: 'minimum-living-allowance poor household' },
  tekun: { zh: '特困供养贫困户', en: 'destitute-support poor household' },
};

export const POVERTY_CAUSE_LABELS: Labels<PovertyCause> = {
  illness: { zh: '因病', en: 'illness' },
  disability: { zh: '因残', en: 'disability' },
  schooling: { zh: '因学', en: 'schooling costs' },
  disaster: { zh: '因灾', en: 'disaster' },
  land: { zh: '缺土地', en: 'lack of land' },
  water: { zh: '缺水', en: 'lack of water' },
  skills: { zh: '缺技术', en: 'lack of skills' },
  labour: { zh: '缺劳力', en: 'lack of labour' },
  capital: { zh: '缺资金', en: 'lack of capital' },
  transport: { zh: '交通条件落后', en: 'poor transport' },
  motivation: { zh: '自身发展动力不足', en: 'weak motivation' },
};

export const MEASURE_LABELS: Labels<MeasureKind> = {
  industry: { zh: '产业扶贫', en: 'industry' },
  employment: { zh: '就业扶贫', en: 'employment' },
  health: { zh: '健康扶贫', en: 'health' },
  education: { zh: '教育扶贫', en: 'education' },
  relocation: { zh: '易地扶贫搬迁', en: 'relocation' },
  ecology: { zh: '生态扶贫', en: 'ecology' },
  safety_net: { zh: '兜底保障', en: 'social safety net' },
  finance: { zh: '金融扶贫', en: 'microcredit' },
};

export const HEALTH_LABELS: Labels<HealthState> = {
  healthy: { zh: '健康', en: 'healthy' },
  chronic: { zh: '长期慢性病', en: 'chronic illness' },
  serious: { zh: '大病', en: 'serious illness' },
  disabled: { zh: '残疾', en: 'disabled' },
};

export const SCHOOLING_LABELS: Labels<SchoolingState> = {
  preschool: { zh: '学龄前', en: 'pre-school' },
  in_school: { zh: '在校生', en: 'in school' },
  dropped_out: { zh: '辍学', en: 'dropped out' },
  graduated: { zh: '已毕业', en: 'left school' },
  none: { zh: '未上学', en: 'never schooled' },
};

export const LABOUR_LABELS: Labels<LabourAbility> = {
  normal: { zh: '普通劳动力', en: 'able to work' },
  weak: { zh: '弱劳动力', en: 'partly able to work' },
  lost: { zh: '丧失劳动力', en: 'lost ability to work' },
  none: { zh: '无劳动力', en: 'not of working age' },
};

export const RELATION_LABELS: Labels<Relation> = {
  head: { zh: '户主', en: 'head' },
  spouse: { zh: '配偶', en: 'spouse' },
  child: { zh: '子女', en: 'child' },
  child_in_law: { zh: '儿媳/女婿', en: 'child-in-law' },
  grandchild: { zh: '孙子女', en: 'grandchild' },
  parent: { zh: '父母', en: 'parent' },
  sibling: { zh: '兄弟姐妹', en: 'sibling' },
  other: { zh: '其他', en: 'other' },
};

/**
 * National rural poverty line (国家农村贫困标准) by year, yuan per person per year at current prices:
 * the 2010 standard of 2,300 yuan at 2010 prices, adjusted yearly by the rural price index.
 * Source: National Bureau of Statistics, 中国农村贫困监测报告 (China Rural Poverty Monitoring Report)
 * 2015–2020 editions and the NBS statistical communiqués (国民经济和社会发展统计公报) of those years.
 * Not verified here against the reports themselves (no copy was reachable when this was written):
 * the figures are the commonly cited ones; 2020's "about 4,000" is the official wording, not an NBS
 * table value. Correct them here if a report says otherwise.
 */
export const NATIONAL_POVERTY_LINE: Readonly<Record<number, number>> = {
  2014: 2800,
  2015: 2855,
  2016: 2952,
  2017: 2952,
  2018: 2995,
  2019: 3218,
  2020: 4000,
};

const LINE_YEARS = Object.keys(NATIONAL_POVERTY_LINE).map(Number);
export const POVERTY_LINE_YEARS = { first: Math.min(...LINE_YEARS), last: Math.max(...LINE_YEARS) };

/** The line of a year; before 2014 or after 2020 there is no published figure in the table. */
export function povertyLine(year: number): number | undefined {
  return NATIONAL_POVERTY_LINE[year];
}

/** 两不愁三保障 and safe drinking water, as recorded for one household and year. */
export interface Guarantees {
  foodClothing: boolean;
  education: boolean;
  medical: boolean;
  housing: boolean;
  water: boolean;
}
export const GUARANTEES = ['foodClothing', 'education', 'medical', 'housing', 'water'] as const satisfies readonly (keyof Guarantees)[];

export interface HouseholdYearFigures extends Guarantees {
  year: number;
  /** Per-capita net income (人均纯收入), yuan. */
  incomePerCapita: number;
}

export type HouseholdExitCheck =
  | { met: true; failures: [] }
  | { met: false; failures: ('income' | 'no_line' | keyof Guarantees)[] };

/**
 * Whether a household meets the exit standard in a year: income strictly above that year's line and
 * every guarantee met. A year without a line cannot be judged met.
 */
export function householdExitCheck(f: HouseholdYearFigures): HouseholdExitCheck {
  const line = povertyLine(f.year);
  const failures: ('income' | 'no_line' | keyof Guarantees)[] = [];
  if (line === undefined) failures.push('no_line');
  else if (!(f.incomePerCapita > line)) failures.push('income');
  for (const g of GUARANTEES) if (!f[g]) failures.push(g);
  return failures.length === 0 ? { met: true, failures: [] } : { met: false, failures };
}

/** 错退 of a household: marked exited, yet its figures of the year fail the standard. */
export const isWrongExit = (exitedYear: number | null, f: HouseholdYearFigures): boolean =>
  exitedYear !== null && exitedYear <= f.year && !householdExitCheck(f).met;

/** Still registered (未脱贫) though its figures of the year meet the standard: ready to exit. */
export const isReadyToExit = (exitedYear: number | null, f: HouseholdYearFigures): boolean =>
  (exitedYear === null || exitedYear > f.year) && householdExitCheck(f).met;

export type HouseholdReadiness = 'wrong_exit' | 'ready' | 'exited' | 'registered';

export function householdReadiness(exitedYear: number | null, f: HouseholdYearFigures): HouseholdReadiness {
  if (isWrongExit(exitedYear, f)) return 'wrong_exit';
  if (isReadyToExit(exitedYear, f)) return 'ready';
  return exitedYear !== null && exitedYear <= f.year ? 'exited' : 'registered';
}
