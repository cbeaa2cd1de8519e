// Photos: uploaded one by one under an id made here, so an upload retried after a failure (or
// sent later from the outbox) is stored once; the record then names the ids.
import type { PhotoEntityType, PhotoView } from '../../../common/field-capture';
import { ApiRequestError, networkError, requestJson, withQuery } from '../api/client';

export { clientId as newPhotoId } from './client-id';

export async function uploadPhoto(id: string, file: Blob): Promise<PhotoView> {
  let response: Response;
  try {
    response = await fetch(`/api/photos/${id}`, { method: 'PUT', headers: { Accept: 'application/json', 'Content-Type': file.type || 'application/octet-stream' }, body: file });
  } catch (cause) {
    throw networkError('network', cause);
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const error = (body as { error?: ApiRequestError['body']['error'] } | null)?.error;
    throw new ApiRequestError(response.status, { error: error ?? { code: `http_${response.status}`, message: `上传失败（${response.status}）`, messageEn: `Upload failed (${response.status})` } });
  }
  return body as PhotoView;
}

export const photoApi = {
  of: (entityType: PhotoEntityType, entityIds: string[]) => requestJson<PhotoView[]>('GET', withQuery('/api/photos', { entityType, entityIds: entityIds.join(',') })),
  map: () => requestJson<GeoJSON.FeatureCollection>('GET', '/api/photos/map'),
  addToSite: (siteId: number, photoIds: string[]) => requestJson<PhotoView[]>('POST', `/api/sites/${siteId}/photos`, { photoIds }),
};
