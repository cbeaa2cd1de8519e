// Dynamic monitoring against return to poverty (防止返贫动态监测和帮扶): the three kinds of monitored
// household, the three ways in, the workflow from report to 风险消除 with the role each step needs,
// and the warning rules. Pure: the server enforces these, the web app offers only what they allow,
// and the SQL of server/repo/warning-rules.ts is tested against warningRules below.
import { z } from 'zod';
import type { Role } from './roles';
import { codes, date, line, version } from './schemas';
import { householdCode } from './household-api';
import type { SchoolingState } from './households';

type Labels<K extends string> = Record<K, { zh: string; en: string }>;

export const MONITORING_TYPES = ['unstable', 'edge', 'sudden'] as const;
export type MonitoringType = (typeof MONITORING_TYPES)[number];
export const MONITORING_TYPE_LABELS: Labels<MonitoringType> = {
  unstable: { zh: '脱贫不稳定户', en: 'exited but unstable' },
  edge: { zh: '边缘易致贫户', en: 'on the edge of poverty' },
  sudden: { zh: '突发严重困难户', en: 'sudden severe hardship' },
};

export const ENTRY_WAYS = ['self_declared', 'cadre_visit', 'department_screening'] as const;
export type EntryWay = (typeof ENTRY_WAYS)[number];
export const ENTRY_WAY_LABELS: Labels<EntryWay> = {
  self_declared: { zh: '农户自主申报', en: 'declared by the household' },
  cadre_visit: { zh: '干部走访排查', en: 'found on a cadre’s visit' },
  department_screening: { zh: '部门筛查预警', en: 'flagged by department data' },
};

export const MONITORING_STAGES = ['reported', 'village_reviewed', 'township_checked', 'county_confirmed', 'assisting', 'risk_removed', 'rejected'] as const;
export type MonitoringStage = (typeof MONITORING_STAGES)[number];
export const STAGE_LABELS: Labels<MonitoringStage> = {
  reported: { zh: '已申报/排查', en: 'reported' },
  village_reviewed: { zh: '村评议公示', en: 'reviewed and posted by the village' },
  township_checked: { zh: '乡镇审核', en: 'checked by the township' },
  county_confirmed: { zh: '县级确认', en: 'confirmed by the county' },
  assisting: { zh: '帮扶中', en: 'being assisted' },
  risk_removed: { zh: '风险消除', en: 'risk removed' },
  rejected: { zh: '不纳入', en: 'not taken in' },
};
/** A case in one of these is over; any other is open, and a household has at most one open case. */
export const CLOSED_STAGES: readonly MonitoringStage[] = ['risk_removed', 'rejected'];
/** Confirmed by the county and not yet over: the 监测对象 the figures count. */
export const MONITORED_STAGES: readonly MonitoringStage[] = ['county_confirmed', 'assisting'];

export const MONITORING_ACTIONS = ['village_review', 'township_check', 'county_confirm', 'start_assistance', 'remove_risk', 'reject'] as const;
export type MonitoringAction = (typeof MONITORING_ACTIONS)[number];
export const ACTION_LABELS: Labels<MonitoringAction> = {
  village_review: { zh: '村评议公示', en: 'village review and notice' },
  township_check: { zh: '乡镇审核通过', en: 'township check passed' },
  county_confirm: { zh: '县级确认', en: 'county confirmation' },
  start_assistance: { zh: '落实帮扶', en: 'start assistance' },
  remove_risk: { zh: '风险消除', en: 'remove the risk' },
  reject: { zh: '不予纳入', en: 'do not take in' },
};

/** Who reports a household: those who visit it (village team, assisting cadre) and those above them. */
export const DECLARING_ROLES: readonly Role[] = ['village_team', 'assisting_cadre', 'township_cadre', 'poverty_office', 'admin'];

