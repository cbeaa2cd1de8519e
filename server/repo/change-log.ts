// The change feed's memory: what was published, in order, for screens that reconnect. The id is
// the SSE event id; a bigserial, so several server instances on one database share one sequence.
import type { ChangeEvent } from '../../common/api';
import type { Db, Queryable } from '../db/client';
import { bumpLayerVersion, readLayerVersions } from './layer-versions';

/** The change as its author states it; the log adds the id, the time and the layers' versions after it. */
export type ChangeDraft = Omit<ChangeEvent, 'seq' | 'at' | 'versions'>;

/** Told the new row's id on commit; the row itself is read from the log. */
export const CHANGE_CHANNEL = 'fupin_changes';

export interface ChangeLogLimits {
  /** Rows kept whatever their age. */
  keepRows: number;
  /** Older rows go. */
  keepHours: number;
}

export const DEFAULT_CHANGE_LOG_LIMITS: ChangeLogLimits = { keepRows: 10_000, keepHours: 24 };

/** Prune once every this many appends: the table stays small without a delete per change. */
const PRUNE_EVERY = 100;

interface Row {
  id: string;
  at: Date | string;
  event: Omit<ChangeEvent, 'seq' | 'at'>;
}

const toEvent = (row: Row): ChangeEvent => ({ ...row.event, seq: Number(row.id), at: new Date(row.at).toISOString() });

export async function appendChange(db: Db, draft: ChangeDraft, limits: ChangeLogLimits): Promise<ChangeEvent> {
  return db.write(async (tx) => {
    if (draft.layer) await bumpLayerVersion(tx, draft.layer);
    const versions = await readLayerVersions(tx);
    const [row] = await tx.query<Row>(
      'INSERT INTO change_log (event) VALUES ($1::text::jsonb) RETURNING id::text AS id, at, event',
      [JSON.stringify({ ...draft, versions })],
    );
    // Delivered on commit, to every instance listening (events.ts).
    await tx.query('SELECT pg_notify($1, $2)', [CHANGE_CHANNEL, row.id]);
    const event = toEvent(row);
    if (event.seq % PRUNE_EVERY === 0) await pruneChanges(tx, event.seq, limits);
    return event;
  });
}

/** The newest row always stays: it tells a reconnecting screen where the feed stands. */
async function pruneChanges(tx: Queryable, newest: number, limits: ChangeLogLimits): Promise<void> {
  await tx.query(
    `DELETE FROM change_log WHERE id < $1 AND (id <= $1 - $2 OR at < now() - make_interval(hours => $3))`,
    [newest, limits.keepRows, limits.keepHours],
  );
}

export async function latestChangeId(db: Queryable): Promise<number> {
  const [row] = await db.query<{ id: string | null }>('SELECT max(id)::text AS id FROM change_log');
  return Number(row.id ?? 0);
}

/**
 * What came after `afterId`, oldest first, or 'reload' when the log no longer holds all of it
 * (pruned, or an id this database never issued) or holds more than `max`: then the screen
 * reloads everything rather than replaying.
 */
export async function changesAfter(db: Queryable, afterId: number, max: number): Promise<ChangeEvent[] | 'reload'> {
  const [bounds] = await db.query<{ oldest: string | null; newest: string | null }>(
    'SELECT min(id)::text AS oldest, max(id)::text AS newest FROM change_log',
  );
  const newest = Number(bounds.newest ?? 0);
  if (afterId > newest) return 'reload';
  if (afterId === newest) return [];
  if (afterId < Number(bounds.oldest) - 1) return 'reload';
  const rows = await db.query<Row>(
    'SELECT id::text AS id, at, event FROM change_log WHERE id > $1 ORDER BY id LIMIT $2',
    [afterId, max + 1],
  );
  return rows.length > max ? 'reload' : rows.map(toEvent);
}

/** The township a site, project or problem is filed under (deleted ones too); undefined when there is no such record. Table names from this closed map. */
export async function entityTownship(db: Queryable, entity: 'site' | 'project' | 'problem', id: number): Promise<string | undefined> {
  const table = { site: 'sites', project: 'projects', problem: 'problems' }[entity];
  const [row] = await db.query<{ townshipCode: string }>(`SELECT township_code AS "townshipCode" FROM ${table} WHERE id = $1`, [id]);
  return row?.townshipCode;
}
