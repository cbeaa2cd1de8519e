// The office-work side of the API: problem ledger, monthly bulletin, imports and downloads.
import type { AuditEntry } from '../../../common/api';
import type { Bulletin } from '../../../common/bulletin';
import type { GeometryImportPreview, GeometryTarget, ImportCrs, ImportResult, VillageImportPreview } from '../../../common/imports';
import type { BoundaryCrsChoice, BoundaryImportPreview, BoundaryLevel, Datum } from '../../../common/boundaries';
import type { Problem, ProblemStatus } from '../../../common/problems';
import { requestJson, withQuery } from './client';

export interface ProblemQuery {
  status?: ProblemStatus;
  overdue?: boolean;
}

const form = (file: File, fields: Record<string, string> = {}) => {
  const body = new FormData();
  body.set('file', file);
  for (const [k, v] of Object.entries(fields)) body.set(k, v);
  return body;
};

export const problemApi = {
  list: (q: ProblemQuery = {}) => requestJson<Problem[]>('GET', withQuery('/api/problems', { status: q.status, overdue: q.overdue || undefined })),
  markers: () => requestJson<GeoJSON.FeatureCollection>('GET', '/api/problems/map'),
  history: (id: number) => requestJson<AuditEntry[]>('GET', `/api/problems/${id}/history`),
  fix: (p: Problem, note?: string) => requestJson<Problem>('POST', `/api/problems/${p.id}/fix`, { version: p.version, note }),
  close: (p: Problem) => requestJson<Problem>('POST', `/api/problems/${p.id}/close`, { version: p.version }),
};

export const bulletinApi = {
  get: (month: string) => requestJson<Bulletin>('GET', withQuery('/api/bulletin', { month })),
  excelUrl: (month: string) => withQuery('/api/export/bulletin.xlsx', { month }),
};

export type ImportKind = 'villages' | 'geometry' | 'boundaries' | 'targets' | 'households';
export type BoundaryImportFields = { level: BoundaryLevel; crs: BoundaryCrsChoice; datum: Datum; centralMeridian: string; towgs84: string };

export const importApi = {
  previewVillages: (file: File) => requestJson<VillageImportPreview>('POST', '/api/import/villages/preview', form(file)),
  previewGeometry: (file: File, target: GeometryTarget, crs: ImportCrs) =>
    requestJson<GeometryImportPreview>('POST', '/api/import/geometry/preview', form(file, { target, crs })),
  previewBoundaries: (file: File, fields: BoundaryImportFields) =>
    requestJson<BoundaryImportPreview>('POST', '/api/import/boundaries/preview', form(file, fields)),
  commit: (kind: ImportKind, token: string) => requestJson<ImportResult>('POST', `/api/import/${kind}/commit`, { token }),
};

/** What the map page offers for download: every layer in Excel, the map layers also as GeoJSON. */
export const DOWNLOADS = [
  { layer: 'villages', geojson: true },
  { layer: 'sites', geojson: true },
  { layer: 'projects', geojson: true },
  { layer: 'problems', geojson: false },
] as const;
export const excelUrl = (layer: string) => `/api/export/${layer}.xlsx`;
export const geojsonUrl = (layer: string) => `/api/geojson/${layer}`;