/** Each forward step: the stage it starts from and who takes it (申报 → 村评议 → 乡审核 → 县确认 → 帮扶 → 消除). */
const FORWARD: Record<Exclude<MonitoringAction, 'reject'>, { from: MonitoringStage; to: MonitoringStage; roles: readonly Role[] }> = {
  village_review: { from: 'reported', to: 'village_reviewed', roles: ['village_team'] },
  township_check: { from: 'village_reviewed', to: 'township_checked', roles: ['township_cadre'] },
  county_confirm: { from: 'township_checked', to: 'county_confirmed', roles: ['poverty_office', 'admin'] },
  start_assistance: { from: 'county_confirmed', to: 'assisting', roles: ['village_team', 'assisting_cadre', 'township_cadre', 'poverty_office'] },
  remove_risk: { from: 'assisting', to: 'risk_removed', roles: ['poverty_office', 'admin'] },
};

/** Whoever reviews at a stage may instead refuse to take the household in, with a reason. */
const REJECTERS: Partial<Record<MonitoringStage, readonly Role[]>> = {
  reported: FORWARD.village_review.roles,
  village_reviewed: FORWARD.township_check.roles,
  township_checked: FORWARD.county_confirm.roles,
};

export type TransitionResult =
  | { ok: true; to: MonitoringStage }
  | { ok: false; problem: 'wrong_stage' | 'wrong_role'; message: string; messageEn: string };

export function transition(stage: MonitoringStage, action: MonitoringAction, role: Role): TransitionResult {
  const stageZh = STAGE_LABELS[stage].zh;
  const actionLabel = ACTION_LABELS[action];
  const allowedFrom = action === 'reject' ? Object.keys(REJECTERS) as MonitoringStage[] : [FORWARD[action].from];
  if (!allowedFrom.includes(stage)) {
    return {
      ok: false, problem: 'wrong_stage',
      message: `当前环节为「${stageZh}」，不能执行「${actionLabel.zh}」${action === 'reject' ? '' : `（须在「${STAGE_LABELS[FORWARD[action].from].zh}」之后）`}`,
      messageEn: `The case is at "${STAGE_LABELS[stage].en}": "${actionLabel.en}" is not the next step`,
    };
  }
  const roles = action === 'reject' ? REJECTERS[stage]! : FORWARD[action].roles;
  if (!roles.includes(role)) {
    return { ok: false, problem: 'wrong_role', message: `您的角色不能执行「${actionLabel.zh}」`, messageEn: `Your role may not take the step "${actionLabel.en}"` };
  }
  return { ok: true, to: action === 'reject' ? 'rejected' : FORWARD[action].to };
}

/** The steps a role may take on a case at this stage: what the household card offers. */
export const availableActions = (stage: MonitoringStage, role: Role): MonitoringAction[] =>
  MONITORING_ACTIONS.filter((a) => transition(stage, a, role).ok);

/** A 脱贫不稳定户 has exited; the other kinds are judged by the reviewers. */
export function typeViolation(type: MonitoringType, yearExited: number | null): { message: string; messageEn: string } | null {
  return type === 'unstable' && yearExited === null
    ? { message: '脱贫不稳定户须为已脱贫户；未脱贫户请选其他类型', messageEn: 'an "exited but unstable" household must have exited; choose another type' }
    : null;
}

const reason = line(300).min(2, '须说明理由 / a reason is required');

export const monitoringDeclare = z
  .object({ householdCode, type: z.enum(MONITORING_TYPES), way: z.enum(['self_declared', 'cadre_visit']), reason })
  .strict();
export type MonitoringDeclare = z.infer<typeof monitoringDeclare>;

export const monitoringStep = z.object({ action: z.enum(MONITORING_ACTIONS), reason, version }).strict();
export type MonitoringStep = z.infer<typeof monitoringStep>;

export const warningVerify = z
  .discriminatedUnion('outcome', [
    z.object({ outcome: z.literal('confirm'), type: z.enum(MONITORING_TYPES), reason }).strict(),
    z.object({ outcome: z.literal('dismiss'), reason }).strict(),
  ]);
export type WarningVerify = z.infer<typeof warningVerify>;

export const monitoringLineEdit = z
  .object({
    year: z.number().int().min(2015).max(2100),
    line: z.number().finite().positive('监测线须为正数 / the line must be positive').max(100_000),
    source: line(300).min(2, '须注明来源 / name the source'),
  })
  .strict();
export type MonitoringLineEdit = z.infer<typeof monitoringLineEdit>;

export interface MonitoringLine {
  year: number;
  line: number;
  source: string;
  updatedBy: string | null;
  updatedAt: string;
}

