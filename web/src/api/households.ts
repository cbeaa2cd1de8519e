// The household endpoints: aggregates for everyone, the masked list for permitted, scoped users.
import type { HouseholdDetail, HouseholdListItem, HouseholdPage, UnmaskLogEntry, UnmaskRequest } from '../../../common/household-api';
import type { HouseholdImportPreview } from '../../../common/household-import';
import type { CountyFigureDifferences, VillageHouseholdFigures } from '../../../common/household-figures';
import { requestJson, withQuery } from './client';

export const householdApi = {
  /** Where the county's village figures come from, and the villages whose typed figures differ. */
  differences: () => requestJson<CountyFigureDifferences>('GET', '/api/figure-differences'),
  figures: (village: string) => requestJson<VillageHouseholdFigures | null>('GET', `/api/villages/${encodeURIComponent(village)}/household-figures`),
  list: (village: string) => requestJson<HouseholdListItem[]>('GET', `/api/villages/${encodeURIComponent(village)}/households`),
  detail: (code: string) => requestJson<HouseholdDetail>('GET', `/api/households/${encodeURIComponent(code)}`),
  search: (q: { q?: string; township?: string; offset?: number }) => requestJson<HouseholdPage>('GET', withQuery('/api/households', { ...q, limit: 50 })),
  unmaskLog: () => requestJson<UnmaskLogEntry[]>('GET', '/api/unmask-log'),
  /** The poverty office's export with personal data: a download the server marks and logs. */
  personalExportUrl: (reason: string, township?: string) => withQuery('/api/households.xlsx', { reason, township }),
  previewImport: (file: File) => {
    const body = new FormData();
    body.set('file', file);
    return requestJson<HouseholdImportPreview>('POST', '/api/import/households/preview', body);
  },
  /** One plain value; the server logs who asked and why. */
  unmask: (code: string, request: UnmaskRequest) =>
    requestJson<{ value: string | null }>('POST', `/api/households/${encodeURIComponent(code)}/unmask`, request),
};
