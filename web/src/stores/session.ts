// Who is signed in. The httpOnly cookie is invisible to scripts, so the server says who we are.
// The role only hides what would be refused: the server checks every write itself.
import { defineStore } from 'pinia';
import { shallowRef } from 'vue';
import { can as roleCan, type Permission, type SessionUser } from '../../../common/roles';
import { authApi } from '../api/edits';

export const useSessionStore = defineStore('session', () => {
  const user = shallowRef<SessionUser | null>(null);

  async function load(): Promise<void> {
    user.value = await authApi.me().catch(() => null);
  }

  async function login(username: string, password: string): Promise<void> {
    user.value = await authApi.login(username, password);
  }

  async function logout(): Promise<void> {
    await authApi.logout();
    user.value = null;
  }

  /** The server ended the session (expired, or an admin changed the password). */
  function expired(): void {
    user.value = null;
  }

  const can = (permission: Permission): boolean => roleCan(user.value?.role, permission);

  void load();
  return { user, load, login, logout, expired, can };
});
