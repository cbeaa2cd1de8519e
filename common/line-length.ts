// Great-circle length of a line, as turf measures it (same earth radius), so the web app's hint
// while drawing and the schema's check on a line agree with the planned km the server stores.
const EARTH_RADIUS_KM = 6371.0088;

export function lengthKm(line: readonly (readonly number[])[]): number {
  const rad = Math.PI / 180;
  let km = 0;
  for (let i = 1; i < line.length; i++) {
    const [[lon1, lat1], [lon2, lat2]] = [line[i - 1], line[i]];
    const a = Math.sin(((lat2 - lat1) * rad) / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(((lon2 - lon1) * rad) / 2) ** 2;
    km += 2 * EARTH_RADIUS_KM * Math.asin(Math.sqrt(a));
  }
  return km;
}
