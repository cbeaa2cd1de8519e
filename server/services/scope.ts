// What a user may see, decided on the server from the role and scope stored with the account (read
// fresh, so a changed role or scope applies at once): the area of every list, figure, export, tile
// and event (viewArea: in a prefecture's portal a user scoped to a county sees that county only),
// and within it the households (householdAccess). Every scoped query takes its condition from here.
import { portalArea, type PortalArea, type ViewArea } from '../../common/area';
import { can, ROLE_SCOPE, type Role, type SessionUser } from '../../common/roles';
import { scopeCounty } from '../../common/user-scope';
import type { ChangeEvent } from '../../common/api';
import { entityTownship } from '../repo/change-log';
import type { Queryable } from '../db/client';
import { DomainError } from './domain-error';
import type { HouseholdScope } from '../repo/household-scope';

export interface ScopedUser {
  id: number;
  username: string;
  role: Role;
  scope: HouseholdScope;
}

/**
 * The area a request may see: the portal's, or in a prefecture's portal the county the user's scope
 * lies in (a county code, or the county of their township or villages). Anonymous readers and
 * unscoped users see the portal's area.
 */
export async function viewArea(db: Queryable, user: SessionUser | undefined, portal: PortalArea): Promise<ViewArea> {
  const whole = { ...portal, scoped: false };
  if (!user || portal.level === 'county') return whole;
  const [row] = await db.query<{ scope: string[] }>('SELECT scope FROM users WHERE id = $1', [user.id]);
  const county = scopeCounty(row?.scope ?? []);
  // A county outside the portal narrows to it all the same: such a user sees nothing here, not everything.
  return county ? { ...portalArea(county), scoped: true } : whole;
}

/** Whether a unit's code (county, township, village) lies in the area a request may see. */
export const inViewArea = (area: ViewArea, code: string) => code.startsWith(area.prefix);

/** Whether a committed change concerns the area: a village or target by its code, monitoring by its township, other records by the township they are filed under. */
export async function changeInArea(db: Queryable, change: Pick<ChangeEvent, 'entity' | 'id' | 'township'>, area: ViewArea): Promise<boolean> {
  if (change.entity === 'village') return inViewArea(area, change.id);
  // A monitoring change names only its township (its records are personal).
  if (change.entity === 'monitoring') return change.township !== undefined && inViewArea(area, change.township);
  // A target's id is `<area code>/<year>`; an import's is '*' (any area: the client only reloads).
  if (change.entity === 'target') return change.id === '*' || inViewArea(area, change.id.split('/')[0]);
  const township = await entityTownship(db, change.entity, Number(change.id));
  return township !== undefined && inViewArea(area, township);
}

const noAccess = () => new DomainError('forbidden', 'forbidden', '您的角色无权查看贫困户信息', 'Your role may not see household records');

/** `area`: the request's view-area prefix (ViewArea.prefix). */
export async function householdAccess(db: Queryable, user: SessionUser, area: string): Promise<ScopedUser> {
  const [row] = await db.query<{ role: Role; scope: string[] }>('SELECT role, scope FROM users WHERE id = $1', [user.id]);
  if (!row || !can(row.role, 'viewHouseholds')) throw noAccess();
  const base = { id: user.id, username: user.username, role: row.role };
  const kind = ROLE_SCOPE[row.role];
  switch (kind) {
    case 'county':
      return { ...base, scope: { kind, area } };
    // A scoped role without a valid scope sees nothing rather than everything.
    case 'township':
      if (!/^\d{9}$/.test(row.scope[0] ?? '')) throw noAccess();
      return { ...base, scope: { kind, area, township: row.scope[0] } };
    case 'villages':
      if (row.scope.length === 0) throw noAccess();
      return { ...base, scope: { kind, area, villages: row.scope } };
    case 'assisted':
      return { ...base, scope: { kind, area, userId: user.id } };
    default:
      throw noAccess();
  }
}

/** The same, or null for a user whose role or scope gives no household access (they see no household figures). */
export async function householdAccessIfAllowed(db: Queryable, user: SessionUser, area: string): Promise<ScopedUser | null> {
  try {
    return await householdAccess(db, user, area);
  } catch (err) {
    if (err instanceof DomainError && err.kind === 'forbidden') return null;
    throw err;
  }
}

/**
 * Whether a village lies in the scope. An assisting cadre's villages are those of their households:
 * the household condition decides, and an empty answer means not in scope.
 */
export function villageInScope(scope: HouseholdScope, village: string): boolean {
  if (!village.startsWith(scope.area)) return false;
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
