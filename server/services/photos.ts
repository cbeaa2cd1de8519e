// Photos taken in the field: uploaded one by one under an id the client made (so a retried upload
// is the same photo), then attached to their record in the record's own transaction.
import type { PhotoEntityType, PhotoStep, PhotoView } from '../../common/field-capture';
import type { SessionUser } from '../../common/roles';
import type { Db, Queryable } from '../db/client';
import { getPhoto, photosOf } from '../repo/photos';
import { getSite } from '../repo/sites';
import { recordAudit } from './audit';
import { DomainError, notFound } from './domain-error';
import { processPhoto } from './photo-image';

const idTaken = () =>
  new DomainError('conflict', 'photo_id_taken', '此照片编号已被他人使用，请重新选择照片', 'This photo id is already used by someone else; choose the photo again');

/** Stores a photo under `id`; the same id sent again by its uploader answers the stored photo. */
export async function storePhoto(db: Db, user: SessionUser, id: string, bytes: Uint8Array): Promise<{ photo: PhotoView; created: boolean }> {
  const existing = await getPhoto(db, id);
  if (existing) {
    if (existing.uploadedBy !== user.id) throw idTaken();
    return { photo: withoutUploader(existing), created: false };
  }
  const p = await processPhoto(bytes);
  const inserted = await db.write((tx) =>
    tx.query<{ id: string }>(
      `INSERT INTO photos (id, uploaded_by, image, thumb, width, height, taken_at, taken_lon, taken_lat)
       VALUES ($1::uuid, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (id) DO NOTHING RETURNING id`,
      [id, user.id, p.image, p.thumb, p.width, p.height, p.takenAt, p.takenWhere?.[0] ?? null, p.takenWhere?.[1] ?? null],
    ),
  );
  const stored = (await getPhoto(db, id))!;
  // Two uploads of one id at once: the other stored it first.
  if (stored.uploadedBy !== user.id) throw idTaken();
  return { photo: withoutUploader(stored), created: inserted.length > 0 };
}

const withoutUploader = ({ uploadedBy: _by, ...photo }: PhotoView & { uploadedBy: number }): PhotoView => photo;

/**
 * Attaches the user's uploaded photos to a record, in the record's transaction. A photo already on
 * this very record is fine (a retried save); one on another record, or someone else's, is refused.
 */
export async function attachPhotos(tx: Queryable, user: SessionUser, ids: readonly string[] | undefined, entityType: PhotoEntityType, entityId: string, step: PhotoStep | null = null): Promise<void> {
  if (!ids?.length) return;
  const rows = await tx.query<{ id: string; mine: boolean; free: boolean; here: boolean }>(
    `SELECT id::text AS id, uploaded_by = $2 AS mine, entity_type IS NULL AS free, (entity_type = $3 AND entity_id = $4) AS here
     FROM photos WHERE id = ANY($1::uuid[])`,
    [ids, user.id, entityType, entityId],
  );
  const usable = new Set(rows.filter((r) => r.mine && (r.free || r.here)).map((r) => r.id));
  const missing = ids.filter((id) => !usable.has(id));
  if (missing.length) {
    throw new DomainError(
      'unprocessable', 'unknown_photo',
      `照片未上传或已属于其他记录：${missing.join('、')}`,
      `Photos not uploaded, or already on another record: ${missing.join(', ')}`,
      { details: { photoIds: missing } },
    );
  }
  await tx.query(`UPDATE photos SET entity_type = $2, entity_id = $3, step = $4 WHERE id = ANY($1::uuid[]) AND entity_type IS NULL`, [ids, entityType, entityId, step]);
}

/** Photos of a relocation site (its houses, its works), added without changing its figures; audited. */
export async function addSitePhotos(db: Db, user: SessionUser, siteId: number, ids: string[]): Promise<PhotoView[]> {
  return db.write(async (tx) => {
    if (!(await getSite(tx, siteId))) throw notFound(`安置点 ${siteId}`, `Relocation site ${siteId}`);
    await attachPhotos(tx, user, ids, 'site', String(siteId));
    await recordAudit(tx, { user, entityType: 'site', entityId: String(siteId), action: 'photos', old: null, new: { photoIds: ids } });
    return photosOf(tx, 'site', [String(siteId)]);
  });
}
