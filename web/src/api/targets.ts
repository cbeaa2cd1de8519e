// Annual targets: their progress, edits, and the targets workbook.
import type { TargetEntry, TargetImportPreview, TargetsAnswer } from '../../../common/targets';
import { requestJson, withQuery } from './client';

export const targetApi = {
  get: (query: { area?: string | null; year?: number | null } = {}) => requestJson<TargetsAnswer>('GET', withQuery('/api/targets', query)),
  set: (area: string, year: number, targets: TargetEntry[]) => requestJson<TargetsAnswer>('PUT', `/api/targets/${area}/${year}`, { targets }),
  templateUrl: (year: number) => withQuery('/api/targets/template.xlsx', { year }),
  preview: (file: File) => {
    const body = new FormData();
    body.set('file', file);
    return requestJson<TargetImportPreview>('POST', '/api/import/targets/preview', body);
  },
};
