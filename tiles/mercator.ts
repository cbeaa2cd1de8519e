// Web Mercator positions as fractions of the world (0..1 from west and from north): tile
// coordinates at zoom z are these times 2^z.
export const mercatorX = (lon: number): number => (lon + 180) / 360;

export function mercatorY(lat: number): number {
  const rad = (lat * Math.PI) / 180;
  return (1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2;
}
