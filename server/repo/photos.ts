import type { PhotoEntityType, PhotoView } from '../../common/field-capture';
import type { Queryable } from '../db/client';

type Row = Omit<PhotoView, 'uploadedAt' | 'takenAt'> & { uploadedAt: Date | string; takenAt: Date | string | null; uploadedBy: number };

const COLUMNS = `id::text AS id, entity_type AS "entityType", entity_id AS "entityId", step, width, height, uploaded_at AS "uploadedAt",
  uploaded_by AS "uploadedBy", taken_at AS "takenAt", CASE WHEN taken_lon IS NULL THEN NULL ELSE jsonb_build_array(taken_lon, taken_lat) END AS "takenWhere"`;

const toView = ({ uploadedBy: _by, ...r }: Row): PhotoView => ({
  ...r,
  uploadedAt: new Date(r.uploadedAt).toISOString(),
  takenAt: r.takenAt === null ? null : new Date(r.takenAt).toISOString(),
});

export async function getPhoto(db: Queryable, id: string): Promise<(PhotoView & { uploadedBy: number }) | undefined> {
  const [row] = await db.query<Row>(`SELECT ${COLUMNS} FROM photos WHERE id = $1::uuid`, [id]);
  return row && { ...toView(row), uploadedBy: row.uploadedBy };
}

export async function photosOf(db: Queryable, entityType: PhotoEntityType, entityIds: string[]): Promise<PhotoView[]> {
  const rows = await db.query<Row>(
    `SELECT ${COLUMNS} FROM photos WHERE entity_type = $1 AND entity_id = ANY($2::text[]) ORDER BY coalesce(taken_at, uploaded_at), id`,
    [entityType, entityIds],
  );
  return rows.map(toView);
}

/** The stored JPEG or its thumbnail; only attached photos, or the uploader's own pending ones. */
export async function photoBytes(db: Queryable, id: string, size: 'image' | 'thumb', userId: number): Promise<Uint8Array | undefined> {
  const column = size === 'image' ? 'image' : 'thumb';
  const [row] = await db.query<{ bytes: Uint8Array }>(
    `SELECT ${column} AS bytes FROM photos WHERE id = $1::uuid AND (entity_type IS NOT NULL OR uploaded_by = $2)`,
    [id, userId],
  );
  return row?.bytes;
}

export interface PhotoPlace {
  id: string;
  entityType: PhotoEntityType;
  entityId: string;
  takenAt: string | null;
  position: [number, number];
  /** 'exif' when the camera wrote it, 'record' when it is where the record was made. */
  source: 'exif' | 'record';
}

/**
 * Where each attached photo was taken: its EXIF position, else the GPS position the progress report
 * or problem it belongs to was made at (phone browsers often strip EXIF GPS from camera captures).
 */
export async function photoPlaces(db: Queryable, county: string): Promise<PhotoPlace[]> {
  const rows = await db.query<Omit<PhotoPlace, 'takenAt'> & { takenAt: Date | string | null }>(
    `SELECT ph.id::text AS id, ph.entity_type AS "entityType", ph.entity_id AS "entityId", coalesce(ph.taken_at, ph.uploaded_at) AS "takenAt",
       jsonb_build_array(coalesce(ph.taken_lon, pp.made_lon, pr.made_lon), coalesce(ph.taken_lat, pp.made_lat, pr.made_lat)) AS position,
       CASE WHEN ph.taken_lon IS NOT NULL THEN 'exif' ELSE 'record' END AS source
     FROM photos ph
     LEFT JOIN project_progress pp ON ph.entity_type = 'progress' AND pp.id::text = ph.entity_id
     LEFT JOIN projects pj ON pj.id = pp.project_id
     LEFT JOIN problems pr ON ph.entity_type = 'problem' AND pr.id::text = ph.entity_id
     LEFT JOIN sites s ON ph.entity_type = 'site' AND s.id::text = ph.entity_id
     WHERE ph.entity_type IS NOT NULL AND coalesce(ph.taken_lon, pp.made_lon, pr.made_lon) IS NOT NULL
       AND coalesce(pj.township_code, pr.township_code, s.township_code) LIKE $1 || '%'
       AND pp.retracted_at IS NULL AND pj.deleted_at IS NULL
     ORDER BY ph.uploaded_at`,
    [county],
  );
  return rows.map((r) => ({ ...r, takenAt: r.takenAt === null ? null : new Date(r.takenAt).toISOString() }));
}
