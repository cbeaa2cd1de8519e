// The one-line hover summary: name, then the figure the current colouring is about.
import type { DynamicLayer } from '../../../common/api';
import type { ProjectStatus } from '../../../common/domain';
import type { ExitStatus } from '../../../common/indicators';
import { localName, t } from '../i18n';
import { formatPercent } from '../i18n/format';
import type { ColourMode } from './state';

type Props = Record<string, unknown>;

function name(props: Props): string {
  return localName({ name: String(props.name ?? ''), nameEn: props.nameEn ? String(props.nameEn) : null });
}

function figure(source: DynamicLayer, props: Props, mode: ColourMode): string {
  switch (source) {
    case 'villages':
      return mode === 'infra'
        ? `${t('colourMode.infra')} ${formatPercent(Number(props.infraCompletion), 0)}`
        : t(`exitStatus.${props.exitStatus as ExitStatus}`);
    case 'sites':
      return `${t('detail.indicator.occupancy')} ${formatPercent(Number(props.occupancyRate), 0)}`;
    case 'roads':
    case 'water':
      return `${t(`projectStatus.${props.status as ProjectStatus}`)} · ${Math.round(Number(props.progressPct))}%`;
  }
}

export function tooltipText(source: DynamicLayer, props: Props, mode: ColourMode): string {
  return `${name(props)} · ${figure(source, props, mode)}`;
}
