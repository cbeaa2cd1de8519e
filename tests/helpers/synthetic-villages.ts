// A dense made-up province corner for tile-size checks that need no database: villages on a grid
// as thick as Henan's (about one per 4 km²), each a 12-sided outline with the properties the
// villages layer really carries, 15 to a township and 20 townships to a county.
import type { AreaOutline } from '../../server/tiles/village-areas';

const STATUSES = [
  ['poor', 'poor'], ['deep_poor', 'deep_poor'], ['poor', 'exited'], ['poor', 'wrong_exit'], ['non_poor', 'non_poor'],
] as const;
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗';
const PLACES = '家庄村湾屯堡沟岭营集寨坪';

const box = (w: number, s: number, e: number, n: number): GeoJSON.Polygon => ({
  type: 'Polygon', coordinates: [[[w, s], [e, s], [e, n], [w, n], [w, s]]],
});

export function syntheticVillages(count: number, origin: [number, number] = [113, 33.5], spacingDeg = 0.02) {
  const columns = Math.ceil(Math.sqrt(count * 2));
  const villages: GeoJSON.Feature[] = [];
  const townshipBoxes = new Map<string, [number, number, number, number]>();
  for (let i = 0; i < count; i++) {
    const [lon, lat] = [origin[0] + (i % columns) * spacingDeg, origin[1] + Math.floor(i / columns) * spacingDeg];
    const township = Math.floor(i / 15);
    const townshipCode = `41${String(1000 + Math.floor(township / 20)).padStart(4, '0')}${String(township % 20).padStart(3, '0')}`;
    const code = `${townshipCode}${String(i % 15).padStart(3, '0')}`;
    const radius = spacingDeg * 0.45;
    const ring = Array.from({ length: 12 }, (_, k) => {
      const angle = (k / 12) * 2 * Math.PI;
      const r = radius * (0.8 + 0.2 * Math.sin(i * 7 + k * 3));
      return [lon + r * Math.cos(angle), lat + r * Math.sin(angle)];
    });
    const [villageClass, exitStatus] = STATUSES[i % STATUSES.length];
    villages.push({
      type: 'Feature',
      id: Number(code),
      geometry: { type: 'Polygon', coordinates: [[...ring, ring[0]]] },
      properties: {
        code, name: `${SURNAMES[i % 20]}${PLACES[(i * 7) % 12]}${SURNAMES[(i * 3) % 20]}村`, nameEn: `Village ${i}`, townshipCode,
        villageClass, exitStatus, readiness: exitStatus === 'exited' ? 'exited' : 'not_ready', plannedExitYear: 2016 + (i % 5),
        ...(exitStatus === 'exited' ? { actualExitYear: 2017 + (i % 4) } : {}), infraCompletion: (i % 10) / 10,
      },
    });
    const b = townshipBoxes.get(townshipCode) ?? [lon, lat, lon, lat];
    townshipBoxes.set(townshipCode, [Math.min(b[0], lon - radius), Math.min(b[1], lat - radius), Math.max(b[2], lon + radius), Math.max(b[3], lat + radius)]);
  }
  const townships: AreaOutline[] = [...townshipBoxes].map(([code, b]) => ({ code, geom: box(...b) }));
  const countyBoxes = new Map<string, [number, number, number, number]>();
  for (const [code, [w, s, e, n]] of townshipBoxes) {
    const c = countyBoxes.get(code.slice(0, 6)) ?? [w, s, e, n];
    countyBoxes.set(code.slice(0, 6), [Math.min(c[0], w), Math.min(c[1], s), Math.max(c[2], e), Math.max(c[3], n)]);
  }
  const counties: AreaOutline[] = [...countyBoxes].map(([code, b]) => ({ code, geom: box(...b) }));
  const bounds = [origin[0], origin[1], origin[0] + columns * spacingDeg, origin[1] + Math.ceil(count / columns) * spacingDeg] as const;
  return { villages, townships, counties, bounds };
}
