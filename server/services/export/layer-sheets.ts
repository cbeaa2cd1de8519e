// Each map layer as a worksheet with Chinese headers, for the offices' own tables and reports.
import type ExcelJS from 'exceljs';
import { zhCN as label } from '../../../common/labels';
import { chinaToday } from '../../../common/problems';
import type { Queryable } from '../../db/client';
import { listTownships } from '../../repo/geography';
import { listProblems } from '../../repo/problems';
import { listProjects } from '../../repo/projects';
import { listSites } from '../../repo/sites';
import { listVillages } from '../../repo/villages';
import { addSheet, type SheetColumn } from './workbook';

export const EXPORT_LAYERS = ['villages', 'sites', 'projects', 'problems'] as const;
export type ExportLayer = (typeof EXPORT_LAYERS)[number];

const PCT = '0.0%';
const INT = '#,##0';
const YUAN = '#,##0';
const DEMO_NOTE = '演示数据：除行政区划名称、代码和县界外，数据均为生成的演示数据';

const TITLES: Record<ExportLayer, string> = {
  villages: '行政村统计表',
  sites: '易地扶贫搬迁安置点统计表',
  projects: '道路和饮水项目表',
  problems: '问题台账',
};

export async function addLayerSheet(
  workbook: ExcelJS.Workbook,
  db: Queryable,
  layer: ExportLayer,
  /** `prefix`: the area's code prefix (PortalArea.prefix), a county's code or a prefecture's four digits. */
  county: { code: string; name: string; prefix: string },
): Promise<void> {
  const countyName = county.name;
  const townships = new Map((await listTownships(db, county.prefix)).map((t) => [t.code, t.name]));
  const township = (r: { townshipCode: string }) => townships.get(r.townshipCode) ?? r.townshipCode;
  const base = { name: TITLES[layer], title: `${countyName}${TITLES[layer]}（导出于 ${chinaToday()}）`, note: DEMO_NOTE };
  const add = <Row>(columns: SheetColumn<Row>[], rows: Row[]) => void addSheet(workbook, { ...base, columns, rows });

  switch (layer) {
    case 'villages':
      return add(
        [
          { header: '村代码', value: (v) => v.code, width: 16 },
          { header: '村名称', value: (v) => v.name, width: 14 },
          { header: '乡镇', value: township },
          { header: '村类别', value: (v) => label[`villageClass.${v.villageClass}`] },
          { header: '农村人口', value: (v) => v.ruralPopulation, format: INT },
          { header: '贫困户数', value: (v) => v.poorHouseholds, format: INT },
          { header: '贫困人口', value: (v) => v.poorPersons, format: INT },
          { header: '脱贫户数', value: (v) => v.exitedHouseholds, format: INT },
          { header: '脱贫人口', value: (v) => v.exitedPersons, format: INT },
          // The figures are this year's: the year lets the sheet be imported back unchanged.
          { header: '年度', value: () => Number(chinaToday().slice(0, 4)), width: 8 },
          { header: '贫困发生率', value: (v) => v.povertyIncidence, format: '0.00%' },
          { header: '计划退出年度', value: (v) => v.plannedExitYear },
          { header: '实际退出年度', value: (v) => v.actualExitYear },
          { header: '村集体收入（元）', value: (v) => v.collectiveIncome, format: YUAN },
          { header: '基础设施完成率', value: (v) => v.infraCompletion, format: PCT },
          { header: '退出状态', value: (v) => label[`exitStatus.${v.exitStatus}`], width: 18 },
          { header: '更新时间', value: (v) => v.updatedAt.slice(0, 10), width: 12 },
        ],
        await listVillages(db, { county: county.prefix }),
      );
    case 'sites':
      return add(
        [
          { header: '编号', value: (s) => s.id },
          { header: '安置点名称', value: (s) => s.name, width: 24 },
          { header: '乡镇', value: township },
          { header: '经度', value: (s) => s.lon },
          { header: '纬度', value: (s) => s.lat },
          { header: '计划户数', value: (s) => s.plannedHouseholds, format: INT },
          { header: '计划人数', value: (s) => s.plannedPersons, format: INT },
          { header: '入住户数', value: (s) => s.movedHouseholds, format: INT },
          { header: '入住人数', value: (s) => s.movedPersons, format: INT },
          { header: '竣工户数', value: (s) => s.completedHouseholds, format: INT },
          { header: '稳定脱贫户数', value: (s) => s.stableHouseholds, format: INT },
          { header: '拆除复垦户数', value: (s) => s.demolishedHouseholds, format: INT },
          { header: '工程竣工率', value: (s) => s.indicators.constructionRate, format: PCT },
          { header: '搬迁入住率', value: (s) => s.indicators.occupancyRate, format: PCT },
          { header: '稳定脱贫率', value: (s) => s.indicators.stableExitRate, format: PCT },
          { header: '拆除复垦率', value: (s) => s.indicators.demolitionRate, format: PCT },
          { header: '距镇区（公里）', value: (s) => s.distanceToTownKm },
        ],
        await listSites(db, { county: county.prefix }),
      );
    case 'projects':
      return add(
        [
          { header: '编号', value: (p) => p.id },
          { header: '项目名称', value: (p) => p.name, width: 28 },
          { header: '类型', value: (p) => label[`subtype.${p.subtype}`], width: 18 },
          { header: '乡镇', value: township },
          { header: '计划里程（公里）', value: (p) => p.plannedKm },
          { header: '完成里程（公里）', value: (p) => p.doneKm },
          { header: '进度', value: (p) => p.progressPct / 100, format: PCT },
          { header: '预算（元）', value: (p) => p.budget, format: YUAN },
          { header: '已支付（元）', value: (p) => p.spent, format: YUAN },
          { header: '计划开工', value: (p) => p.plannedStart, width: 12 },
          { header: '计划完工', value: (p) => p.plannedEnd, width: 12 },
          { header: '状态', value: (p) => label[`projectStatus.${p.status}`] },
          { header: '受益户数', value: (p) => p.servedHouseholds, format: INT },
          { header: '受益村数', value: (p) => p.villages.length },
        ],
        await listProjects(db, { county: county.prefix }),
      );
    case 'problems':
      return add(
        [
          { header: '编号', value: (p) => p.id },
          { header: '问题', value: (p) => p.title, width: 28 },
          { header: '问题描述', value: (p) => p.description, width: 36 },
          { header: '对象类型', value: (p) => label[`problem.entity.${p.entityType}`] },
          { header: '对象', value: (p) => p.entityName, width: 20 },
          { header: '乡镇', value: township },
          { header: '来源', value: (p) => label[`problem.source.${p.source}`] },
          { header: '责任单位', value: (p) => p.responsibleUnit, width: 18 },
          { header: '整改期限', value: (p) => p.deadline, width: 12 },
          { header: '状态', value: (p) => label[`problem.status.${p.status}`] },
          { header: '是否逾期', value: (p) => (p.overdue ? '逾期' : '') },
          { header: '登记人', value: (p) => p.createdBy },
          { header: '登记时间', value: (p) => p.createdAt.slice(0, 10), width: 12 },
          { header: '整改人', value: (p) => p.fixedBy },
          { header: '整改时间', value: (p) => p.fixedAt?.slice(0, 10) ?? null, width: 12 },
          { header: '整改说明', value: (p) => p.fixNote, width: 24 },
          { header: '销号人', value: (p) => p.closedBy },
          { header: '销号时间', value: (p) => p.closedAt?.slice(0, 10) ?? null, width: 12 },
        ],
        await listProblems(db, chinaToday(), { county: county.prefix }),
      );
  }
}
