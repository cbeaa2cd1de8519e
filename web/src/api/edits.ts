// The signed-in side of the API: session, writes, and the audit trail. Writes carry the version
// they edited; the server answers a stale one with 409 and the current record.
import type { AuditEntry, DeletedProject, ProgressEntry, ProjectView, SiteView, VillageView } from '../../../common/api';
import type { SessionUser } from '../../../common/roles';
import type { Correction, ProgressRecord, ProjectCreate, ProjectPatch, SitePatch, VillagePatch } from '../../../common/schemas';
import { requestJson, requestWithHeaders } from './client';

/** What has a history view, and where the server keeps it. */
export type AuditedEntity = { entity: 'village'; code: string } | { entity: 'site' | 'project'; id: number };

const historyPath = (target: AuditedEntity): string =>
  target.entity === 'village' ? `/api/villages/${target.code}/history` : `/api/${target.entity}s/${target.id}/history`;

export const authApi = {
  me: () => requestJson<SessionUser | null>('GET', '/api/auth/me'),
  login: (username: string, password: string) => requestJson<SessionUser>('POST', '/api/auth/login', { username, password }),
  logout: () => requestJson<{ ok: true }>('POST', '/api/auth/logout', {}),
};

export const editApi = {
  village: (code: string, patch: VillagePatch) => requestJson<VillageView>('PATCH', `/api/villages/${code}`, patch),
  site: (id: number, patch: SitePatch) => requestJson<SiteView>('PATCH', `/api/sites/${id}`, patch),
  project: (id: number, patch: ProjectPatch) => requestJson<ProjectView>('PATCH', `/api/projects/${id}`, patch),
  createProject: (body: ProjectCreate) => requestJson<ProjectView>('POST', '/api/projects', body),
  recordProgress: (id: number, report: ProgressRecord) => requestJson<ProjectView>('POST', `/api/projects/${id}/progress`, report),
};

/** Entries a history panel shows at a time; older ones on request. */
export const HISTORY_PAGE = 20;

export interface HistoryPage {
  entries: AuditEntry[];
  /** Where the next, older page starts; null when there is none. */
  nextBefore: number | null;
}

export const auditApi = {
  async history(target: AuditedEntity, before?: number): Promise<HistoryPage> {
    const query = `?limit=${HISTORY_PAGE}${before === undefined ? '' : `&before=${before}`}`;
    const { body, headers } = await requestWithHeaders<AuditEntry[]>('GET', historyPath(target) + query);
    const next = headers.get('X-Next-Before');
    return { entries: body, nextBefore: next ? Number(next) : null };
  },
  progress: (projectId: number) => requestJson<ProgressEntry[]>('GET', `/api/projects/${projectId}/progress`),
};

/** Setting a record aside and taking it back: each names the version it corrects and why. */
export const correctionApi = {
  retractReport: (projectId: number, reportId: number, body: Correction) =>
    requestJson<ProjectView>('POST', `/api/projects/${projectId}/progress/${reportId}/retract`, body),
  restoreReport: (projectId: number, reportId: number, body: Correction) =>
    requestJson<ProjectView>('POST', `/api/projects/${projectId}/progress/${reportId}/restore`, body),
  deleteProject: (id: number, body: Correction) => requestJson<ProjectView>('POST', `/api/projects/${id}/delete`, body),
  restoreProject: (id: number, body: Correction) => requestJson<ProjectView>('POST', `/api/projects/${id}/restore`, body),
  deletedProjects: () => requestJson<DeletedProject[]>('GET', '/api/projects/deleted'),
};
