import type { AuditEntry } from '../../common/api';
import type { SessionUser } from '../../common/roles';
import type { Queryable } from '../db/client';

export type AuditEntity = 'village' | 'site' | 'project' | 'user' | 'problem' | 'township';

/** The fields whose values differ, old and new side by side: what the history view shows. */
export function diff(before: object, after: object): { old: Record<string, unknown>; new: Record<string, unknown> } {
  const oldValue: Record<string, unknown> = {};
  const newValue: Record<string, unknown> = {};
  const a = before as Record<string, unknown>;
  const b = after as Record<string, unknown>;
  for (const key of Object.keys(b)) {
    if (JSON.stringify(a[key]) !== JSON.stringify(b[key])) {
      oldValue[key] = a[key] ?? null;
      newValue[key] = b[key];
    }
  }
  return { old: oldValue, new: newValue };
}

export async function recordAudit(
  tx: Queryable,
  entry: { user: SessionUser; entityType: AuditEntity; entityId: string; action: string; old: object | null; new: object | null; note?: string },
): Promise<void> {
  await tx.query(
    `INSERT INTO audit_log (user_id, username, entity_type, entity_id, action, old_value, new_value, note)
     VALUES ($1, $2, $3, $4, $5, $6::text::jsonb, $7::text::jsonb, $8)`,
    [
      entry.user.id, entry.user.username, entry.entityType, entry.entityId, entry.action,
      entry.old && JSON.stringify(entry.old), entry.new && JSON.stringify(entry.new), entry.note ?? null,
    ],
  );
}

export interface HistoryPage {
  entries: AuditEntry[];
  /** Entries of the record in all. */
  total: number;
  /** Pass as `before` for the next, older page; null on the last. */
  nextBefore: number | null;
}

/** A record's audit trail, newest first, a page at a time: `limit` entries older than entry `before`. */
export async function history(
  db: Queryable,
  entityType: AuditEntity,
  entityId: string,
  page: { limit: number; before?: number },
): Promise<HistoryPage> {
  const rows = await db.query<AuditEntry & { at: Date | string }>(
    `SELECT id, at, username, entity_type AS "entityType", entity_id AS "entityId", action,
       old_value AS "oldValue", new_value AS "newValue", note
     FROM audit_log WHERE entity_type = $1 AND entity_id = $2 AND ($3::int IS NULL OR id < $3) ORDER BY id DESC LIMIT $4`,
    [entityType, entityId, page.before ?? null, page.limit + 1],
  );
  const [{ total }] = await db.query<{ total: number }>(
    'SELECT count(*)::int AS total FROM audit_log WHERE entity_type = $1 AND entity_id = $2',
    [entityType, entityId],
  );
  const entries = rows.slice(0, page.limit).map((r) => ({ ...r, at: new Date(r.at).toISOString() }));
  return { entries, total, nextBefore: rows.length > page.limit ? entries.at(-1)!.id : null };
}
