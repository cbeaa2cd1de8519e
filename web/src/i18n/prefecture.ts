// Strings of a prefecture's portal (州/市): its counties on the map, in the drill-down, the ranking,
// the bulletin and the big screen's tour.
export const zhCN = {
  'area.prefecture': '州/市',
  'area.county': '县（市、区）',
  'area.township': '乡镇',
  'area.prefectureSubtitle': '{counties} 个县市区 · {townships} 个乡镇 · {villages} 个行政村',
  'ranking.county': '县（市、区）排名 · 一月一督查一排名',
  'ranking.township': '乡镇排名 · 一月一督查一排名',
  'ranking.countyNote': '按贫困村退出进度排名，进度相同比项目进度；点击县市区查看详情',
  'ranking.townshipNote': '按贫困村退出进度排名，进度相同比项目进度；点击乡镇查看详情',
  'bulletin.incidence': '贫困发生率',
  'area.whole': '全州（市）',
  'search.type.county': '县市区',
  'screen.chart.countyRanking': '县市区排名 · 贫困村退出进度',
} as const;

export const en: Record<keyof typeof zhCN, string> = {
  'area.prefecture': 'Prefecture',
  'area.county': 'County',
  'area.township': 'Township',
  'area.prefectureSubtitle': '{counties} counties · {townships} townships · {villages} villages',
  'ranking.county': 'County ranking · monthly supervision',
  'ranking.township': 'Township ranking · monthly supervision',
  'ranking.countyNote': 'Ranked by exit progress, then project progress; click a county for its details',
  'ranking.townshipNote': 'Ranked by exit progress, then project progress; click a township for its details',
  'bulletin.incidence': 'Poverty incidence',
  'area.whole': 'Prefecture',
  'search.type.county': 'County',
  'screen.chart.countyRanking': 'County ranking: exits',
};
