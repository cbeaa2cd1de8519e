// How a measure's figures read: shares in %, km with one decimal, counts whole; names without the
// unit the spreadsheet header carries.
import { MEASURE_TEXT, MEASURES, type TargetMeasure } from '../../../../common/targets';
import { locale } from '../../i18n';
import { formatKm, formatNumber, formatPercent } from '../../i18n/format';

export function measureName(measure: TargetMeasure): string {
  const text = MEASURE_TEXT[measure];
  return (locale.value === 'en' ? text.en : text.zh).replace(/\s*[（(][^（(]*[）)]$/, '');
}

export const measureBasis = (measure: TargetMeasure) => (locale.value === 'en' ? MEASURE_TEXT[measure].basisEn : MEASURE_TEXT[measure].basisZh);

export function formatMeasure(measure: TargetMeasure, value: number | null): string {
  const { unit } = MEASURES[measure];
  if (unit === 'share') return formatPercent(value, measure === 'poverty_incidence' ? 2 : 1);
  if (unit === 'km') return formatKm(value);
  return formatNumber(value);
}
