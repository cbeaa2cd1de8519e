// Field capture shared by the server and the web app: where a record was made (the device's GPS),
// and the photos taken on site.

/** A photo upload's size limit, checked before the image is decoded. */
export const MAX_PHOTO_BYTES = 15 * 1024 * 1024;
/** Pixels a photo may decode to (a 50-megapixel phone camera fits; a decompression bomb does not). */
export const MAX_PHOTO_PIXELS = 60_000_000;

export const PHOTO_ENTITY_TYPES = ['progress', 'problem', 'site'] as const;
export type PhotoEntityType = (typeof PHOTO_ENTITY_TYPES)[number];
export const PHOTO_STEPS = ['log', 'fix'] as const;
export type PhotoStep = (typeof PHOTO_STEPS)[number];

export interface PhotoView {
  id: string;
  entityType: PhotoEntityType | null;
  entityId: string | null;
  step: PhotoStep | null;
  width: number;
  height: number;
  uploadedAt: string;
  /** From the original's EXIF, before the metadata was stripped. */
  takenAt: string | null;
  takenWhere: [number, number] | null;
}

export const photoUrl = (id: string) => `/api/photos/${id}`;
export const photoThumbUrl = (id: string) => `/api/photos/${id}/thumb`;
