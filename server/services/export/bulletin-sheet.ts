// The monthly bulletin as a worksheet: the ranking with each indicator beside its change since
// the month before, and the county's total at the foot.
import type ExcelJS from 'exceljs';
import type { Bulletin, BulletinFigures, BulletinIndicator, BulletinRow } from '../../../common/bulletin';
import { addSheet, type SheetColumn } from './workbook';

const PCT = '0.0%';
const CHANGE = '+0.0%;-0.0%;0.0%';

type Line = BulletinFigures & { label: string; rank: number | null; previous: (BulletinFigures & { rank: number }) | null };

const change = (k: BulletinIndicator) => (l: Line) => (l.previous && l[k] !== null && l.previous[k] !== null ? l[k] - l.previous[k] : null);

const indicator = (header: string, k: BulletinIndicator): SheetColumn<Line>[] => [
  { header, value: (l) => l[k], format: PCT },
  { header: '较上月', value: change(k), format: CHANGE, width: 9 },
];

const UNIT_HEADER: Record<Bulletin['level'], string> = { township: '乡镇', county: '县（市、区）' };

const columns = (level: Bulletin['level']): SheetColumn<Line>[] => [
  { header: '排名', value: (l) => l.rank, width: 6 },
  // Positive: moved up the ranking.
  { header: '名次变化', value: (l) => (l.rank !== null && l.previous ? l.previous.rank - l.rank : null), format: '+0;-0;0', width: 9 },
  { header: UNIT_HEADER[level], value: (l) => l.label, width: 10 },
  { header: '综合得分', value: (l) => l.score, format: PCT },
  { header: '贫困村', value: (l) => l.poorVillages, width: 8 },
  { header: '已退出', value: (l) => l.exitedVillages, width: 8 },
  ...indicator('退出进度', 'exitProgress'),
  { header: '贫困发生率', value: (l) => l.povertyIncidence, format: PCT },
  { header: '计划里程（公里）', value: (l) => round1(l.plannedKm) },
  { header: '完成里程（公里）', value: (l) => round1(l.doneKm) },
  ...indicator('里程进度', 'kmProgress'),
  { header: '预算（万元）', value: (l) => round1(l.budget / 10_000) },
  { header: '已支付（万元）', value: (l) => round1(l.spent / 10_000) },
  ...indicator('资金支付率', 'fundsProgress'),
  { header: '工程竣工率', value: (l) => l.relocation.constructionRate, format: PCT },
  { header: '搬迁入住率', value: (l) => l.relocation.occupancyRate, format: PCT },
  { header: '稳定脱贫率', value: (l) => l.relocation.stableExitRate, format: PCT },
  { header: '拆除复垦率', value: (l) => l.relocation.demolitionRate, format: PCT },
  ...indicator('搬迁指标均值', 'relocationRate'),
  { header: '未报送项目', value: (l) => l.unreportedProjects },
  { header: '未销号问题', value: (l) => l.openProblems },
  { header: '逾期问题', value: (l) => l.overdueProblems },
];

const round1 = (n: number) => Math.round(n * 10) / 10;

export function addBulletinSheet(workbook: ExcelJS.Workbook, bulletin: Bulletin, countyName: string): void {
  const [year, month] = bulletin.month.split('-').map(Number);
  const lines: Line[] = [
    ...bulletin.rows.map((r: BulletinRow) => ({ ...r, label: r.name })),
    { ...bulletin.county, label: `${countyName}合计`, rank: null, previous: null },
  ];
  addSheet(workbook, {
    name: `${year}年${month}月通报`,
    title: `${countyName}脱贫攻坚月度通报（${year}年${month}月，截至 ${bulletin.monthEnd}）`,
    note: `演示数据。综合得分为退出进度、里程进度、资金支付率、搬迁指标均值的平均；未报送进度的项目按零进度计${bulletin.current ? '（本月未报送的项目按当前填报数计）' : ''}`,
    columns: columns(bulletin.level),
    rows: lines,
  });
}
