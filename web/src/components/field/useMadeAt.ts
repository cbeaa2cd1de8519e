// Where a record is being made: asked of the device as its form opens, so the position is there
// by the time the user saves; undefined while asking, null when the device gives none.
import { shallowRef } from 'vue';
import type { MadeAt } from '../../../../common/schemas';
import { currentPosition } from '../../field/position';
import { useFieldStore } from '../../stores/field';

/** A position "locate me" is following, when it is this recent, is where the user is. */
const FRESH_MS = 60_000;

export function useMadeAt() {
  const followed = useFieldStore().position;
  const fresh = followed && Date.now() - Date.parse(followed.at) < FRESH_MS ? followed : undefined;
  const madeAt = shallowRef<MadeAt | null | undefined>(fresh);
  if (!fresh) void currentPosition().then((p) => (madeAt.value = p));
  return madeAt;
}
