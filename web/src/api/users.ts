// User administration (admins) and one's own password (everyone signed in).
import type { ManagedUser, ScopedUserCreate, ScopedUserPatch } from '../../../common/user-scope';
import { requestJson } from './client';

export const usersApi = {
  list: () => requestJson<ManagedUser[]>('GET', '/api/users'),
  create: (user: ScopedUserCreate) => requestJson<ManagedUser>('POST', '/api/users', user),
  update: (id: number, patch: ScopedUserPatch) => requestJson<ManagedUser>('PATCH', `/api/users/${id}`, patch),
  changeOwnPassword: (current: string, next: string) => requestJson<{ ok: true }>('POST', '/api/auth/password', { current, next }),
};
