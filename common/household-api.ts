// What the household endpoints answer and accept. Personal fields arrive masked (张*明,
// 140721********1234, 138****5678); the plain value only through an unmask request, which is logged.
import { z } from 'zod';
import { codes, line, recordId } from './schemas';
import type {
  HealthState, HouseholdReadiness, LabourAbility, MeasureKind, PovertyAttribute, PovertyCause, Relation, SchoolingState, Sex,
} from './households';

export interface HouseholdListItem {
  code: string;
  villageCode: string;
  headName: string;
  povertyAttribute: PovertyAttribute;
  mainCause: PovertyCause;
  yearIdentified: number;
  yearExited: number | null;
  persons: number;
  /** The latest recorded year and its per-capita income and readiness. */
  latestYear: number | null;
  incomePerCapita: number | null;
  readiness: HouseholdReadiness | null;
  relocated: boolean;
  demo: boolean;
}

/** One year of a household as it is recorded: per-capita net income and its parts, and the guarantees met. */
export interface HouseholdYearRecord {
  year: number;
  incomePerCapita: number;
  incomeWage: number;
  incomeBusiness: number;
  incomeProperty: number;
  incomeTransfer: number;
  foodClothing: boolean;
  education: boolean;
  medical: boolean;
  housing: boolean;
  water: boolean;
}

/** The stored attributes of a household that are not personal, as the database and the demo build hold them. */
export interface HouseholdRecord {
  code: string;
  villageCode: string;
  headName: string;
  povertyAttribute: PovertyAttribute;
  mainCause: PovertyCause;
  otherCauses: PovertyCause[];
  yearIdentified: number;
  yearExited: number | null;
  relocationSiteId: number | null;
}

export interface HouseholdYearView extends HouseholdYearRecord {
  /** The national line of the year, when the table has one. */
  povertyLine: number | null;
  readiness: HouseholdReadiness;
}

/** A member as stored, personal values in plain text (the demo build) or masked (the API). */
export interface MemberRecord {
  relation: Relation;
  name: string;
  sex: Sex;
  birthYear: number;
  idNumber: string;
  phone: string | null;
  health: HealthState;
  schooling: SchoolingState;
  labourAbility: LabourAbility;
}

export interface MemberView extends MemberRecord {
  id: number;
}

export interface HouseholdDetail extends HouseholdListItem {
  otherCauses: PovertyCause[];
  relocationSiteId: number | null;
  cadre: { name: string | null; unit: string | null; phone: string | null };
  years: HouseholdYearView[];
  measures: { kind: MeasureKind; year: number; amount: number }[];
  members: MemberView[];
  /** Whether this user may ask for a plain value (the server decides again on the request). */
  canUnmask: boolean;
}

/** A household's code: its village's 12 digits and a 4-digit serial. */
export const householdCode = z.string().regex(/^\d{16}$/, '户编码须为16位数字 / household code must be 16 digits');

export const UNMASK_FIELDS = ['headName', 'memberName', 'idNumber', 'phone', 'cadrePhone'] as const;
export type UnmaskField = (typeof UNMASK_FIELDS)[number];
const MEMBER_FIELDS: readonly UnmaskField[] = ['memberName', 'idNumber', 'phone'];

export const unmaskRequest = z
  .object({
    field: z.enum(UNMASK_FIELDS),
    memberId: recordId.optional(),
    reason: line(200).min(2, '须说明查看原因 / a reason is required'),
  })
  .strict()
  .refine((r) => MEMBER_FIELDS.includes(r.field) === (r.memberId !== undefined), {
    message: '成员字段须指定成员，户字段不能指定 / member fields need memberId, household fields must not have one',
    path: ['memberId'],
  });
export type UnmaskRequest = z.infer<typeof unmaskRequest>;

export interface UnmaskLogEntry {
  id: number;
  at: string;
  username: string;
  /** Null for an export, which names its scope instead. */
  householdCode: string | null;
  memberId: number | null;
  field: UnmaskField | 'export';
  /** An export's area: the county, a township or a village code. */
  scope: string | null;
  reason: string;
}

/** Households and members in plain text, for the poverty office: why, and optionally which area. */
export const personalExportQuery = z
  .object({
    reason: line(200).min(2, '须说明导出原因 / a reason is required'),
    township: codes.township.optional(),
    village: codes.village.optional(),
  })
  .strict();
export type PersonalExportQuery = z.infer<typeof personalExportQuery>;

/** The household list and search: within the user's scope, narrowed by place and a code or name. */
export const householdQuery = z
  .object({
    township: codes.township.optional(),
    village: codes.village.optional(),
    /** A household code or its start, or part of the head's name. */
    q: line(40).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(50),
    offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
  })
  .strict();
export type HouseholdQuery = z.infer<typeof householdQuery>;

export interface HouseholdPage {
  total: number;
  items: HouseholdListItem[];
}
