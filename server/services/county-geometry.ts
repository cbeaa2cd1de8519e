// The county's fixed geography, loaded once: where drawn projects must lie, and which township
// and villages a drawn project falls in.
import { booleanIntersects, booleanPointInPolygon, pointOnFeature } from '@turf/turf';
import type { PortalArea } from '../../common/area';
import type { Queryable } from '../db/client';
import { countyAreas, type Area } from '../repo/geography';
import { DomainError } from './domain-error';

export class CountyGeometry {
  private loaded?: Promise<{ county: Area; townships: Area[]; villages: Area[] }>;

  /** `area`: the portal's county or prefecture; a database may hold a province or the nation. */
  constructor(private readonly db: Queryable, private readonly area: PortalArea) {}

  /** After imported boundaries replace the demo ones. */
  forget(): void {
    this.loaded = undefined;
  }

  private load() {
    this.loaded ??= countyAreas(this.db, this.area).then(({ county, ...areas }) => {
      if (!county) throw new Error(`area ${this.area.code} is not in the database`);
      return { county, ...areas };
    });
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