/**
 * The monitoring line that judges an income of `year`: that year's row, else the nearest earlier
 * one; an income older than the first row is judged against the first row (monitoring began in
 * 2020, while a household's latest recorded income may be older).
 */
export function lineFor(lines: readonly Pick<MonitoringLine, 'year' | 'line'>[], year: number): number | null {
  if (lines.length === 0) return null;
  const sorted = [...lines].sort((a, b) => a.year - b.year);
  return (sorted.filter((l) => l.year <= year).at(-1) ?? sorted[0]).line;
}

// ---------- warning rules (预警规则) ----------

export const WARNING_RULES = [
  'income_below_line', 'income_drop', 'medical_burden', 'new_illness', 'school_dropout', 'unsafe_housing', 'disaster', 'assistance_change',
] as const;
export type WarningRule = (typeof WARNING_RULES)[number];
export const WARNING_RULE_LABELS: Labels<WarningRule> = {
  income_below_line: { zh: '人均纯收入低于监测线', en: 'income below the monitoring line' },
  income_drop: { zh: '收入较上年下降30%以上', en: 'income down 30 % or more on the year before' },
  medical_burden: { zh: '医疗自付费用过高', en: 'high medical self-pay against income' },
  new_illness: { zh: '家庭成员新增残疾或大病', en: 'a member newly disabled or seriously ill' },
  school_dropout: { zh: '义务教育阶段子女辍学', en: 'a school-age child out of school' },
  unsafe_housing: { zh: '住房不安全', en: 'unsafe housing' },
  disaster: { zh: '遭受灾害', en: 'hit by a disaster' },
  assistance_change: { zh: '低保/特困状态变化', en: 'minimum-living or destitute-support status changed' },
};

/** What other departments report about a household or member (部门数据), dated. */
export const EVENT_KINDS = ['medical_self_pay', 'assistance_change', 'disability', 'serious_illness', 'dropout', 'unsafe_housing', 'disaster'] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

/** Down by this share or more on the year before (收入骤减). */
export const INCOME_DROP_SHARE = 0.3;
/** Self-paid medical costs of the last twelve months at or above this share of the household's yearly income. */
export const MEDICAL_BURDEN_SHARE = 0.5;
/** Events count for this many days up to the day the rules run (the twelve months before). */
export const RECENT_DAYS = 365;
/** Compulsory education (义务教育): ages 6 to 15 in the year the rules run. */
export const SCHOOL_AGE = { from: 6, to: 15 } as const;
/** Days the village or township has to verify a warning (核实时限). */
export const VERIFY_DAYS = 15;

/** Which event kind raises which rule. */
export const EVENT_RULE: Record<EventKind, WarningRule> = {
  medical_self_pay: 'medical_burden',
  assistance_change: 'assistance_change',
  disability: 'new_illness',
  serious_illness: 'new_illness',
  dropout: 'school_dropout',
  unsafe_housing: 'unsafe_housing',
  disaster: 'disaster',
};

export interface WarningInput {
  /** The day the rules run, YYYY-MM-DD. */
  asOf: string;
  persons: number;
  latest: { year: number; incomePerCapita: number; housing: boolean } | null;
  /** The year just before the latest one, when recorded. */
  previousIncome: number | null;
  /** The monitoring line for the latest year (lineFor). */
  line: number | null;
  members: { birthYear: number; schooling: SchoolingState }[];
  events: { kind: EventKind; on: string; amount: number }[];
}

const DAY_MS = 86_400_000;
const daysBetween = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS);

/** The events of the twelve months up to asOf: none from the future, none a year old. */
export const isRecent = (on: string, asOf: string) => {
  const d = daysBetween(on, asOf);
  return d >= 0 && d < RECENT_DAYS;
};

