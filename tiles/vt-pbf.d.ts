// vt-pbf ships no types; only the entry point the tile build uses is declared.
declare module 'vt-pbf' {
  import type { LegacyTile } from 'geojson-vt';

  interface VtPbf {
    /** Encodes geojson-vt tiles, one per layer name, into one uncompressed MVT. */
    fromGeojsonVt(layers: Record<string, LegacyTile>, options?: { version?: number; extent?: number }): Uint8Array;
  }
  const vtPbf: VtPbf;
  export default vtPbf;
}
