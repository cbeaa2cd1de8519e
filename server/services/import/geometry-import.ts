// Project and site geometry from GeoJSON or zipped Shapefiles: every feature is converted to
// WGS-84, checked and located before anything is written; the commit applies all or nothing.
import type { GeometryChange, GeometryImportPreview, GeometryTarget, ImportCrs, ImportIssue } from '../../../common/imports';
import type { SessionUser } from '../../../common/roles';
import type { Db, Queryable } from '../../db/client';
import type { CountyGeometry } from '../county-geometry';
import { pointOrLine } from './feature-geometry';
import { readFeatures } from './geometry-file';
import { applyProjectPlan, planProjectFeature, type ProjectPlan } from './project-features';
import { applySitePlan, planSiteFeature, type SitePlan } from './site-features';
import { capIssues } from './issue-cap';
import type { Upload } from './upload';

/** A file listing more features than this is not a monthly update; it is refused rather than previewed for minutes. */
const MAX_FEATURES = 2000;

export type GeometryImportPlan =
  | { target: 'projects'; note: string; plans: ProjectPlan[] }
  | { target: 'sites'; note: string; plans: SitePlan[] };

export async function previewGeometry(
  db: Queryable, geo: CountyGeometry, file: Upload, target: GeometryTarget, crs: ImportCrs,
): Promise<{ preview: Omit<GeometryImportPreview, 'token'>; plan: GeometryImportPlan }> {
  const { features, layerIssues } = await readFeatures(file, crs);
  const errors: ImportIssue[] = [...layerIssues];
  const changes: GeometryChange[] = [];
  const plans: (ProjectPlan | SitePlan)[] = [];
  let unchanged = 0;
  if (features.length > MAX_FEATURES) {
    errors.push({ row: 0, code: '', message: `要素过多（${features.length} 个，上限 ${MAX_FEATURES}）`, messageEn: `Too many features (${features.length}, limit ${MAX_FEATURES})` });
  }
  // Rows are numbered within each layer, as a GIS tool shows its attribute table.
  const rowInLayer = new Map<string | undefined, number>();
  for (const f of features.slice(0, MAX_FEATURES)) {
    const row = (rowInLayer.get(f.layer) ?? 0) + 1;
    rowInLayer.set(f.layer, row);
    const inLayer = <T extends object>(item: T) => (f.layer === undefined ? item : { ...item, layer: f.layer });
    const shape = pointOrLine(f.geometry, row, String(row));
    if ('issues' in shape) {
      errors.push(...shape.issues.map(inLayer));
      continue;
    }
    const planned = target === 'projects'
      ? await planProjectFeature(db, geo, row, shape.geometry, f.properties)
      : await planSiteFeature(db, geo, row, shape.geometry, f.properties);
    if ('unchanged' in planned) unchanged++;
    else if ('issues' in planned) errors.push(...planned.issues.map(inLayer));
    else {
      plans.push(planned.plan);
      changes.push(inLayer(planned.change));
    }
  }
  const note = `导入 / imported (${crs}): ${file.name}`;
  const plan = (target === 'projects' ? { target, note, plans } : { target, note, plans }) as GeometryImportPlan;
  return { preview: { fileName: file.name, target, crs, total: features.length, changes, unchanged, ...capIssues(errors) }, plan };
}

/** One transaction: the first feature that no longer fits (a record changed since the preview) undoes them all. */
export function commitGeometry(db: Db, user: SessionUser, plan: GeometryImportPlan): Promise<{ id: number; layer: 'roads' | 'water' | 'sites' }[]> {
  return db.write(async (tx) => {
    const applied: { id: number; layer: 'roads' | 'water' | 'sites' }[] = [];
    if (plan.target === 'sites') {
      for (const p of plan.plans) applied.push({ id: (await applySitePlan(tx, user, p, plan.note)).id, layer: 'sites' });
    } else {
      for (const p of plan.plans) {
        const project = await applyProjectPlan(tx, user, p, plan.note);
        applied.push({ id: project.id, layer: project.kind === 'road' ? 'roads' : 'water' });
      }
    }
    return applied;
  });
}
