// Strings of the household records beyond the village panel: figure differences, the household
// import, the household page, personal-data exports and the unmask log.
export const zhCN = {
  'figures.source.households': '本县村级贫困户数、贫困人口、贫困发生率和退出核查均由建档立卡户数据汇总得出。',
  'figures.source.typed': '本县尚无建档立卡户数据，村级数字来自填报或导入。',
  'figures.differences': '填报数与户数据不一致的村',
  'figures.none': '各村填报数与户数据一致。',
  'figures.col.village': '村',
  'figures.col.field': '指标',
  'figures.col.typed': '填报',
  'figures.col.households': '户数据',
  'figures.col.delta': '差',
  'figures.importNote': '本县以建档立卡户数据为准：导入的数字作为上报数保存，与户数据不一致之处列于下方，不会改变地图和统计。',
};

export const en: Record<keyof typeof zhCN, string> = {
  'figures.source.households': "This county's village poor households, poor persons, poverty incidence and exit checks are the sums of its household records.",
  'figures.source.typed': 'This county holds no household records yet: village figures are as typed in or imported.',
  'figures.differences': 'Villages whose typed-in figures differ from their households',
  'figures.none': 'Every village’s typed-in figures agree with its households.',
  'figures.col.village': 'Village',
  'figures.col.field': 'Figure',
  'figures.col.typed': 'Typed',
  'figures.col.households': 'Households',
  'figures.col.delta': 'Diff.',
  'figures.importNote': 'Household records decide this county’s figures: imported figures are kept as reported ones, differences are listed below, and the map and statistics do not change.',
};
