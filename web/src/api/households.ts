// The household endpoints: aggregates for everyone, the masked list for permitted, scoped users.
import type { HouseholdDetail, HouseholdListItem, UnmaskRequest } from '../../../common/household-api';
import type { CountyFigureDifferences, VillageHouseholdFigures } from '../../../common/household-figures';
import { requestJson } from './client';

export const householdApi = {
  /** Where the county's village figures come from, and the villages whose typed figures differ. */
  differences: () => requestJson<CountyFigureDifferences>('GET', '/api/figure-differences'),
  figures: (village: string) => requestJson<VillageHouseholdFigures | null>('GET', `/api/villages/${encodeURIComponent(village)}/household-figures`),
  list: (village: string) => requestJson<HouseholdListItem[]>('GET', `/api/villages/${encodeURIComponent(village)}/households`),
  detail: (code: string) => requestJson<HouseholdDetail>('GET', `/api/households/${encodeURIComponent(code)}`),
  /** One plain value; the server logs who asked and why. */
  unmask: (code: string, request: UnmaskRequest) =>
    requestJson<{ value: string | null }>('POST', `/api/households/${encodeURIComponent(code)}/unmask`, request),
};
