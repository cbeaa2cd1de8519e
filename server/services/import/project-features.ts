// An imported feature as a project: with an existing project id it redraws that project, without
// one it is a new project whose attributes the feature carries.
import type { ProjectView } from '../../../common/api';
import { WATER_SUBTYPES, type ProjectStatus, type ProjectSubtype } from '../../../common/domain';
import type { GeometryChange, ImportIssue } from '../../../common/imports';
import type { SessionUser } from '../../../common/roles';
import { expectedGeometryType } from '../../../common/rules';
import { idText, projectCreate } from '../../../common/schemas';
import type { Queryable } from '../../db/client';
import { getProject } from '../../repo/projects';
import type { CountyGeometry } from '../county-geometry';
import { insertProject, locatePatch, patchProject, plannedKmOf, planProject, type NewProject } from '../project-edits';
import { asIssues, featureIssue, fieldNames, isoDate, numeric, property, schemaIssues, text, vocabulary, type Properties } from './feature-properties';
import { sameGeometry, type PointOrLine } from './feature-geometry';
import { WITH_INPUT } from '../../../common/issue-messages';

const SUBTYPE_NAMES: Record<ProjectSubtype, readonly string[]> = {
  upgrade: ['提质改造', '农村公路提质改造', '道路提质改造', '公路提质改造'],
  safety: ['安保工程', '安防工程', '生命安全防护工程'],
  bridge: ['危桥改造', '桥梁改造'],
  bus_stop: ['招呼站', '候车亭'],
  drinking_water: ['安全饮水', '饮水工程', '安全饮水工程', '饮水安全工程'],
};
const STATUS_NAMES: Record<ProjectStatus, readonly string[]> = {
  planned: ['计划', '未开工', '拟建'],
  under_construction: ['在建', '施工中', '建设中'],
  completed: ['完工', '竣工', '已完工'],
  accepted: ['验收', '已验收'],
};

const ALIASES = fieldNames({
  id: ['id', '项目编号', '项目id'],
  name: ['name', '名称', '项目名称'],
  nameEn: ['nameEn', 'name_en', '英文名称'],
  subtype: ['subtype', '类型', '项目类型', '建设内容'],
  budget: ['budget', '预算', '总投资', '投资'],
  spent: ['spent', '已支付', '支出', '已拨付'],
  plannedStart: ['plannedStart', '开工日期', '计划开工', '计划开工日期'],
  plannedEnd: ['plannedEnd', '完工日期', '计划完工', '计划完工日期'],
  status: ['status', '状态', '项目状态'],
  servedHouseholds: ['servedHouseholds', '受益户数'],
  villages: ['villages', '受益村', '受益村代码', '服务村'],
  note: ['note', '备注'],
});

export type ProjectPlan =
  | { action: 'create'; record: NewProject }
  | { action: 'update'; id: number; version: number; geometry: PointOrLine; located: Awaited<ReturnType<typeof locatePatch>> };

/** Unchanged: the feature is the project as it stands (an export imported back). */
type Planned = { plan: ProjectPlan; change: GeometryChange } | { issues: ImportIssue[] } | { unchanged: true };

export async function planProjectFeature(db: Queryable, geo: CountyGeometry, row: number, geometry: PointOrLine, props: Properties): Promise<Planned> {
  const id = text(property(props, ALIASES.id));
  return id === undefined ? planNew(geo, row, geometry, props) : planRedraw(db, geo, row, geometry, id, servedVillages(property(props, ALIASES.villages)));
}

/** The served villages a file lists (an array, as the GeoJSON export has them, or codes separated by commas). */
function servedVillages(value: unknown): string[] | undefined {
  const list = Array.isArray(value) ? value.map(String) : typeof value === 'string' ? value.split(/[,，;；\s]+/).filter(Boolean) : undefined;
  return list && list.length > 0 && list.every((c) => /^\d{12}$/.test(c)) ? list : undefined;
}

async function planRedraw(db: Queryable, geo: CountyGeometry, row: number, geometry: PointOrLine, id: string, villages: string[] | undefined): Promise<Planned> {
  const project = idText.safeParse(id).success ? await getProject(db, Number(id)) : undefined;
  if (!project) return { issues: [featureIssue(row, id, `项目编号 ${id} 不存在`, `there is no project ${id}`, 'id')] };
  const expected = expectedGeometryType(project);
  if (geometry.type !== expected) {
    return { issues: [featureIssue(row, id, `项目「${project.name}」的几何须为 ${expected}`, `project "${project.name}" needs a ${expected} geometry`, 'geometry')] };
  }
  if (sameGeometry(geometry, project.geometry)) return { unchanged: true };
  const found = await asIssues(row, id, () => locatePatch(geo, { geometry }));
  if ('issues' in found) return found;
  // The villages a project serves are a decision, not its footprint: a file that lists them keeps them.
  const located = { value: { ...found.value!, villages: villages ?? found.value!.villages } };
  return {
    plan: { action: 'update', id: project.id, version: project.version, geometry, located: located.value },
    change: { row, action: 'update', id: project.id, name: project.name, townshipCode: located.value.townshipCode, geometry, plannedKm: plannedKmOf(geometry) },
  };
}

async function planNew(geo: CountyGeometry, row: number, geometry: PointOrLine, props: Properties): Promise<Planned> {
  const subtype = vocabulary(property(props, ALIASES.subtype), SUBTYPE_NAMES);
  const input = {
    kind: (WATER_SUBTYPES as readonly unknown[]).includes(subtype) ? 'water' : 'road',
    subtype,
    name: text(property(props, ALIASES.name)),
    nameEn: text(property(props, ALIASES.nameEn)),
    geometry,
    budget: numeric(property(props, ALIASES.budget)),
    spent: numeric(property(props, ALIASES.spent)),
    plannedStart: isoDate(property(props, ALIASES.plannedStart)),
    plannedEnd: isoDate(property(props, ALIASES.plannedEnd)),
    status: vocabulary(property(props, ALIASES.status), STATUS_NAMES),
    servedHouseholds: numeric(property(props, ALIASES.servedHouseholds)),
    note: text(property(props, ALIASES.note)),
  };
  const label = typeof input.name === 'string' ? input.name : `#${row}`;
  const parsed = projectCreate.safeParse(Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)), WITH_INPUT);
  if (!parsed.success) return { issues: schemaIssues(row, label, parsed.error) };
  const planned = await asIssues(row, label, () => planProject(geo, parsed.data));
  if ('issues' in planned) return planned;
  const record = planned.value;
  return {
    plan: { action: 'create', record },
    change: { row, action: 'create', id: null, name: record.name, townshipCode: record.townshipCode, geometry, plannedKm: record.plannedKm },
  };
}

export function applyProjectPlan(tx: Queryable, user: SessionUser, plan: ProjectPlan, note: string): Promise<ProjectView> {
  if (plan.action === 'create') return insertProject(tx, user, { ...plan.record, note: [plan.record.note, note].filter(Boolean).join('；') }, 'import');
  return patchProject(tx, user, plan.id, { version: plan.version, geometry: plan.geometry, note }, plan.located, 'import');
}

