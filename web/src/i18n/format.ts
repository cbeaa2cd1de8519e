// Number formats that follow the UI language (万元 in Chinese, compact yuan in English).
import { locale, t } from './index';

const NONE = () => t('unit.none');

export function formatPercent(value: number | null | undefined, digits = 1): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return NONE();
  return `${(value * 100).toFixed(digits)}%`;
}

export function formatNumber(value: number | null | undefined, digits = 0): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return NONE();
  return value.toLocaleString(locale.value, { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

export function formatYuan(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return NONE();
  if (locale.value === 'zh-CN') return `${formatNumber(value / 10_000, 1)} 万元`;
  return `¥${value.toLocaleString('en', { notation: 'compact', maximumFractionDigits: 1 })}`;
}

export function formatKm(value: number | null | undefined): string {
  return value === null || value === undefined ? NONE() : t('unit.km', { n: formatNumber(value, 1) });
}
