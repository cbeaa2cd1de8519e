// The real administrative units of one county, named for display: the part of the dataset that is not demo.
import { englishName, villageDisplayName } from './names';
import { readCounty, readTownships, readVillages } from './sources';

export interface VillageUnit {
  code: string;
  name: string;
  nameEn: string;
  townshipCode: string;
  /** An urban community (社区) rather than a rural administrative village. */
  urban: boolean;
}

export interface TownshipUnit {
  code: string;
  name: string;
  nameEn: string;
  /** A subdistrict (街道) or urban district (城区): the county seat's built-up area. */
  urban: boolean;
  villages: VillageUnit[];
}

export interface CountyUnits {
  county: { code: string; name: string; nameEn: string };
  townships: TownshipUnit[];
}

/** Township codes 001-099 are subdistricts (街道) by the statistical coding rules; other urban units (城区) go by name. */
function isUrbanTownship(code: string, name: string): boolean {
  return Number(code.slice(6, 9)) < 100 || name.endsWith('街道') || name.endsWith('城区');
}

export function readCountyUnits(countyCode: string): CountyUnits {
  const county = readCounty(countyCode);
  const villagesByTownship = new Map<string, VillageUnit[]>();
  for (const village of readVillages(countyCode)) {
    const name = villageDisplayName(village.name);
    const unit = { code: village.code, name, nameEn: englishName(name), townshipCode: village.parentCode, urban: name.endsWith('社区') };
    const siblings = villagesByTownship.get(unit.townshipCode) ?? [];
    siblings.push(unit);
    villagesByTownship.set(unit.townshipCode, siblings);
  }
  const townships = readTownships(countyCode).map((t) => ({
    code: t.code,
    name: t.name,
    nameEn: englishName(t.name),
    urban: isUrbanTownship(t.code, t.name),
    villages: villagesByTownship.get(t.code) ?? [],
  }));
  const known = new Set(townships.map((t) => t.code));
  const orphans = [...villagesByTownship.keys()].filter((code) => !known.has(code));
  if (orphans.length > 0) throw new Error(`villages of county ${countyCode} refer to unknown townships ${orphans.join(', ')}`);
  const empty = townships.filter((t) => t.villages.length === 0).map((t) => t.code);
  // A township without villages would get no polygon, since townships are unions of village cells.
  if (empty.length > 0) throw new Error(`townships without villages in county ${countyCode}: ${empty.join(', ')}`);
  return { county: { code: county.code, name: county.name, nameEn: englishName(county.name) }, townships };
}
