import { gzipSync } from 'node:zlib';
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { PMTiles, type RangeResponse, type Source } from 'pmtiles';
import { describe, expect, it } from 'vitest';
import type { Dataset, DatasetVillage } from '../common/dataset';
import { buildStaticTiles } from '../tiles/build-static';
import { writePmtiles, type ArchiveOptions, type ArchiveTile } from '../tiles/pmtiles-writer';

class BufferSource implements Source {
  constructor(private readonly archive: Buffer) {}

  async getBytes(offset: number, length: number): Promise<RangeResponse> {
    const slice = this.archive.subarray(offset, offset + length);
    return { data: slice.buffer.slice(slice.byteOffset, slice.byteOffset + slice.byteLength) as ArrayBuffer };
  }

  getKey(): string {
    return 'in-memory';
  }
}

type Ring = [number, number][];
const rect = (west: number, south: number, east: number, north: number): GeoJSON.Polygon => ({
  type: 'Polygon',
  coordinates: [[[west, south], [east, south], [east, north], [west, north], [west, south]] as Ring],
});

function village(code: string, name: string, nameEn: string, townshipCode: string, area: GeoJSON.Polygon) {
  const [[west, south], , [east, north]] = area.coordinates[0];
  const properties: DatasetVillage & { center: [number, number] } = {
    code, name, nameEn, townshipCode,
    villageClass: 'poor', ruralPopulation: 800, poorHouseholds: 40, poorPersons: 90,
    exitedHouseholds: 10, exitedPersons: 25, plannedExitYear: 2018, actualExitYear: null,
    collectiveIncome: 30_000, infra: { water: true, road: false }, demo: true,
    center: [(west + east) / 2, (south + north) / 2],
  };
  return { type: 'Feature' as const, geometry: area, properties };
}

// Two townships (west/east halves) of two villages each, in a 0.2° square county.
const syntheticDataset: Dataset = {
  meta: {
    county: { code: '990001', name: '测试县', nameEn: 'Testxian' },
    seed: 1, demo: true, sources: ['synthetic'], note: 'test fixture',
  },
  county: { type: 'Feature', geometry: rect(112.9, 37.0, 113.1, 37.2), properties: { code: '990001', name: '测试县', nameEn: 'Testxian' } },
  townships: [
    { type: 'Feature', geometry: rect(112.9, 37.0, 113.0, 37.2), properties: { code: '990001100', name: '西镇', nameEn: 'Xizhen', countyCode: '990001' } },
    { type: 'Feature', geometry: rect(113.0, 37.0, 113.1, 37.2), properties: { code: '990001200', name: '东乡', nameEn: 'Dongxiang', countyCode: '990001' } },
  ],
  villages: [
    village('990001100001', '北村', 'Beicun', '990001100', rect(112.9, 37.1, 113.0, 37.2)),
    village('990001100002', '南村', 'Nancun', '990001100', rect(112.9, 37.0, 113.0, 37.1)),
    village('990001200001', '上庄', 'Shangzhuang', '990001200', rect(113.0, 37.1, 113.1, 37.2)),
    village('990001200002', '下庄', 'Xiazhuang', '990001200', rect(113.0, 37.0, 113.1, 37.1)),
  ],
  sites: [],
  projects: [],
};

function tileOf(lon: number, lat: number, z: number): [number, number] {
  const n = 2 ** z;
  const rad = (lat * Math.PI) / 180;
  return [
    Math.floor(((lon + 180) / 360) * n),
    Math.floor(((1 - Math.asinh(Math.tan(rad)) / Math.PI) / 2) * n),
  ];
}

function decode(tile: RangeResponse): VectorTile {
  return new VectorTile(new PbfReader(new Uint8Array(tile.data)));
}

