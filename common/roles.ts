// Who may change what. The server enforces it; the web app uses it only to hide what would be refused.
export const ROLES = ['viewer', 'relocation', 'project_manager', 'admin'] as const;
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
  /** Undo a correction: restore a retracted progress report or a deleted project. */
  restoreRecords: ['admin'],
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
