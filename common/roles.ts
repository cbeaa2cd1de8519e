// Who may change what. The server enforces it; the web app uses it only to hide what would be refused.
export const ROLES = [
  'viewer', 'relocation', 'project_manager', 'admin', 'poverty_office', 'township_cadre', 'village_team', 'assisting_cadre',
] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = {
  editSites: ['relocation', 'admin'],
  editProjects: ['project_manager', 'admin'],
  editVillageInfra: ['project_manager', 'admin'],
  editVillageExit: ['admin'],
  manageUsers: ['admin'],
  importData: ['admin'],
  /** Log problems in the ledger (问题台账); fixing one also needs the right to edit what it is about. */
  manageProblems: ['project_manager', 'relocation', 'admin'],
  /** 销号: closing a fixed problem after checking the fix. */
  closeProblems: ['admin'],
  /** Household records (建档立卡), masked; which households is the user's scope (roleScope). */
  viewHouseholds: ['viewer', 'admin', 'poverty_office', 'township_cadre', 'village_team', 'assisting_cadre'],
  /** Seeing one plain name, ID number or phone, with a reason that is logged. */
  unmaskPersonalData: ['admin', 'poverty_office', 'township_cadre', 'village_team'],
  viewUnmaskLog: ['admin'],
  /** The household import from the national system's export. */
  importHouseholds: ['admin', 'poverty_office'],
  /** Households and members with personal data in plain text, marked and logged like an unmask. */
  exportPersonalData: ['poverty_office'],
  /** Undo a correction: restore a retracted progress report or a deleted project. */
  restoreRecords: ['admin'],
  /** Annual targets (年度目标任务), by hand or by import. */
  editTargets: ['admin', 'poverty_office'],
  /** Photos taken in the field, for progress reports, problems and sites: whoever makes those records. */
  uploadPhotos: ['project_manager', 'relocation', 'admin'],
} as const satisfies Record<string, readonly Role[]>;
export type Permission = keyof typeof PERMISSIONS;

export const can = (role: Role | undefined, permission: Permission): boolean =>
  role !== undefined && (PERMISSIONS[permission] as readonly Role[]).includes(role);

export interface SessionUser {
  id: number;
  username: string;
  displayName: string;
  role: Role;
}

/**
 * Which households a role reaches: the whole county, the township or villages in the user's scope,
 * or the households the user is the assisting cadre (帮扶责任人) of.
 */
export const ROLE_SCOPE = {
  viewer: 'county',
  relocation: 'none',
  project_manager: 'none',
  admin: 'county',
  poverty_office: 'county',
  township_cadre: 'township',
  village_team: 'villages',
  assisting_cadre: 'assisted',
} as const satisfies Record<Role, 'none' | 'county' | 'township' | 'villages' | 'assisted'>;

/** Roles that may be limited to one county of a prefecture's portal: all but the admin and the roles scoped below a county. */
export const mayHaveCountyScope = (role: Role) => role !== 'admin' && ROLE_SCOPE[role] !== 'township' && ROLE_SCOPE[role] !== 'villages';

/** A user's scope must fit the role: one township code, one or more village codes, one county code, or nothing. */
export function scopeViolation(role: Role, scope: readonly string[]): { message: string; messageEn: string } | null {
  const kind = ROLE_SCOPE[role];
  if (scope.length === 1 && /^\d{6}$/.test(scope[0]) && mayHaveCountyScope(role)) return null;
  if (kind === 'township' && !(scope.length === 1 && /^\d{9}$/.test(scope[0]))) {
    return { message: '乡镇干部须指定一个乡镇（9位代码）', messageEn: 'a township cadre needs exactly one township (9-digit code)' };
  }
  if (kind === 'villages' && !(scope.length > 0 && scope.every((c) => /^\d{12}$/.test(c)))) {
    return { message: '驻村工作队须指定所驻的村（12位代码）', messageEn: 'a village team needs its villages (12-digit codes)' };
  }
  if (kind !== 'township' && kind !== 'villages' && scope.length > 0) {
    return role === 'admin'
      ? { message: '管理员没有辖区范围', messageEn: 'an admin takes no scope' }
      : { message: '该角色的辖区只能是一个县（6位代码）', messageEn: 'this role takes one county (6-digit code) as its scope, or none' };
  }
  return null;
}
