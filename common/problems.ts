// The problem ledger (问题台账): what inspections, audits and complaints find, who must fix it by
// when, and its way from open to fixed to closed (销号). Shared by the server and the web forms.
import { z } from 'zod';
import { can, type Permission, type Role } from './roles';
import type { Violation } from './rules';
import type { PhotoStep } from './field-capture';
import { codes, date, idText, lat, line, lon, madeAt, note, paragraph, photoIds, version, type MadeAt } from './schemas';

export const PROBLEM_ENTITY_TYPES = ['village', 'site', 'project'] as const;
export type ProblemEntityType = (typeof PROBLEM_ENTITY_TYPES)[number];
export const PROBLEM_SOURCES = ['inspection', 'audit', 'complaint'] as const;
export type ProblemSource = (typeof PROBLEM_SOURCES)[number];
export const PROBLEM_STATUSES = ['open', 'fixed', 'closed'] as const;
export type ProblemStatus = (typeof PROBLEM_STATUSES)[number];

export interface Problem {
  id: number;
  entityType: ProblemEntityType;
  entityId: string;
  entityName: string;
  townshipCode: string;
  location: [number, number];
  title: string;
  description: string;
  source: ProblemSource;
  responsibleUnit: string;
  deadline: string; // YYYY-MM-DD
  status: ProblemStatus;
  /** Still open after its deadline (China date). A fixed problem awaiting 销号 is not overdue. */
  overdue: boolean;
  /** Null, as fixedBy and closedBy, for anonymous readers: names are for signed-in users. */
  createdBy: string | null;
  createdAt: string;
  fixedBy: string | null;
  fixedAt: string | null;
  fixNote: string | null;
  /** Fixed after its deadline: the lateness stays on the record after the fix and the 销号. */
  fixedLate: boolean;
  closedBy: string | null;
  closedAt: string | null;
  version: number;
  updatedAt: string;
  /** Where the problem was logged from, when the device gave its position. */
  madeAt: MadeAt | null;
  /** Photos taken when it was logged, and as evidence of the fix. */
  photos: { id: string; step: PhotoStep }[];
}

/** Whoever edits a thing may report its problem fixed: relocation staff their sites, project managers projects and village works. */
export const PROBLEM_FIXERS: Record<ProblemEntityType, Permission> = {
  village: 'editVillageInfra',
  site: 'editSites',
  project: 'editProjects',
};

export const canFixProblem = (role: Role | undefined, entityType: ProblemEntityType): boolean =>
  can(role, 'manageProblems') && can(role, PROBLEM_FIXERS[entityType]);

/** Today's date in China (UTC+8, no daylight saving), the calendar deadlines are set in. */
export function chinaToday(now = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** A deadline already past when the problem is logged would make it overdue from its first day. */
export function deadlineViolations(deadline: string, today: string): Violation[] {
  return deadline >= today
    ? []
    : [{ field: 'deadline', message: `整改期限 ${deadline} 已过（今天是 ${today}）`, messageEn: `The deadline ${deadline} is already past (today is ${today})` }];
}

/** Whether a fix came after the deadline, judged by the China date it was reported on. */
export const fixedLate = (deadline: string, fixedAt: string | null): boolean => fixedAt !== null && chinaToday(new Date(fixedAt)) > deadline;

const required = (max: number, zh: string, en: string) => line(max).min(1, `须填写${zh} / ${en} is required`);

/** How each kind of record is named: a village by its 12-digit code, a site or project by its id, written canonically so one record has one name. */
const ENTITY_IDS = { village: codes.village, site: idText, project: idText } satisfies Record<ProblemEntityType, z.ZodType<string>>;

export const problemCreate = z
  .object({
    entityType: z.enum(PROBLEM_ENTITY_TYPES),
    entityId: codes.entity,
    /** Where on the map; defaults to the entity's own location. */
    location: z.tuple([lon, lat]).optional(),
    title: required(100, '问题标题', 'title'),
    description: paragraph(2000).default(''),
    source: z.enum(PROBLEM_SOURCES),
    responsibleUnit: required(100, '责任单位', 'responsible unit'),
    deadline: date,
    madeAt: madeAt.optional(),
    photoIds: photoIds.optional(),
  })
  .strict()
  .superRefine((p, ctx) => {
    const issue = ENTITY_IDS[p.entityType].safeParse(p.entityId).error?.issues[0];
    if (issue) ctx.addIssue({ code: 'custom', path: ['entityId'], input: p.entityId, message: issue.message });
  });
export type ProblemCreate = z.infer<typeof problemCreate>;

/** Fixing and closing name the version they acted on, like every other edit. */
export const problemStep = z.object({ version, note: note.optional() }).strict();
export type ProblemStep = z.infer<typeof problemStep>;
/** Reporting the fix may bring photos as evidence for the 销号. */
export const problemFix = problemStep.extend({ photoIds: photoIds.optional() }).strict();
export type ProblemFix = z.infer<typeof problemFix>;
