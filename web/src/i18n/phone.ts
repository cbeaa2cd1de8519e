// Strings of the phone layout (bottom sheets, drawing by taps) and of the office details
// (user administration, own password, drafts, unreachable server).
export const zhCN = {
  'sheet.fold': '收起面板',
  'sheet.unfold': '展开面板',
  'sheet.layers': '图层',
  'sheet.legend': '图例',
  'sheet.close': '关闭',
  'draw.lineHintTouch': '依次点击地图添加节点，点“完成”结束',
  'draw.pointHintTouch': '点击地图放置工程位置',
  'file.choose': '选择文件',
  'file.none': '未选择文件',
  'search.type.project': '项目',
  'search.type.site': '安置点',
  'search.type.problem': '问题',
  'screen.dataAsOf': '数据截至 {time}',
  'app.partFailed': '这部分界面加载失败：无法连接服务器，或系统刚刚更新。请检查网络后刷新页面',
};

export const en: Record<keyof typeof zhCN, string> = {
  'sheet.fold': 'Fold the panel',
  'sheet.unfold': 'Unfold the panel',
  'sheet.layers': 'Layers',
  'sheet.legend': 'Legend',
  'sheet.close': 'Close',
  'draw.lineHintTouch': 'Tap the map to add vertices, then tap Finish',
  'draw.pointHintTouch': 'Tap the map to place the works',
  'file.choose': 'Choose a file',
  'file.none': 'No file chosen',
  'search.type.project': 'Project',
  'search.type.site': 'Site',
  'search.type.problem': 'Problem',
  'screen.dataAsOf': 'Data as of {time}',
  'app.partFailed': 'This part of the page failed to load: the server cannot be reached, or the system was just updated. Check the connection and reload.',
};
