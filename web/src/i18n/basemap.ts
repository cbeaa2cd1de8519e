// Strings of the basemap picker.
export const zhCN = {
  'basemap.title': '底图',
};

export const en: Record<keyof typeof zhCN, string> = {
  'basemap.title': 'Basemap',
};
