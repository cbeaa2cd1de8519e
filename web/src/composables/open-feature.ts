// Opening a record from outside the map (the search box, the lists page): its panel on the map page
// and the camera on it, or, for a problem, the ledger, which shows problems on its own map.
import type { SearchHit } from '../../../common/api';
import { navigate } from '../router';
import { useDrillStore } from '../stores/drill';
import { useLedgerStore } from '../stores/ledger';
import { useMapStore } from '../stores/map';

export type FeatureTarget = Pick<SearchHit, 'type' | 'code' | 'bbox' | 'kind'>;

export function useOpenFeature(): (target: FeatureTarget) => void {
  const mapStore = useMapStore();
  const ledger = useLedgerStore();
  const drill = useDrillStore();
  return (target) => {
    const id = Number(target.code);
    switch (target.type) {
      case 'county':
      case 'township':
      case 'village':
        // Places go through the drill-down, which frames them and opens their panel at every level.
        drill.toUnit(target.type, target.code);
        navigate('/');
        return;
      case 'problem':
        ledger.filter = 'all';
        ledger.selectedId = id;
        navigate('/problems');
        return;
      case 'site':
        mapStore.select({ kind: 'site', id });
        break;
      case 'project':
        mapStore.select({ kind: target.kind!, id });
    }
    // Asked before the map page mounts, the camera move waits for its map (MapView takes it on mount).
    mapStore.focus(target.bbox);
    navigate('/');
  };
}
