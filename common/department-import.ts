// Departments' monthly lists (部门筛查预警): which departments, what each list reports, and what a
// preview answers. Rows are matched to members by a keyed hash of the ID number; every ID number
// that comes back to the screen is masked.
import { z } from 'zod';
import type { EventKind } from './monitoring';

export const DEPARTMENTS = ['medical_insurance', 'civil_affairs', 'disabled_federation', 'education', 'housing', 'emergency'] as const;
export type Department = (typeof DEPARTMENTS)[number];

/** What a row of each department's list says happened to the person or household. */
export const DEPARTMENT_EVENT: Record<Department, EventKind> = {
  medical_insurance: 'medical_self_pay',
  civil_affairs: 'assistance_change',
  disabled_federation: 'disability',
  education: 'dropout',
  housing: 'unsafe_housing',
  emergency: 'disaster',
};

export const DEPARTMENT_LABELS: Record<Department, { zh: string; en: string }> = {
  medical_insurance: { zh: '医保局：高额医疗自付', en: 'Medical insurance: high self-paid costs' },
  civil_affairs: { zh: '民政局：低保/特困变化', en: 'Civil affairs: minimum-living / destitute-support changes' },
  disabled_federation: { zh: '残联：新增残疾', en: 'Disabled persons’ federation: new disabilities' },
  education: { zh: '教育局：失学辍学', en: 'Education: children out of school' },
  housing: { zh: '住建局：住房安全', en: 'Housing: unsafe houses' },
  emergency: { zh: '应急管理局：受灾', en: 'Emergency management: disasters' },
};

export const departmentFields = z.object({
  department: z.enum(DEPARTMENTS),
  /** The month the list covers, YYYY-MM; rows without a date are dated its first day. */
  period: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式须为 YYYY-MM / period must be YYYY-MM'),
});

export interface DepartmentRowIssue {
  line: number;
  /** Masked (140721********1234), or the cell as typed when it is not an ID number at all. */
  idNumber: string;
  message: string;
  messageEn: string;
}

export interface DepartmentImportPreview {
  department: Department;
  period: string;
  sheet: string;
  rows: number;
  /** Rows matched to a member of a household of this county. */
  matched: number;
  households: number;
  /** Not a member of any household here (another county, or not registered). */
  unmatched: DepartmentRowIssue[];
  /** The same person, date and amount again: counted once. */
  duplicates: (DepartmentRowIssue & { firstLine: number })[];
  /** Rows that cannot be read: the list cannot be committed until they are fixed. */
  errors: DepartmentRowIssue[];
  token: string | null;
}

export interface DepartmentImportResult {
  events: number;
  warningsRaised: number;
}
