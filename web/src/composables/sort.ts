// Sortable tables: one column at a time; clicking the sorted column flips the direction, a new
// column starts in the direction that column reads best in (its `first`).
import { computed, reactive, type Ref } from 'vue';

export type Direction = 'asc' | 'desc';

export interface SortColumn<Row> {
  value: (row: Row) => number | string | null;
  first?: Direction;
}

export function useSort<Row, Key extends string>(
  rows: Ref<readonly Row[]>,
  columns: Record<Key, SortColumn<Row>>,
  initial: { key: NoInfer<Key>; direction: Direction },
) {
  const state = reactive({ ...initial });

  function toggle(key: Key): void {
    if (state.key === key) state.direction = state.direction === 'asc' ? 'desc' : 'asc';
    else Object.assign(state, { key, direction: columns[key].first ?? 'desc' });
  }

  const sorted = computed(() => {
    const { value } = columns[state.key as Key];
    const sign = state.direction === 'asc' ? 1 : -1;
    // Missing values go last in either direction: a rate that cannot be computed is no ranking.
    return [...rows.value].sort((a, b) => {
      const x = value(a);
      const y = value(b);
      if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
      const order = typeof x === 'string' || typeof y === 'string' ? String(x).localeCompare(String(y), 'zh-CN') : x - y;
      return sign * order;
    });
  });

  /** What a column's SortHeader shows: its direction, or null while another column sorts. */
  const directionOf = (key: Key): Direction | null => (state.key === key ? state.direction : null);

  return { toggle, sorted, directionOf };
}
