// The one-line hover summary: name, then the figure the current colouring is about.
import type { DynamicLayer } from '../../../common/api';
import type { ProjectStatus, VillageClass } from '../../../common/domain';
import { exitStatusInYear, type ExitReadiness, type ExitStatus } from '../../../common/indicators';
import { localName, t } from '../i18n';
import { formatPercent } from '../i18n/format';
import type { ColourMode } from './state';

type Props = Record<string, unknown>;

function name(props: Props): string {
  return localName({ name: String(props.name ?? ''), nameEn: props.nameEn ? String(props.nameEn) : null });
}

/** The status the map paints for the timeline year (null: today). */
function exitStatusOfYear(props: Props, year: number | null): ExitStatus {
  return exitStatusInYear(
    {
      villageClass: props.villageClass as VillageClass,
      // MVT properties cannot be null: a village that has not exited carries no exit year.
      actualExitYear: props.actualExitYear === undefined ? null : Number(props.actualExitYear),
      exitStatus: props.exitStatus as ExitStatus,
    },
    year,
  );
}

function villageFigure(props: Props, mode: ColourMode, year: number | null): string {
  switch (mode) {
    case 'infra':
      return `${t('colourMode.infra')} ${formatPercent(Number(props.infraCompletion), 0)}`;
    case 'readiness':
      return t(`readiness.short.${props.readiness as ExitReadiness}`);
    case 'exit':
      return t(`exitStatus.${exitStatusOfYear(props, year)}`);
    // Monitoring figures live in feature state, not in the tile: the legend explains the colour.
    case 'monitoring':
    case 'warnings':
      return t(`colourMode.${mode}`);
  }
}

function figure(source: DynamicLayer, props: Props, mode: ColourMode, year: number | null): string {
  switch (source) {
    case 'villages':
      return villageFigure(props, mode, year);
    case 'sites':
      return `${t('detail.indicator.occupancy')} ${formatPercent(Number(props.occupancyRate), 0)}`;
    case 'roads':
    case 'water':
      return `${t(`projectStatus.${props.status as ProjectStatus}`)} · ${Math.round(Number(props.progressPct))}%`;
  }
}

export function tooltipText(source: DynamicLayer, props: Props, mode: ColourMode, year: number | null): string {
  return `${name(props)} · ${figure(source, props, mode, year)}`;
}
