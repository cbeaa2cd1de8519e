// Strings of the exit timeline and the exit-criteria check (colour mode, legend, list panel).
export const zhCN = {
  'colourMode.readiness': '退出条件',
  'legend.villages.readiness': '行政村 · 退出条件核查',

  'readiness.short.wrong_exit': '已退出但不达标（错退风险）',
  'readiness.short.not_ready': '未达退出条件',
  'readiness.short.ready': '达到退出条件',
  'readiness.short.exited': '已退出且达标',
  'readiness.short.non_poor': '非贫困村',

  'exitCheck.kind': '贫困村退出',
  'exitCheck.title': '退出条件核查',
  'exitCheck.criteria': '贫困发生率 < {pct} · 基础设施全部完成 · 集体经济收入 ≥ {amount}',
  'exitCheck.group.wrong_exit': '错退风险：已退出但条件不达标',
  'exitCheck.group.ready': '可申请退出：三项条件均达标',
  'exitCheck.group.not_ready': '尚未达到退出条件',
  'exitCheck.none': '无',
  'exitCheck.allMet': '三项均达标',
  'exitCheck.fail.incidence': '发生率 {value}',
  'exitCheck.fail.infra': '设施 {done}/{required}',
  'exitCheck.fail.income': '集体收入 {value}',

  'timeline.label': '退出进程',
  'timeline.asOf': '截至 {year} 年底',
  'timeline.today': '现状',
  'timeline.todayTitle': '显示当前数据（含错退预警）',
  'timeline.play': '播放退出进程',
  'timeline.pause': '暂停',
  'timeline.slider': '年度',
} as const;

export const en: Record<keyof typeof zhCN, string> = {
  'colourMode.readiness': 'Exit criteria',
  'legend.villages.readiness': 'Villages · exit criteria check',

  'readiness.short.wrong_exit': 'Exited, criteria unmet (wrong-exit risk)',
  'readiness.short.not_ready': 'Not ready to exit',
  'readiness.short.ready': 'Ready to exit',
  'readiness.short.exited': 'Exited, criteria met',
  'readiness.short.non_poor': 'Non-poor village',

  'exitCheck.kind': 'Village exit',
  'exitCheck.title': 'Exit criteria check',
  'exitCheck.criteria': 'Poverty rate < {pct} · all infrastructure done · collective income ≥ {amount}',
  'exitCheck.group.wrong_exit': 'Wrong-exit risk: exited but a criterion fails',
  'exitCheck.group.ready': 'Ready to exit: all three criteria met',
  'exitCheck.group.not_ready': 'Not ready to exit yet',
  'exitCheck.none': 'None',
  'exitCheck.allMet': 'All three met',
  'exitCheck.fail.incidence': 'Poverty {value}',
  'exitCheck.fail.infra': 'Infra {done}/{required}',
  'exitCheck.fail.income': 'Income {value}',

  'timeline.label': 'Exit timeline',
  'timeline.asOf': 'By end of {year}',
  'timeline.today': 'Today',
  'timeline.todayTitle': 'Show current figures (with wrong-exit flags)',
  'timeline.play': 'Play the exit timeline',
  'timeline.pause': 'Pause',
  'timeline.slider': 'Year',
};
