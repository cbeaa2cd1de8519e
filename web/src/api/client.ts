// Typed helpers for the server's JSON API (shapes in common/api.ts). Same origin: no host in URLs.
import type { BasemapOption } from '../../../common/basemaps';
import type { ApiError, CountyInfo, CountyView, ProjectView, SearchHit, SiteView, Summary, TileVersions, TownshipView, UnitRankRow, VillageView } from '../../../common/api';
import type { ExitReadiness } from '../../../common/indicators';
import { silenceLimit, watchedBody, type SilenceLimit } from './silence-limit';

/** A failed request; `body` is the server's ApiError payload (or one made up for network failures). */
export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiError,
  ) {
    super(body.error.message);
    this.name = 'ApiRequestError';
  }
}

type Query = Record<string, string | number | boolean | null | undefined>;

/** The path with the query's given values; null, undefined and '' leave a parameter out. */
export function withQuery(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== null && value !== undefined && value !== '') params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

function isApiError(body: unknown): body is ApiError {
  return typeof body === 'object' && body !== null && typeof (body as ApiError).error?.code === 'string';
}

/** One JSON request; the session cookie rides along (same origin), a body is sent as JSON. */
export async function requestJson<T>(method: string, url: string, payload?: unknown, headers: Record<string, string> = {}): Promise<T> {
  return (await requestWithHeaders<T>(method, url, payload, headers)).body;
}

/**
 * A read given up is asked once more before the user is told: the browser closes the connection it
 * gave up on, and the next one it picks may be alive. Writes have no limit: a photo on a slow link
 * may pause longer, and the field outbox sends them again with their request id.
 */
const READ_ATTEMPTS = 2;

/** Status 0: no answer at all, so the field outbox keeps the write for later. */
export const networkError = (code: 'network' | 'timeout', cause: unknown) =>
  new ApiRequestError(0, {
    error:
      code === 'timeout'
        ? { code, message: '服务器长时间没有应答，请稍后重试', messageEn: 'The server did not answer in time; try again later', details: String(cause) }
        : { code, message: '无法连接服务器', messageEn: 'Cannot reach the server', details: String(cause) },
  });

async function requestOnce<T>(method: string, url: string, payload: unknown, headers: Record<string, string>, limit?: SilenceLimit): Promise<{ body: T; headers: Headers }> {
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      // A FormData body (file upload) sets its own multipart Content-Type.
      headers: { Accept: 'application/json', ...(payload === undefined || payload instanceof FormData ? {} : { 'Content-Type': 'application/json' }), ...headers },
      body: payload === undefined || payload instanceof FormData ? payload : JSON.stringify(payload),
      signal: limit?.signal,
    });
  } catch (cause) {
    throw networkError(limit?.signal.aborted ? 'timeout' : 'network', cause);
  }
  limit?.heard();
  const body: unknown = await (limit ? watchedBody(response, limit) : response).json().catch(() => null);
  // The body can go silent too, half way.
  if (limit?.signal.aborted) throw networkError('timeout', limit.signal.reason);
  if (!response.ok) {
    throw new ApiRequestError(
      response.status,
      isApiError(body)
        ? body
        : { error: { code: `http_${response.status}`, message: `请求失败（${response.status}）`, messageEn: `Request failed (${response.status})` } },
    );
  }
  return { body: body as T, headers: response.headers };
}

/** The same, with the answer's headers: paged lists say there where the next page starts. */
export async function requestWithHeaders<T>(method: string, url: string, payload?: unknown, headers: Record<string, string> = {}): Promise<{ body: T; headers: Headers }> {
  if (method !== 'GET') return requestOnce<T>(method, url, payload, headers);
  for (let attempt = 1; ; attempt++) {
    const limit = silenceLimit();
    try {
      return await requestOnce<T>(method, url, payload, headers, limit);
    } catch (error) {
      if (attempt === READ_ATTEMPTS || !(error instanceof ApiRequestError && error.body.error.code === 'timeout')) throw error;
    } finally {
      limit.stop();
    }
  }
}

const getJson = <T>(path: string, query?: Query): Promise<T> => requestJson<T>('GET', withQuery(path, query));

export const api = {
  county: () => getJson<CountyInfo>('/api/county'),
  townships: () => getJson<TownshipView[]>('/api/townships'),
  /** A prefecture's counties (a county portal's own county). */
  counties: () => getJson<CountyView[]>('/api/counties'),
  villages: (query: { township?: string | null; q?: string; readiness?: ExitReadiness } = {}) =>
    getJson<VillageView[]>('/api/villages', query),
  village: (code: string) => getJson<VillageView>(`/api/villages/${encodeURIComponent(code)}`),
  sites: () => getJson<SiteView[]>('/api/sites'),
  site: (id: number) => getJson<SiteView>(`/api/sites/${id}`),
  projects: () => getJson<ProjectView[]>('/api/projects'),
  project: (id: number) => getJson<ProjectView>(`/api/projects/${id}`),
  summary: (query: { township?: string | null; county?: string | null; year?: number | null } = {}) => getJson<Summary>('/api/stats/summary', query),
  /** The units of the area, or of one of a prefecture's counties, ranked: counties or townships. */
  unitRanking: (query: { county?: string | null; year?: number | null } = {}) => getJson<UnitRankRow[]>('/api/stats/units', query),
  search: (q: string, limit = 10) => getJson<SearchHit[]>('/api/search', { q, limit }),
  tileVersions: () => getJson<TileVersions>('/api/tiles/versions'),
  basemaps: () => getJson<BasemapOption[]>('/api/basemaps'),
};
