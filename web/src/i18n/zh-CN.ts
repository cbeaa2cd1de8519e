// The reference dictionary: its keys are the message keys, and en.ts must translate every one.
import { zhCN as valueLabels } from '../../../common/labels';
import { zhCN as exitCheck } from './exit-check';
import { zhCN as screen } from './screen';
import { zhCN as editing } from './editing';
import { zhCN as drilldown } from './drilldown';
import { zhCN as relocation } from './relocation';
import { zhCN as office } from './office';
import { zhCN as households } from './households';
import { zhCN as householdRecords } from './household-records';
import { zhCN as monitoring } from './monitoring';
import { zhCN as setup } from './setup';
import { zhCN as corrections } from './corrections';
import { zhCN as basemap } from './basemap';
import { zhCN as prefecture } from './prefecture';
import { zhCN as targets } from './targets';
import { zhCN as field } from './field';
import { zhCN as phone } from './phone';
import { zhCN as users } from './users';
import { zhCN as lists } from './lists';

export const zhCN = {
  ...exitCheck,
  ...screen,
  ...editing,
  ...drilldown,
  ...prefecture,
  ...relocation,
  ...office,
  ...setup,
  ...corrections,
  ...basemap,
  ...targets,
  ...field,
  ...phone,
  ...users,
  ...lists,
  ...valueLabels,
  ...households,
  ...householdRecords,
  ...monitoring,
  'app.title': '扶贫一张图',
  'app.demoBadge': '演示数据',
  'app.demoNote': '除行政区划名称、代码和县界外，图中数据均为生成的演示数据',
  'app.demoBadge.layers': '演示数据：{layers}',
  'app.demoLayers': '演示数据：{layers}',
  'app.realLayers': '实际数据：{layers}',
  'demo.layer.townshipBoundaries': '乡镇界',
  'demo.layer.villageBoundaries': '村界',
  'demo.layer.villageFigures': '村级数据',
  'demo.layer.sites': '安置点',
  'demo.layer.projects': '项目',
  'app.loading': '正在加载…',
  'app.loadFailed': '数据加载失败',
  'app.retry': '重试',

  'lang.label': 'English',
  'lang.title': '切换到英文界面',

  'kpi.poorVillages': '贫困村',
  'kpi.exitedVillages': '已退出',
  'kpi.wrongExit': '错退预警',
  'kpi.incidence': '贫困发生率',
  'kpi.infra': '基础设施完成率',
  'kpi.occupancy': '搬迁入住率',
  'kpi.roadKm': '道路完成',
  'kpi.funds': '资金支付率',

  'township.label': '乡镇',
  'township.all': '全县',
  'township.villageCount': '{n} 个行政村',

  'search.placeholder': '搜索村、乡镇、项目、安置点、问题',
  'search.noHits': '无匹配结果',
  'search.type.township': '乡镇',
  'search.type.village': '村',

  'layers.title': '图层',
  'layers.villages': '行政村',
  'layers.sites': '易地搬迁安置点',
  'layers.roads': '道路项目',
  'layers.water': '饮水工程',
  'layers.labels': '地名注记',
  'colourMode.title': '行政村着色',
  'colourMode.exit': '退出状态',
  'colourMode.infra': '基础设施',

  'legend.title': '图例',
  'legend.villages.exit': '行政村 · 退出状态',
  'legend.villages.infra': '行政村 · 基础设施完成率',
  'legend.sites': '易地搬迁安置点',
  'legend.sites.size': '大小：计划搬迁户数',
  'legend.sites.colour': '颜色：入住率',
  'legend.sites.belowTarget': '红圈：有考核指标低于 {pct}',
  'legend.roads': '道路项目',
  'legend.water': '饮水工程',

  'readiness.non_poor': '非贫困村，不涉及退出',
  'readiness.exited': '已退出，各项条件达标',
  'readiness.wrong_exit': '已退出但条件不达标，疑似错退',
  'readiness.ready': '已达到退出条件，可申请退出',
  'readiness.not_ready': '尚未达到退出条件',

  'infra.water': '饮水安全',
  'infra.power': '电网改造',
  'infra.road': '通硬化路',
  'infra.bus': '通客车',
  'infra.housing': '危房改造',
  'infra.mobile': '4G 信号',
  'infra.tv': '广播电视',
  'infra.broadband': '宽带网络',
  'infra.clinic': '标准化卫生室',
  'infra.venue': '党群服务中心',

  'detail.close': '关闭',
  'detail.loading': '正在加载详情…',
  'detail.kind.village': '行政村',
  'detail.kind.site': '易地搬迁安置点',
  'detail.kind.road': '道路项目',
  'detail.kind.water': '饮水工程',
  'detail.township': '所属乡镇',
  'detail.villageClass': '村类别',
  'detail.plannedExitYear': '计划退出年度',
  'detail.actualExitYear': '实际退出年度',
  'detail.notExited': '未退出',
  'detail.ruralPopulation': '农村人口',
  'detail.poorRemaining': '未脱贫',
  'detail.exited': '已脱贫',
  'detail.householdsPersons': '{h} 户 / {p} 人',
  'detail.incidence': '贫困发生率',
  'detail.collectiveIncome': '村集体经济收入',
  'detail.infraTitle': '基础设施 {done}/{required}',
  'detail.infra.done': '已完成',
  'detail.infra.todo': '未完成',
  'detail.infra.notRequired': '不涉及',
  'detail.exitCheckTitle': '退出条件核查',
  'detail.criterion.incidence': '贫困发生率低于 {pct}',
  'detail.criterion.infra': '基础设施全部完成',
  'detail.criterion.income': '集体经济收入不低于 {amount}',
  'detail.pass': '达标',
  'detail.fail': '未达标',
  'detail.households': '户数',
  'detail.persons': '人数',
  'detail.plannedVsMoved': '已入住 {moved} / 计划 {planned}',
  'detail.siteIndicators': '四项考核指标',
  'detail.indicator.construction': '工程竣工率',
  'detail.indicator.occupancy': '搬迁入住率',
  'detail.indicator.stableExit': '稳定脱贫率',
  'detail.indicator.demolition': '拆除复垦率',
  'detail.distanceToTown': '距集镇',
  'detail.originVillages': '搬出村',
  'detail.progress': '工程进度',
  'detail.length': '完成里程',
  'detail.kmDone': '{done} / {planned} 公里',
  'detail.funds': '资金支付',
  'detail.fundsSpent': '已支付 {spent} / 预算 {budget}',
  'detail.period': '计划工期',
  'detail.servedHouseholds': '受益户数',
  'detail.villagesServed': '受益村',
  'detail.updatedAt': '更新于 {date}',

  'unit.households': '{n} 户',
  'unit.persons': '{n} 人',
  'unit.km': '{n} 公里',
  'unit.none': '—',
} as const;
