// An imported point as a relocation site: with an existing site id it moves that site, without one
// it is a new site with its name and planned households and persons (nothing moved in yet).
import { distance } from '@turf/turf';
import { z } from 'zod';
import type { SiteView } from '../../../common/api';
import type { GeometryChange, ImportIssue } from '../../../common/imports';
import type { SessionUser } from '../../../common/roles';
import { siteViolations } from '../../../common/rules';
import { count, idText, line, projectName } from '../../../common/schemas';
import { englishName } from '../../../data/build/names';
import type { Queryable } from '../../db/client';
import { getSite } from '../../repo/sites';
import { recordAudit } from '../audit';
import type { CountyGeometry } from '../county-geometry';
import { asIssues, featureIssue, fieldNames, numeric, property, schemaIssues, text, type Properties } from './feature-properties';
import { sameGeometry, type PointOrLine } from './feature-geometry';
import { stalePreview } from './village-stats';
import { WITH_INPUT } from '../../../common/issue-messages';

const ALIASES = fieldNames({
  id: ['id', '安置点编号'],
  name: ['name', '名称', '安置点名称'],
  nameEn: ['nameEn', '英文名称'],
  plannedHouseholds: ['plannedHouseholds', '计划户数', '计划安置户数'],
  plannedPersons: ['plannedPersons', '计划人数', '计划安置人数'],
});

const newSite = z.object({
  name: projectName,
  nameEn: line(200).min(1).optional(),
  plannedHouseholds: count,
  plannedPersons: count,
});

interface Place {
  lon: number;
  lat: number;
  townshipCode: string;
}

export type SitePlan =
  | ({ action: 'create'; name: string; nameEn: string; plannedHouseholds: number; plannedPersons: number; distanceToTownKm: number } & Place)
  | ({ action: 'move'; id: number; version: number } & Place);

/** Unchanged: the point is where the site already is (an export imported back). */
type Planned = { plan: SitePlan; change: GeometryChange } | { issues: ImportIssue[] } | { unchanged: true };

export async function planSiteFeature(db: Queryable, geo: CountyGeometry, row: number, geometry: PointOrLine, props: Properties): Promise<Planned> {
  const id = text(property(props, ALIASES.id));
  const label = id ?? text(property(props, ALIASES.name)) ?? `#${row}`;
  if (geometry.type !== 'Point') return { issues: [featureIssue(row, label, '安置点的几何须为点', 'a relocation site needs a point geometry', 'geometry')] };
  const site = id !== undefined && idText.safeParse(id).success ? await getSite(db, Number(id)) : undefined;
  if (site && sameGeometry(geometry, { type: 'Point', coordinates: [site.lon, site.lat] })) return { unchanged: true };
  const located = await asIssues(row, label, async () => {
    await geo.assertInside(geometry);
    return geo.locate(geometry);
  });
  if ('issues' in located) return located;
  const [lon, lat] = geometry.coordinates;
  const place = { lon, lat, townshipCode: located.value.townshipCode };
  const change = { row, geometry, plannedKm: null, townshipCode: place.townshipCode };

  if (id !== undefined) {
    if (!site) return { issues: [featureIssue(row, id, `安置点编号 ${id} 不存在`, `there is no relocation site ${id}`, 'id')] };
    return { plan: { action: 'move', id: site.id, version: site.version, ...place }, change: { ...change, action: 'update', id: site.id, name: site.name } };
  }
  const parsed = newSite.safeParse({
    name: text(property(props, ALIASES.name)),
    nameEn: text(property(props, ALIASES.nameEn)),
    plannedHouseholds: numeric(property(props, ALIASES.plannedHouseholds)),
    plannedPersons: numeric(property(props, ALIASES.plannedPersons)),
  }, WITH_INPUT);
  if (!parsed.success) return { issues: schemaIssues(row, label, parsed.error) };
  const s = parsed.data;
  const violations = siteViolations({ ...s, movedHouseholds: 0, movedPersons: 0, completedHouseholds: 0, stableHouseholds: 0, demolishedHouseholds: 0 });
  if (violations.length > 0) return { issues: violations.map((v) => featureIssue(row, label, v.message, v.messageEn, v.field)) };
  return {
    plan: {
      action: 'create', ...place, name: s.name, plannedHouseholds: s.plannedHouseholds, plannedPersons: s.plannedPersons,
      nameEn: s.nameEn ?? `${englishName(s.name.replace(/安置点$/, ''))} Resettlement Site`,
      distanceToTownKm: await distanceToSeat(db, place),
    },
    change: { ...change, action: 'create', id: null, name: s.name },
  };
}

/** As the demo data has it: the township seat is taken to be its most populous village. */
async function distanceToSeat(db: Queryable, place: Place): Promise<number> {
  const [seat] = await db.query<{ center: [number, number] }>(
    'SELECT center FROM villages WHERE township_code = $1 ORDER BY rural_population DESC, code LIMIT 1',
    [place.townshipCode],
  );
  return seat ? Math.round(distance(seat.center, [place.lon, place.lat]) * 10) / 10 : 0;
}

export async function applySitePlan(tx: Queryable, user: SessionUser, plan: SitePlan, note: string): Promise<SiteView> {
  const place = { lon: plan.lon, lat: plan.lat, townshipCode: plan.townshipCode };
  if (plan.action === 'move') {
    const current = await getSite(tx, plan.id);
    if (!current || current.version !== plan.version) throw stalePreview(`安置点 ${plan.id} / site ${plan.id}`);
    await tx.query('UPDATE sites SET lon = $2, lat = $3, township_code = $4, version = version + 1, updated_at = now() WHERE id = $1', [plan.id, plan.lon, plan.lat, plan.townshipCode]);
    const old = { lon: current.lon, lat: current.lat, townshipCode: current.townshipCode };
    await recordAudit(tx, { user, entityType: 'site', entityId: String(plan.id), action: 'import', old, new: place, note });
    return (await getSite(tx, plan.id))!;
  }
  const [{ id }] = await tx.query<{ id: number }>(
    `INSERT INTO sites (township_code, name, name_en, lon, lat, planned_households, planned_persons, moved_households, moved_persons,
       completed_households, stable_households, demolished_households, origin_villages, distance_to_town_km, demo)
     VALUES ($1, $2, $3, $4, $5, $6, $7, 0, 0, 0, 0, 0, '[]', $8, false) RETURNING id`,
    [plan.townshipCode, plan.name, plan.nameEn, plan.lon, plan.lat, plan.plannedHouseholds, plan.plannedPersons, plan.distanceToTownKm],
  );
  const { action: _action, ...created } = plan;
  await recordAudit(tx, { user, entityType: 'site', entityId: String(id), action: 'import', old: null, new: created, note });
  return (await getSite(tx, id))!;
}
