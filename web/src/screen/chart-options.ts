// ECharts options of the big screen. Every size is a multiple of `u`, the screen's unit (1 % of its
// height), so a chart reads the same from across the room on a 1080p or a 4K wall.
import type { Summary, TownshipRankRow } from '../../../common/api';
import { PROJECT_STATUSES } from '../../../common/domain';
import { localName, t } from '../i18n';
import { formatNumber, formatPercent } from '../i18n/format';
import { CHART, PROJECT_STATUS_COLOURS } from '../map/palette';
import { TIMELINE_YEAR_LIST as YEARS } from '../stores/timeline';
import type { ScreenChartOption } from './echarts';

/** Canvas text does not inherit CSS: hand it the page's font stack (local CJK fonts only). */
const fontFamily = () => getComputedStyle(document.documentElement).fontFamily;

function common(u: number): ScreenChartOption {
  return { animationDuration: 500, textStyle: { fontFamily: fontFamily(), fontSize: 1.6 * u, color: CHART.text } };
}

const legend = (u: number) => ({
  textStyle: { color: CHART.text, fontSize: 1.6 * u },
  itemWidth: 1.8 * u,
  itemHeight: 1.2 * u,
  itemGap: 1.6 * u,
});

/** Planned against actual village exits per year; the timeline's year is picked out on the axis. */
export function exitsByYearOption(s: Summary, year: number | null, u: number): ScreenChartOption {
  const barLabel = { show: true, position: 'top' as const, color: CHART.text, fontSize: 1.5 * u, formatter: (p: { value: unknown }) => (p.value ? String(p.value) : '') };
  return {
    ...common(u),
    legend: { ...legend(u), top: 0, right: 0 },
    grid: { left: 0, right: 0, top: 4.5 * u, bottom: 0, containLabel: true },
    xAxis: {
      type: 'category',
      data: YEARS.map(String),
      axisTick: { show: false },
      axisLine: { lineStyle: { color: CHART.axis } },
      axisLabel: {
        fontSize: 1.5 * u,
        color: (value?: string | number) => (Number(value) === year ? CHART.focus : CHART.text),
      },
    },
    yAxis: {
      type: 'value',
      minInterval: 1,
      splitLine: { lineStyle: { color: CHART.grid } },
      axisLabel: { fontSize: 1.4 * u, color: CHART.muted },
    },
    series: [
      {
        name: t('screen.chart.planned'),
        type: 'bar',
        data: YEARS.map((y) => s.villages.plannedByYear[y] ?? 0),
        itemStyle: { color: CHART.planned, borderRadius: [0.4 * u, 0.4 * u, 0, 0] },
        label: barLabel,
      },
      {
        name: t('screen.chart.exited'),
        type: 'bar',
        data: YEARS.map((y) => s.villages.exitedByYear[y] ?? 0),
        itemStyle: { color: CHART.exited, borderRadius: [0.4 * u, 0.4 * u, 0, 0] },
        label: barLabel,
      },
    ],
  };
}

/** 一月一督查一排名: townships by exit progress, the one on tour picked out. */
export function townshipRankingOption(rows: TownshipRankRow[], focus: string | null, u: number): ScreenChartOption {
  return {
    ...common(u),
    grid: { left: 0, right: 11 * u, top: 0, bottom: 0, containLabel: true },
    xAxis: { type: 'value', max: 1, show: false },
    yAxis: {
      type: 'category',
      inverse: true,
      data: rows.map((r) => `${r.rank}  ${localName(r)}`),
      axisTick: { show: false },
      axisLine: { show: false },
      axisLabel: { fontSize: 1.6 * u, color: CHART.text },
    },
    series: [
      {
        type: 'bar',
        barWidth: '58%',
        showBackground: true,
        backgroundStyle: { color: CHART.grid, borderRadius: 0.4 * u },
        data: rows.map((r) => ({
          value: r.exitProgress ?? 0,
          itemStyle: { color: r.code === focus ? CHART.focus : CHART.exited, borderRadius: 0.4 * u },
        })),
        label: {
          show: true,
          position: 'right',
          fontSize: 1.5 * u,
          color: CHART.text,
          formatter: ({ dataIndex }: { dataIndex: number }) => {
            const r = rows[dataIndex];
            return `${formatPercent(r.exitProgress, 0)}  ${formatNumber(r.exitedVillages)}/${formatNumber(r.poorVillages)}`;
          },
        },
      },
    ],
  };
}

/** Projects by status as a ring, the total in the middle, the counts in the legend. */
export function projectStatusOption(s: Summary, u: number): ScreenChartOption {
  const counts = s.projects.byStatus;
  const labelOf = new Map(PROJECT_STATUSES.map((status) => [t(`projectStatus.${status}`), status]));
  return {
    ...common(u),
    title: {
      text: formatNumber(s.projects.count),
      subtext: t('screen.projects.unit'),
      left: '16%',
      top: 'middle',
      textAlign: 'center',
      padding: 0,
      itemGap: 0,
      textStyle: { fontSize: 3.2 * u, fontWeight: 700, color: '#f8fafc' },
      subtextStyle: { fontSize: 1.3 * u, color: CHART.muted },
    },
    legend: {
      ...legend(u),
      orient: 'vertical',
      left: '38%',
      top: 'middle',
      formatter: (name: string) => `${name}  ${formatNumber(counts[labelOf.get(name)!])}`,
    },
    series: [
      {
        type: 'pie',
        radius: ['72%', '98%'],
        center: ['16%', '50%'],
        label: { show: false },
        itemStyle: { borderColor: CHART.gap, borderWidth: 0.3 * u },
        data: PROJECT_STATUSES.map((status) => ({
          name: t(`projectStatus.${status}`),
          value: counts[status],
          itemStyle: { color: PROJECT_STATUS_COLOURS[status] },
        })),
      },
    ],
  };
}
