// The four assessment indicators of a site, named in full (totals) and in short (table headings).
import type { SiteIndicators } from '../../../../common/indicators';
import type { MessageKey } from '../../i18n';

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
