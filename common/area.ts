// The portal's area: one county (县/区, e.g. 140721) or one prefecture (州/市, e.g. 433100) with its
// counties. Every unit beneath an area has a code starting with the area's prefix, so "inside the
// area" is one LIKE on a code, whatever the level.

export const AREA_LEVELS = ['prefecture', 'county', 'township', 'village'] as const;
export type AreaLevel = (typeof AREA_LEVELS)[number];
export type PortalLevel = Extract<AreaLevel, 'prefecture' | 'county'>;

/** A prefecture's 6-digit code ends in 00 (433100); no county's does. */
export const portalLevelOf = (code: string): PortalLevel => (/^\d{4}00$/.test(code) ? 'prefecture' : 'county');

/** The code prefix every unit beneath the area shares: a prefecture's 4 digits, a county's 6, a township's 9. */
export function codePrefix(level: AreaLevel | 'province' | 'national', code: string): string {
  return level === 'prefecture' ? code.slice(0, 4) : code;
}

/** The level of the units an area is divided into on the map and in rankings. */
export const CHILD_LEVEL = { prefecture: 'county', county: 'township', township: 'village', village: null } as const satisfies Record<AreaLevel, AreaLevel | null>;

/** The level of a unit by the length of its code within a portal of `portal` level. */
export function levelOfCode(code: string, portal: PortalLevel): AreaLevel {
  if (code.length === 12) return 'village';
  if (code.length === 9) return 'township';
  return portal === 'prefecture' && portalLevelOf(code) === 'prefecture' ? 'prefecture' : 'county';
}

/** The unit's code at `level` from any code beneath it (a village's county is its first 6 digits). */
export function ancestorCode(code: string, level: Exclude<AreaLevel, 'prefecture'>): string {
  return code.slice(0, { county: 6, township: 9, village: 12 }[level]);
}

export interface PortalArea {
  level: PortalLevel;
  /** 6 digits: 140721, 433100. */
  code: string;
  /** Shared by every unit code beneath the area: '140721', '4331'. */
  prefix: string;
}

export function portalArea(code: string): PortalArea {
  const level = portalLevelOf(code);
  return { level, code, prefix: codePrefix(level, code) };
}

/** What one request may see: the portal's area, or the one county a user is scoped to within a prefecture. */
export interface ViewArea extends PortalArea {
  /** Narrowed from the portal's area to the user's county: codes outside it are refused or absent. */
  scoped: boolean;
}
