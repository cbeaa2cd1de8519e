// Accounts with a scope (township cadre: one township; village team: its villages), on top of the
// plain user shapes of schemas.ts. Whether the scope fits the role is roles.ts' scopeViolation.
import { z } from 'zod';
import type { SessionUser } from './roles';
import { codes, userCreate, userPatch } from './schemas';

export const userScope = z.array(z.union([codes.township, codes.village])).max(500);

export const scopedUserCreate = userCreate.extend({ scope: userScope.default([]) });
export type ScopedUserCreate = z.infer<typeof scopedUserCreate>;

export const scopedUserPatch = userPatch.extend({ scope: userScope.optional() });
export type ScopedUserPatch = z.infer<typeof scopedUserPatch>;

export interface UserAccount extends SessionUser {
  scope: string[];
}

/** A user as administrators see them: whether the account is disabled too. */
export type ManagedUser = UserAccount & { disabled: boolean };
