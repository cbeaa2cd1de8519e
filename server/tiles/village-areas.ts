// Townships and counties standing in for their villages at low zooms, each with the counts a map
// colours it by: how many of its poor villages have exited.
import type { VillageClass } from '../../common/domain';
import type { ExitStatus } from '../../common/indicators';

export interface AreaOutline {
  code: string;
  geom: GeoJSON.Geometry;
}

interface VillageProps {
  code: string;
  villageClass: VillageClass;
  exitStatus: ExitStatus;
}

/** The area a village belongs to, by its code's prefix: county 6 digits, township 9. */
export type AreaLevel = 'county' | 'township';
export const CODE_LENGTH: Record<AreaLevel, number> = { county: 6, township: 9 };
/** Counted as the national archive counts them: a wrong exit has exited too, on paper. */
export const EXITED_STATUSES: readonly ExitStatus[] = ['exited', 'wrong_exit'];

export function villageAreas(villages: GeoJSON.Feature[], outlines: AreaOutline[], level: AreaLevel): GeoJSON.FeatureCollection {
  const counts = new Map<string, { villages: number; poorVillages: number; exitedVillages: number }>();
  for (const { properties } of villages) {
    const v = properties as VillageProps;
    const code = v.code.slice(0, CODE_LENGTH[level]);
    const c = counts.get(code) ?? { villages: 0, poorVillages: 0, exitedVillages: 0 };
    c.villages++;
    if (v.villageClass !== 'non_poor') c.poorVillages++;
    if (EXITED_STATUSES.includes(v.exitStatus)) c.exitedVillages++;
    counts.set(code, c);
  }
  return {
    type: 'FeatureCollection',
    features: outlines.flatMap(({ code, geom }) => {
      const c = counts.get(code);
      if (!c) return [];
      // A county or township without poor villages has nothing to exit: no share rather than 0 or 1.
      const share = c.poorVillages > 0 ? { exitedShare: c.exitedVillages / c.poorVillages } : {};
      return [{ type: 'Feature', id: Number(code), geometry: geom, properties: { code, level, ...c, ...share } }];
    }),
  };
}
