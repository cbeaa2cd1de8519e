// Which households a user may see, decided on the server from the role and scope stored with the
// account (read fresh, so a changed role applies at once). Every household query takes its
// condition from here.
import { can, ROLE_SCOPE, type Role, type SessionUser } from '../../common/roles';
import type { Queryable } from '../db/client';
import { DomainError } from './domain-error';
import type { HouseholdScope } from '../repo/household-scope';

export interface ScopedUser {
  id: number;
  username: string;
  role: Role;
  scope: HouseholdScope;
}

const noAccess = () => new DomainError('forbidden', 'forbidden', '您的角色无权查看贫困户信息', 'Your role may not see household records');

export async function householdAccess(db: Queryable, user: SessionUser, county: string): Promise<ScopedUser> {
  const [row] = await db.query<{ role: Role; scope: string[] }>('SELECT role, scope FROM users WHERE id = $1', [user.id]);
  if (!row || !can(row.role, 'viewHouseholds')) throw noAccess();
  const base = { id: user.id, username: user.username, role: row.role };
  const kind = ROLE_SCOPE[row.role];
  switch (kind) {
    case 'county':
      return { ...base, scope: { kind, county } };
    // A scoped role without a valid scope sees nothing rather than everything.
    case 'township':
      if (!/^\d{9}$/.test(row.scope[0] ?? '')) throw noAccess();
      return { ...base, scope: { kind, county, township: row.scope[0] } };
    case 'villages':
      if (row.scope.length === 0) throw noAccess();
      return { ...base, scope: { kind, county, villages: row.scope } };
    case 'assisted':
      return { ...base, scope: { kind, county, userId: user.id } };
    default:
      throw noAccess();
  }
}

/**
 * Whether a village lies in the scope. An assisting cadre's villages are those of their households:
 * the household condition decides, and an empty answer means not in scope.
 */
export function villageInScope(scope: HouseholdScope, village: string): boolean {
  if (!village.startsWith(scope.county)) return false;
  switch (scope.kind) {
    case 'county':
      return true;
    case 'township':
      return village.startsWith(scope.township);
    case 'villages':
      return scope.villages.includes(village);
    case 'assisted':
      return true;
  }
}

/** Plain values: permitted roles, and only for households already in their scope. */
export const mayUnmask = (user: ScopedUser) => can(user.role, 'unmaskPersonalData');
