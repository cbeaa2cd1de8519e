// Which live events a screen may receive. A monitoring event names the township it happened in and
// goes only to screens whose household scope reaches that township; the rest go to everyone.
import type { ChangeEvent } from '../../common/api';
import type { SessionUser } from '../../common/roles';
import type { Db } from '../db/client';
import { householdAccessIfAllowed } from './scope';

export type EventFilter = (e: ChangeEvent) => boolean;

const everyoneElse: EventFilter = (e) => e.township === undefined;

/** Decided once when the stream opens, from the role and scope stored with the account. */
export async function eventFilterFor(db: Db, user: SessionUser | undefined, area: string): Promise<EventFilter> {
  const access = user && (await householdAccessIfAllowed(db, user, area));
  if (!access) return everyoneElse;
  const { scope } = access;
  switch (scope.kind) {
    case 'county':
      return (e) => e.township === undefined || e.township.startsWith(area);
    case 'township':
      return (e) => e.township === undefined || e.township === scope.township;
    case 'villages':
      return (e) => e.township === undefined || scope.villages.some((v) => v.startsWith(e.township!));
    case 'assisted': {
      const rows = await db.query<{ township: string }>(
        'SELECT DISTINCT left(village_code, 9) AS township FROM households WHERE assisting_user_id = $1', [scope.userId],
      );
      const townships = new Set(rows.map((r) => r.township));
      return (e) => e.township === undefined || townships.has(e.township);
    }
  }
}
