// Photos as a phone camera makes them (EXIF time, GPS and a rotated orientation), and the hostile
// files a photo upload must refuse.
import { randomUUID } from 'node:crypto';
import sharp from 'sharp';

export interface CameraPhoto {
  /** Where the camera says it was, degrees. */
  lon: number;
  lat: number;
  /** The camera clock, "YYYY:MM:DD HH:MM:SS" (no zone, as EXIF has it). */
  clock: string;
}

const dms = (deg: number) => {
  const d = Math.floor(deg);
  const m = Math.floor((deg - d) * 60);
  const s = Math.round(((deg - d) * 60 - m) * 60 * 100);
  return `${d}/1 ${m}/1 ${s}/100`;
};

/** A 640×480 JPEG, stored sideways (orientation 6 = shown rotated 90°), with camera metadata. */
export async function cameraJpeg({ lon, lat, clock }: CameraPhoto): Promise<Buffer> {
  const raw = await sharp({ create: { width: 640, height: 480, channels: 3, background: { r: 40, g: 120, b: 60 } } })
    .composite([{ input: { create: { width: 200, height: 100, channels: 3, background: { r: 250, g: 250, b: 250 } } }, left: 20, top: 20 }])
    .jpeg()
    .toBuffer();
  return sharp(raw)
    .withExif({
      IFD0: { Make: 'FieldPhone', Model: 'X1', Artist: '张三', Copyright: 'secret-owner' },
      IFD2: { DateTimeOriginal: clock },
      IFD3: { GPSLatitudeRef: lat >= 0 ? 'N' : 'S', GPSLatitude: dms(Math.abs(lat)), GPSLongitudeRef: lon >= 0 ? 'E' : 'W', GPSLongitude: dms(Math.abs(lon)) },
    })
    .withMetadata({ orientation: 6 })
    .jpeg()
    .toBuffer();
}

/** A plain JPEG without metadata. */
export const plainJpeg = (width = 320, height = 240) =>
  sharp({ create: { width, height, channels: 3, background: { r: 200, g: 80, b: 20 } } }).jpeg().toBuffer();

/** A JPEG whose header claims 30000×30000 pixels (900 megapixels): a decompression bomb. */
export async function pixelBomb(): Promise<Buffer> {
  const jpeg = Buffer.from(await plainJpeg(16, 16));
  const sof = jpeg.indexOf(Buffer.from([0xff, 0xc0]));
  jpeg.writeUInt16BE(30000, sof + 5);
  jpeg.writeUInt16BE(30000, sof + 7);
  return jpeg;
}

/** A JPEG cut off half way, as a dropped upload leaves it. */
export const truncatedJpeg = async () => {
  const whole = await plainJpeg(1200, 900);
  return whole.subarray(0, Math.floor(whole.length / 2));
};

/** Text with a photo's name: the name and the client's type say JPEG, the content does not. */
export const notAnImage = () => Buffer.from('<html><script>alert(1)</script></html>'.repeat(20));

export const newPhotoId = () => randomUUID();
