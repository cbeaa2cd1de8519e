// The household endpoints: aggregates for everyone, the masked list for permitted, scoped users.
import type { HouseholdListItem } from '../../../common/household-api';
import type { VillageHouseholdFigures } from '../../../common/household-figures';
import { requestJson } from './client';

export const householdApi = {
  figures: (village: string) => requestJson<VillageHouseholdFigures | null>('GET', `/api/villages/${encodeURIComponent(village)}/household-figures`),
  list: (village: string) => requestJson<HouseholdListItem[]>('GET', `/api/villages/${encodeURIComponent(village)}/households`),
};
