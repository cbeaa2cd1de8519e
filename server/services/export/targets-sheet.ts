// The annual targets as a worksheet beside the monthly bulletin: each target of the area and its
// units against the data, with its status under the behind-schedule rule.
import type ExcelJS from 'exceljs';
import { isShare, MEASURE_TEXT, MEASURES, SCHEDULE_TOLERANCE, type AreaTargets, type TargetProgress, type TargetsAnswer } from '../../../common/targets';
import { addSheet } from './workbook';

const STATUS = { met: '已完成', on_track: '按进度', behind: '落后于时序进度', no_data: '本系统无此项数据' } as const;

type Line = TargetProgress & { area: AreaTargets };

/** Shares as entered (in %), the rest in their unit. */
const asEntered = (p: TargetProgress, value: number | null) => (value === null ? null : isShare(p.measure) ? Math.round(value * 1e6) / 1e4 : Math.round(value * 100) / 100);

export function addTargetsSheet(workbook: ExcelJS.Workbook, answer: TargetsAnswer): void {
  const lines: Line[] = [answer.area, ...answer.units].flatMap((area) => area.targets.map((p) => ({ ...p, area })));
  addSheet(workbook, {
    name: `${answer.year}年度目标任务`,
    title: `${answer.area.name} ${answer.year} 年度目标任务完成情况（时间进度 ${Math.round(answer.area.elapsedShare * 100)}%）`,
    note: `按当前数据统计。落后：完成比例低于当年已过时间比例减 ${Math.round(SCHEDULE_TOLERANCE * 100)} 个百分点；上限类指标（贫困发生率）高于上限即为落后。${answer.area.demo ? '含演示目标。' : ''}来源：${answer.area.source || '—'}`,
    columns: [
      { header: '区域', value: (l) => l.area.name, width: 12 },
      { header: '区域代码', value: (l) => l.area.code, width: 12 },
      { header: '指标', value: (l) => MEASURE_TEXT[l.measure].zh, width: 30 },
      { header: '目标', value: (l) => asEntered(l, l.target) },
      { header: '完成', value: (l) => asEntered(l, l.actual) },
      { header: '完成比例', value: (l) => l.share, format: '0.0%' },
      { header: '状态', value: (l) => (MEASURES[l.measure].direction === 'ceiling' && l.status === 'met' ? '低于上限' : STATUS[l.status]), width: 16 },
      { header: '统计口径', value: (l) => MEASURE_TEXT[l.measure].basisZh, width: 44 },
    ],
    rows: lines,
  });
}
