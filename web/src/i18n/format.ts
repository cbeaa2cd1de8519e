// Number formats that follow the UI language (万元 in Chinese, compact yuan in English).
import { locale, t } from './index';

const NONE = () => t('unit.none');

export function formatPercent(value: number | null | undefined, digits = 1): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return NONE();
  return `${(value * 100).toFixed(digits)}%`;
}

// toLocaleString builds a new formatter on every call: a screen of figures spent tens of
// milliseconds of its first paint doing that. One formatter per language and precision instead.
const numberFormats = new Map<string, Intl.NumberFormat>();

function numberFormat(key: string, make: () => Intl.NumberFormat): Intl.NumberFormat {
  let format = numberFormats.get(key);
  if (!format) numberFormats.set(key, (format = make()));
  return format;
}

export function formatNumber(value: number | null | undefined, digits = 0): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return NONE();
  const lang = locale.value;
  return numberFormat(`${lang}:${digits}`, () => new Intl.NumberFormat(lang, { maximumFractionDigits: digits, minimumFractionDigits: digits })).format(value);
}

export function formatYuan(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return NONE();
  if (locale.value === 'zh-CN') return `${formatNumber(value / 10_000, 1)} 万元`;
  return `¥${numberFormat('en:compact', () => new Intl.NumberFormat('en', { notation: 'compact', maximumFractionDigits: 1 })).format(value)}`;
}

export function formatKm(value: number | null | undefined): string {
  return value === null || value === undefined ? NONE() : t('unit.km', { n: formatNumber(value, 1) });
}
