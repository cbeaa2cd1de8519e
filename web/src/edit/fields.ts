// Names and display of the recorded fields, for the history view (old → new) and the conflict
// notice (current → yours): the same field reads the same in both.
import { INFRA_ITEMS, type ProjectStatus, type VillageClass } from '../../../common/domain';
import { t } from '../i18n';
import { formatKm, formatNumber, formatYuan } from '../i18n/format';

export const FIELDS = [
  'name', 'status', 'progressPct', 'doneKm', 'plannedKm', 'budget', 'spent', 'plannedStart', 'plannedEnd', 'servedHouseholds',
  'geometry', 'townshipCode', 'villages',
  'villageClass', 'ruralPopulation', 'poorHouseholds', 'poorPersons', 'plannedExitYear', 'actualExitYear', 'collectiveIncome',
  'plannedHouseholds', 'plannedPersons', 'movedHouseholds', 'movedPersons', 'completedHouseholds', 'stableHouseholds', 'demolishedHouseholds',
] as const;
export type Field = (typeof FIELDS)[number];

export interface ChangeRow {
  key: string;
  label: string;
  from: string;
  to: string;
}

function formatGeometry(value: object): string {
  const g = value as GeoJSON.Geometry;
  if (g.type === 'Point') return t('edit.value.point', { lon: g.coordinates[0].toFixed(4), lat: g.coordinates[1].toFixed(4) });
  if (g.type === 'LineString') return t('edit.value.line', { n: g.coordinates.length });
  return g.type;
}

function formatValue(field: Field, value: unknown): string {
  if (value === null || value === undefined) return t('unit.none');
  switch (field) {
    case 'status':
      return t(`projectStatus.${value as ProjectStatus}`);
    case 'villageClass':
      return t(`villageClass.${value as VillageClass}`);
    case 'budget':
    case 'spent':
    case 'collectiveIncome':
      return formatYuan(Number(value));
    case 'progressPct':
      return `${formatNumber(Number(value), 1)}%`;
    case 'doneKm':
    case 'plannedKm':
      return formatKm(Number(value));
    case 'geometry':
      return formatGeometry(value);
    case 'villages':
      return t('edit.value.villages', { n: (value as unknown[]).length });
    case 'plannedExitYear':
    case 'actualExitYear':
      return String(value);
    default:
      return typeof value === 'number' ? formatNumber(value) : String(value);
  }
}

const infraState = (done: unknown): string => t(done === undefined ? 'detail.infra.notRequired' : done ? 'detail.infra.done' : 'detail.infra.todo');

/**
 * One row per value that differs, in a stable order; infrastructure items each get their own row.
 * Keys the portal does not display (the edited version, notes, the report date) are left out.
 */
export function changeRows(before: Record<string, unknown> | null, after: Record<string, unknown>): ChangeRow[] {
  const rows: ChangeRow[] = [];
  const keys = Object.keys(after);
  if (keys.includes('infra')) {
    const from = (before?.infra ?? {}) as Record<string, unknown>;
    const to = after.infra as Record<string, unknown>;
    for (const item of INFRA_ITEMS.filter((i) => i in to && to[i] !== from[i])) {
      rows.push({ key: `infra.${item}`, label: t(`infra.${item}`), from: infraState(from[item]), to: infraState(to[item]) });
    }
  }
  const changed = (f: Field) => keys.includes(f) && JSON.stringify(before?.[f] ?? null) !== JSON.stringify(after[f] ?? null);
  for (const field of FIELDS.filter(changed)) {
    rows.push({ key: field, label: t(`field.${field}`), from: formatValue(field, before?.[field]), to: formatValue(field, after[field]) });
  }
  return rows;
}
