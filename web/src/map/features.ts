// Between map features (source + promoted id) and the selection the rest of the app speaks.
import type { FeatureIdentifier } from 'maplibre-gl';
import type { DynamicLayer } from '../../../common/api';

export type Selection = { kind: 'village'; code: string } | { kind: 'site' | 'road' | 'water'; id: number };

const SOURCE_OF: Record<Selection['kind'], DynamicLayer> = { village: 'villages', site: 'sites', road: 'roads', water: 'water' };

export function featureOf(selection: Selection): FeatureIdentifier {
  const source = SOURCE_OF[selection.kind];
  return { source, sourceLayer: source, id: selection.kind === 'village' ? selection.code : selection.id };
}

export function selectionOf(source: DynamicLayer, properties: Record<string, unknown>): Selection {
  if (source === 'villages') return { kind: 'village', code: String(properties.code) };
  const id = Number(properties.id);
  return source === 'sites' ? { kind: 'site', id } : { kind: source === 'roads' ? 'road' : 'water', id };
}
