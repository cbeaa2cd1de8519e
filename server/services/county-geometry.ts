// The county's fixed geography, loaded once: where drawn projects must lie, and which township
// and villages a drawn project falls in.
import { booleanIntersects, booleanPointInPolygon, pointOnFeature } from '@turf/turf';
import type { Queryable } from '../db/client';
import { DomainError } from './domain-error';

type Area = { code: string; geom: GeoJSON.Polygon | GeoJSON.MultiPolygon };

export class CountyGeometry {
  private loaded?: Promise<{ county: Area; townships: Area[]; villages: Area[] }>;

  constructor(private readonly db: Queryable) {}

  private load() {
    this.loaded ??= (async () => {
      const [county] = await this.db.query<Area>('SELECT code, geom FROM counties ORDER BY code LIMIT 1');
      const townships = await this.db.query<Area>('SELECT code, geom FROM townships ORDER BY code');
      const villages = await this.db.query<Area>('SELECT code, geom FROM villages ORDER BY code');
      return { county, townships, villages };
    })();
    return this.loaded;
  }

  /** Rejects geometry with any vertex outside the county outline. */
  async assertInside(geometry: GeoJSON.Point | GeoJSON.LineString): Promise<void> {
    const { county } = await this.load();
    const positions = geometry.type === 'Point' ? [geometry.coordinates] : geometry.coordinates;
    const outside = positions.findIndex((p) => !booleanPointInPolygon(p as [number, number], county.geom));
    if (outside >= 0) {
      const [lon, lat] = positions[outside];
      throw new DomainError(
        'unprocessable',
        'outside_county',
        `坐标 (${lon}, ${lat}) 不在本县范围内`,
        `Coordinate (${lon}, ${lat}) lies outside the county`,
        { details: [{ field: 'geometry', index: outside }] },
      );
    }
  }

  /** The township holding the geometry's representative point and the villages it touches. */
  async locate(geometry: GeoJSON.Point | GeoJSON.LineString): Promise<{ townshipCode: string; villages: string[] }> {
    const { townships, villages } = await this.load();
    const anchor = pointOnFeature(geometry);
    const township = townships.find((t) => booleanPointInPolygon(anchor, t.geom)) ?? townships[0];
    return {
      townshipCode: township.code,
      villages: villages.filter((v) => booleanIntersects(geometry, v.geom)).map((v) => v.code),
    };
  }
}
