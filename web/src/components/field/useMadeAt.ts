// Where a record is being made: asked of the device as its form opens, so the position is there
// by the time the user saves; undefined while asking, null when the device gives none.
import { shallowRef } from 'vue';
import type { MadeAt } from '../../../../common/schemas';
import { currentPosition } from '../../field/position';

export function useMadeAt() {
  const madeAt = shallowRef<MadeAt | null | undefined>(undefined);
  void currentPosition().then((p) => (madeAt.value = p));
  return madeAt;
}
