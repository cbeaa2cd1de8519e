// The edits each kind of record offers, and who may make them (common/roles.ts decides; the
// server checks again).
import type { Permission } from '../../../common/roles';
import type { Selection } from '../map/features';

export type EditAction = 'progress' | 'project' | 'reshape' | 'delete' | 'infra' | 'exit' | 'site';

const PROJECT_ACTIONS = [
  { action: 'progress', permission: 'editProjects' },
  { action: 'project', permission: 'editProjects' },
  { action: 'reshape', permission: 'editProjects' },
  { action: 'delete', permission: 'editProjects' },
] as const;

const ACTIONS: Record<Selection['kind'], readonly { action: EditAction; permission: Permission }[]> = {
  road: PROJECT_ACTIONS,
  water: PROJECT_ACTIONS,
  village: [
    { action: 'infra', permission: 'editVillageInfra' },
    { action: 'exit', permission: 'editVillageExit' },
  ],
  site: [{ action: 'site', permission: 'editSites' }],
};

export function allowedActions(kind: Selection['kind'], can: (permission: Permission) => boolean): EditAction[] {
  return ACTIONS[kind].filter((a) => can(a.permission)).map((a) => a.action);
}