describe('static tile archive of a synthetic county', () => {
  const archive = buildStaticTiles(syntheticDataset, { minZoom: 6, maxZoom: 14 });
  const pmtiles = new PMTiles(new BufferSource(archive));

  it('has a header describing the county', async () => {
    const header = await pmtiles.getHeader();
    expect(header).toMatchObject({
      specVersion: 3, minZoom: 6, maxZoom: 14, tileType: 1, tileCompression: 2, internalCompression: 2,
      clustered: true, leafDirectoryLength: 0, minLon: 112.9, minLat: 37, maxLon: 113.1, maxLat: 37.2,
      centerLon: 113, centerLat: 37.1, centerZoom: 11,
    });
    expect(header.numTileContents).toBeGreaterThan(0);
  });

  it('lists every static layer with its fields in the metadata', async () => {
    const metadata = (await pmtiles.getMetadata()) as {
      description: string;
      vector_layers: { id: string; fields: Record<string, string> }[];
    };
    expect(metadata.description).toBe('测试县 demo static layers');
    // `counties` holds a prefecture's counties and is listed (empty) for a county too.
    expect(metadata.vector_layers.map((l) => l.id)).toEqual(['county', 'counties', 'townships', 'villages_outline', 'labels']);
    expect(metadata.vector_layers.find((l) => l.id === 'villages_outline')!.fields).toEqual({
      code: 'String', name: 'String', nameEn: 'String', townshipCode: 'String',
    });
  });

  it('stores gzip-compressed tiles', async () => {
    const header = await pmtiles.getHeader();
    expect([...archive.subarray(header.tileDataOffset, header.tileDataOffset + 2)]).toEqual([0x1f, 0x8b]);
  });

  it('serves a village tile with outlines, ids and labels', async () => {
    const [x, y] = tileOf(112.95, 37.15, 12);
    const response = await pmtiles.getZxy(12, x, y);
    expect(response).toBeDefined();
    const tile = decode(response!);
    expect(Object.keys(tile.layers).sort()).toEqual(['county', 'labels', 'townships', 'villages_outline']);

    const outlines = tile.layers.villages_outline;
    const outlineIds = Array.from({ length: outlines.length }, (_, i) => outlines.feature(i).id);
    expect(outlineIds).toContain(990001100001);
    const north = Array.from({ length: outlines.length }, (_, i) => outlines.feature(i)).find(
      (f) => f.id === 990001100001,
    );
    expect(north?.type).toBe(3);
    expect(north?.properties).toEqual({
      code: '990001100001', name: '北村', nameEn: 'Beicun', townshipCode: '990001100',
    });

    const labels = tile.layers.labels;
    const villageLabel = Array.from({ length: labels.length }, (_, i) => labels.feature(i)).find(
      (f) => f.id === 990001100001,
    );
    expect(villageLabel?.type).toBe(1);
    expect(villageLabel?.properties).toEqual({
      kind: 'village', code: '990001100001', name: '北村', nameEn: 'Beicun', rank: 2,
    });
  });

  it('labels townships with rank 1 at the lowest zoom', async () => {
    const [x, y] = tileOf(113.0, 37.1, 6);
    const tile = decode((await pmtiles.getZxy(6, x, y))!);
    const labels = tile.layers.labels;
    const townshipLabels = Array.from({ length: labels.length }, (_, i) => labels.feature(i).properties).filter(
      (p) => p.kind === 'township',
    );
    expect(townshipLabels).toEqual([
      { kind: 'township', code: '990001100', name: '西镇', nameEn: 'Xizhen', rank: 1 },
      { kind: 'township', code: '990001200', name: '东乡', nameEn: 'Dongxiang', rank: 1 },
    ]);
  });

  it('has no tiles outside the county or the zoom range', async () => {
    const [x, y] = tileOf(116.4, 39.9, 12);
    expect(await pmtiles.getZxy(12, x, y)).toBeUndefined();
    const [x15, y15] = tileOf(112.95, 37.15, 15);
    expect(await pmtiles.getZxy(15, x15, y15)).toBeUndefined();
    const [x5, y5] = tileOf(112.95, 37.15, 5);
    expect(await pmtiles.getZxy(5, x5, y5)).toBeUndefined();
  });
});

/** Deterministic PRNG so a failing case can be reproduced. */
function mulberry32(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('archive large enough to need leaf directories', () => {
  const random = mulberry32(42);
  const z = 14;
  const payloads = new Map<string, Buffer>();
  // Scattered tiles with distinct contents keep the directory incompressible enough to overflow 16 KiB.
  while (payloads.size < 20_000) {
    const x = Math.floor(random() * 2 ** z);
    const y = Math.floor(random() * 2 ** z);
    const length = 1 + Math.floor(random() * 40);
    payloads.set(`${x}/${y}`, Buffer.from(Array.from({ length }, () => Math.floor(random() * 256))));
  }
  // A contiguous row of one shared content exercises deduplication and run-length entries.
  for (let x = 0; x < 64; x++) payloads.set(`${x}/0`, Buffer.from('shared'));
  const tiles: ArchiveTile[] = [...payloads].map(([key, payload]) => {
    const [x, y] = key.split('/').map(Number);
    return { z, x, y, data: gzipSync(payload) };
  });
  const archive = writePmtiles(tiles, {
    metadata: { name: 'leaf test' },
    bounds: [-180, -85, 180, 85],
    center: [0, 0, 2],
    minZoom: z,
    maxZoom: z,
  });
  const pmtiles = new PMTiles(new BufferSource(archive));

  it('splits the directory into leaves and keeps the root in the first 16 KiB', async () => {
    const header = await pmtiles.getHeader();
    expect(header.leafDirectoryLength).toBeGreaterThan(0);
    expect(header.rootDirectoryOffset + header.rootDirectoryLength).toBeLessThanOrEqual(16_384);
    expect(header.numAddressedTiles).toBe(payloads.size);
    expect(header.numTileContents).toBe(new Set([...payloads.values()].map((p) => p.toString('hex'))).size);
    expect(header.numTileEntries).toBeLessThan(payloads.size);
  });

  it('round-trips random tiles, shared ones included', async () => {
    const sample = [...tiles.filter((_, i) => i % 97 === 0), ...tiles.slice(-64)];
    for (const { z: tz, x, y } of sample) {
      const response = await pmtiles.getZxy(tz, x, y);
      expect(response, `${tz}/${x}/${y}`).toBeDefined();
      expect(Buffer.from(response!.data)).toEqual(payloads.get(`${x}/${y}`));
    }
  });

  it('finds nothing where no tile was written', async () => {
    let probed = 0;
    for (let x = 0; probed < 200; x++) {
      const y = (x * 7919) % 2 ** z;
      if (payloads.has(`${x}/${y}`)) continue;
      probed++;
      expect(await pmtiles.getZxy(z, x, y), `${z}/${x}/${y}`).toBeUndefined();
    }
  });

  it('rejects the same tile twice', () => {
    const options: ArchiveOptions = { metadata: {}, bounds: [0, 0, 1, 1], center: [0, 0, 0], minZoom: z, maxZoom: z };
    expect(() => writePmtiles([tiles[0], { ...tiles[0] }], options)).toThrow(/Duplicate tile/);
  });
});
