// An area's targets and their progress, kept current: any committed change of the data they are
// counted from (villages, sites, projects, households) or of the targets themselves fetches again.
import type { ChangeEvent } from '../../../common/api';
import { targetApi } from '../api/targets';
import { useLiveQuery } from './live-query';

/** The problem ledger is the one change that moves no target. */
export const movesTargets = (change: ChangeEvent) => change.entity !== 'problem';

export function useTargets(args: () => { area?: string | null; year?: number | null }) {
  return useLiveQuery({ args, fetch: (q) => targetApi.get(q), refetchOn: movesTargets });
}
