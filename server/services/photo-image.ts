// What a photo upload becomes before it is stored: checked by its content (not its name or the
// client's type), its EXIF time and position read, then re-encoded so orientation is applied and
// every other piece of metadata (camera serial, owner, thumbnails, maker notes) is gone.
import exifr from 'exifr';
import sharp from 'sharp';
import { MAX_PHOTO_PIXELS } from '../../common/field-capture';
import { DomainError } from './domain-error';

/** What a phone camera or an office scanner sends; SVG (script) and raw formats are not photos. */
const PHOTO_FORMATS = new Set(['jpeg', 'png', 'webp', 'heif']);
const LONG_EDGE = 2048;
const THUMB_EDGE = 320;

export interface ProcessedPhoto {
  image: Buffer;
  thumb: Buffer;
  width: number;
  height: number;
  takenAt: string | null;
  takenWhere: [number, number] | null;
}

const notAnImage = () =>
  new DomainError('unsupported_media', 'not_an_image', '文件不是可识别的照片（支持 JPEG、PNG、WebP、HEIF）', 'The file is not a recognisable photo (JPEG, PNG, WebP or HEIF)');
const tooManyPixels = (w: number, h: number) =>
  new DomainError(
    'unprocessable', 'image_too_large',
    `照片像素过多（${w}×${h}，上限 ${MAX_PHOTO_PIXELS / 1e6} 百万像素）`,
    `The photo has too many pixels (${w}×${h}; the limit is ${MAX_PHOTO_PIXELS / 1e6} megapixels)`,
  );
const corrupt = () => new DomainError('unprocessable', 'corrupt_image', '照片文件已损坏或不完整，请重新拍摄或选择', 'The photo file is damaged or incomplete; take or choose it again');

// limitInputPixels refuses a decompression bomb before it is decoded; failOn 'truncated' refuses a
// JPEG cut short in transfer instead of storing its grey lower half.
const decoder = (bytes: Uint8Array) => sharp(bytes, { limitInputPixels: MAX_PHOTO_PIXELS, failOn: 'truncated', sequentialRead: true });

export async function processPhoto(bytes: Uint8Array): Promise<ProcessedPhoto> {
  // The header only, no pixels decoded: the pixel limit is checked below with the real figures.
  const header = await sharp(bytes, { limitInputPixels: false }).metadata().catch(() => null);
  if (!header?.format || !PHOTO_FORMATS.has(header.format)) throw notAnImage();
  const { width, height } = header;
  if (width * height > MAX_PHOTO_PIXELS) throw tooManyPixels(width, height);
  const exif = await readExif(bytes);
  try {
    // rotate() with no angle applies the EXIF orientation; sharp writes no metadata unless asked.
    const { data: image, info } = await decoder(bytes)
      .rotate()
      .resize({ width: LONG_EDGE, height: LONG_EDGE, fit: 'inside', withoutEnlargement: true })
      .jpeg({ quality: 82, mozjpeg: true })
      .toBuffer({ resolveWithObject: true });
    const thumb = await sharp(image).resize({ width: THUMB_EDGE, height: THUMB_EDGE, fit: 'inside' }).jpeg({ quality: 70 }).toBuffer();
    return { image, thumb, width: info.width, height: info.height, ...exif };
  } catch (e) {
    if (e instanceof Error && /pixel limit/i.test(e.message)) throw tooManyPixels(width, height);
    throw corrupt();
  }
}

interface RawExif {
  DateTimeOriginal?: string;
  OffsetTimeOriginal?: string;
  latitude?: number;
  longitude?: number;
}

/** EXIF time and GPS position; nothing when the photo has none or they make no sense. */
async function readExif(bytes: Uint8Array): Promise<Pick<ProcessedPhoto, 'takenAt' | 'takenWhere'>> {
  let raw: RawExif | undefined;
  try {
    // Raw values: exifr would read the zone-less EXIF time in the server's own time zone.
    raw = (await exifr.parse(Buffer.from(bytes), { gps: true, reviveValues: false, pick: ['DateTimeOriginal', 'OffsetTimeOriginal', 'GPSLatitude', 'GPSLatitudeRef', 'GPSLongitude', 'GPSLongitudeRef'] })) as RawExif | undefined;
  } catch {
    return { takenAt: null, takenWhere: null };
  }
  return { takenAt: exifTime(raw?.DateTimeOriginal, raw?.OffsetTimeOriginal), takenWhere: exifPosition(raw?.longitude, raw?.latitude) };
}

/**
 * "YYYY:MM:DD HH:MM:SS" in the camera's clock; without an offset tag the camera is taken to be on
 * China time (UTC+8), where the county's phones are set.
 */
export function exifTime(value: string | undefined, offset: string | undefined): string | null {
  const m = value?.match(/^(\d{4}):(\d{2}):(\d{2}) (\d{2}):(\d{2}):(\d{2})/);
  if (!m) return null;
  const zone = offset && /^[+-]\d{2}:\d{2}$/.test(offset) ? offset : '+08:00';
  const when = new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}${zone}`);
  return Number.isNaN(when.getTime()) || when.getUTCFullYear() < 1990 ? null : when.toISOString();
}

function exifPosition(lon: number | undefined, lat: number | undefined): [number, number] | null {
  if (typeof lon !== 'number' || typeof lat !== 'number' || !Number.isFinite(lon) || !Number.isFinite(lat)) return null;
  // 0,0 is what some cameras write when they had no fix.
  if (Math.abs(lon) > 180 || Math.abs(lat) > 90 || (lon === 0 && lat === 0)) return null;
  return [lon, lat];
}
