// A village once its geometry and attributes are drawn: what the site and project builders work from.
import type { VillageAttributes } from './attributes';
import { approxDistanceKm, type LonLat, type Polygonal } from './geo';
import type { VillageUnit } from './units';

export interface PlacedVillage extends VillageUnit {
  geometry: Polygonal;
  center: LonLat;
  attributes: VillageAttributes;
}

export const isPoor = (village: PlacedVillage): boolean => village.attributes.villageClass !== 'non_poor';

/** Villages sorted nearest first; ties (never seen in practice) fall back to code order for determinism. */
export function byDistanceFrom(position: LonLat, villages: PlacedVillage[]): PlacedVillage[] {
  return villages
    .map((village) => ({ village, km: approxDistanceKm(position, village.center) }))
    .sort((a, b) => a.km - b.km || a.village.code.localeCompare(b.village.code))
    .map((entry) => entry.village);
}

/** Projects go first to the villages furthest behind. */
export const PRIORITY_WEIGHT: Record<VillageAttributes['villageClass'], number> = { deep_poor: 3, poor: 2, non_poor: 1 };
