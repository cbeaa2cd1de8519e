// The four assessment indicators of a site, named in full (panels, totals) and in short (table headings),
// and the note on those a site falls short in.
import { indicatorsBelowTarget, SITE_TARGET_RATE, type SiteIndicators } from '../../../common/indicators';
import { formatPercent } from './format';
import { t, type MessageKey } from './index';

export const INDICATOR_LABEL: Record<keyof SiteIndicators, MessageKey> = {
  constructionRate: 'detail.indicator.construction',
  occupancyRate: 'detail.indicator.occupancy',
  stableExitRate: 'detail.indicator.stableExit',
  demolitionRate: 'detail.indicator.demolition',
};

export const INDICATOR_SHORT_LABEL: Record<keyof SiteIndicators, MessageKey> = {
  constructionRate: 'relocation.short.construction',
  occupancyRate: 'relocation.short.occupancy',
  stableExitRate: 'relocation.short.stableExit',
  demolitionRate: 'relocation.short.demolition',
};

/** "Below the 90% target: occupancy 72%, …", or null when the site meets every target. */
export function belowTargetNote(indicators: SiteIndicators): string | null {
  const missed = indicatorsBelowTarget(indicators);
  if (missed.length === 0) return null;
  return t('relocation.missed', {
    pct: formatPercent(SITE_TARGET_RATE, 0),
    list: missed.map((key) => `${t(INDICATOR_LABEL[key])} ${formatPercent(indicators[key])}`).join(t('relocation.listSeparator')),
  });
}
