// The monitoring figures (防返贫) as a worksheet beside the monthly bulletin: per unit of the area,
// over the households the signed-in user's scope reaches. Aggregates only, as on the bulletin page.
import type ExcelJS from 'exceljs';
import type { MonitoringFigures } from '../../../common/monitoring';
import { addSheet } from './workbook';

type Line = MonitoringFigures & { label: string };
type FigureKey = Exclude<keyof MonitoringFigures, 'code'>;

const FIGURES: [string, FigureKey][] = [
  ['建档立卡户', 'registered'], ['已脱贫户', 'exited'], ['监测户', 'monitored'], ['风险消除户', 'riskRemoved'],
  ['待核实预警', 'openWarnings'], ['逾期预警', 'overdueWarnings'],
];

/** `names`: the units' names by code (the bulletin's rows); `today`: the figures are current, not month-end. */
export function addMonitoringSheet(workbook: ExcelJS.Workbook, figures: MonitoringFigures[], names: Map<string, string>, areaName: string, today: string): void {
  const total = Object.fromEntries(FIGURES.map(([, k]) => [k, figures.reduce((sum, f) => sum + f[k], 0)])) as Record<FigureKey, number>;
  const lines: Line[] = [...figures.map((f) => ({ ...f, label: names.get(f.code) ?? f.code })), { ...total, code: '', label: `${areaName}合计` }];
  addSheet(workbook, {
    name: '防返贫动态监测',
    title: `${areaName}防返贫动态监测（截至 ${today}）`,
    note: '按导出人的辖区统计，仅汇总数。监测户：已确认、风险尚未消除的监测对象',
    columns: [{ header: '单位', value: (l: Line) => l.label, width: 14 }, ...FIGURES.map(([header, k]) => ({ header, value: (l: Line) => l[k] }))],
    rows: lines,
  });
}