/** The rules a household trips, each once, in WARNING_RULES order. */
export function warningRules(input: WarningInput): WarningRule[] {
  const fired = new Set<WarningRule>();
  const { latest } = input;
  if (latest && input.line !== null && latest.incomePerCapita < input.line) fired.add('income_below_line');
  if (latest && input.previousIncome !== null && input.previousIncome > 0 && latest.incomePerCapita <= input.previousIncome * (1 - INCOME_DROP_SHARE)) {
    fired.add('income_drop');
  }
  if (latest && !latest.housing) fired.add('unsafe_housing');
  const asOfYear = Number(input.asOf.slice(0, 4));
  if (input.members.some((m) => asOfYear - m.birthYear >= SCHOOL_AGE.from && asOfYear - m.birthYear <= SCHOOL_AGE.to && (m.schooling === 'dropped_out' || m.schooling === 'none'))) {
    fired.add('school_dropout');
  }
  const recent = input.events.filter((e) => isRecent(e.on, input.asOf));
  const selfPay = recent.filter((e) => e.kind === 'medical_self_pay').reduce((sum, e) => sum + e.amount, 0);
  const yearlyIncome = Math.max(latest?.incomePerCapita ?? 0, 0) * input.persons;
  if (selfPay > 0 && selfPay >= MEDICAL_BURDEN_SHARE * yearlyIncome) fired.add('medical_burden');
  for (const e of recent) if (e.kind !== 'medical_self_pay') fired.add(EVENT_RULE[e.kind]);
  return WARNING_RULES.filter((r) => fired.has(r));
}

export const addDays = (day: string, days: number) => new Date(Date.parse(day) + days * DAY_MS).toISOString().slice(0, 10);

// ---------- what the API answers ----------

export const WARNING_STATUSES = ['open', 'confirmed', 'dismissed'] as const;
export type WarningStatus = (typeof WARNING_STATUSES)[number];

export interface MonitoringStepView {
  action: MonitoringAction | 'declare';
  fromStage: MonitoringStage | null;
  toStage: MonitoringStage;
  by: string;
  at: string;
  reason: string;
}

export interface MonitoringCaseView {
  id: number;
  householdCode: string;
  villageCode: string;
  /** Masked (张*明). */
  headName: string;
  type: MonitoringType;
  way: EntryWay;
  stage: MonitoringStage;
  openedAt: string;
  updatedAt: string;
  version: number;
}

export interface MonitoringCaseDetail extends MonitoringCaseView {
  steps: MonitoringStepView[];
  /** What the signed-in user may do next (the server decides again). */
  actions: MonitoringAction[];
}

export interface WarningView {
  id: number;
  householdCode: string;
  villageCode: string;
  headName: string;
  rule: WarningRule;
  source: 'rules' | 'department';
  raisedOn: string;
  deadline: string;
  status: WarningStatus;
  overdue: boolean;
  resolvedBy: string | null;
  resolvedAt: string | null;
  reason: string | null;
  caseId: number | null;
}

export interface HouseholdMonitoring {
  cases: MonitoringCaseDetail[];
  warnings: WarningView[];
  /** Whether the user may report this household now (no open case, a declaring role). */
  canDeclare: boolean;
  canVerifyWarnings: boolean;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export const listPage = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export const caseListQuery = listPage.extend({
  stage: z.enum(MONITORING_STAGES).optional(),
  village: z.string().regex(/^\d{12}$/).optional(),
  township: z.string().regex(/^\d{9}$/).optional(),
});

export const warningListQuery = listPage.extend({
  status: z.enum(WARNING_STATUSES).optional(),
  overdue: z.enum(['true', 'false']).transform((s) => s === 'true').optional(),
  village: z.string().regex(/^\d{12}$/).optional(),
});

export const warningRun = z.object({ asOf: date.optional() }).strict();

/** Per area (county, township or village): households and the monitoring figures, aggregates only. */
export interface MonitoringFigures {
  code: string;
  registered: number;
  exited: number;
  /** Confirmed 监测对象 not yet out of risk. */
  monitored: number;
  riskRemoved: number;
  openWarnings: number;
  overdueWarnings: number;
}

export const WARNING_VERIFIERS: readonly Role[] = ['village_team', 'township_cadre', 'poverty_office', 'admin'];
export const LINE_EDITORS: readonly Role[] = ['poverty_office', 'admin'];
export const RULE_RUNNERS: readonly Role[] = ['poverty_office', 'admin'];
/** A case's or warning's id in a path: canonical digits within PostgreSQL's integer. */
export const monitoringIdParam = z.object({ id: codes.id });
