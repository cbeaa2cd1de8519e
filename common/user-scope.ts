// Accounts with a scope (township cadre: one township; village team: its villages; in a prefecture's
// portal any other role but admin: one county), on top of the plain user shapes of schemas.ts.
// Whether the scope fits the role is roles.ts' scopeViolation.
import { z } from 'zod';
import type { SessionUser } from './roles';
import { codes, userCreate, userPatch } from './schemas';

export const userScope = z.array(z.union([codes.county, codes.township, codes.village])).max(500);

/** The county every code of a scope lies in (its first 6 digits), or null for no scope or codes in several counties. */
export function scopeCounty(scope: readonly string[]): string | null {
  const counties = new Set(scope.map((code) => code.slice(0, 6)));
  return counties.size === 1 ? [...counties][0] : null;
}

export const scopedUserCreate = userCreate.extend({ scope: userScope.default([]) });
export type ScopedUserCreate = z.infer<typeof scopedUserCreate>;

export const scopedUserPatch = userPatch.extend({ scope: userScope.optional() });
export type ScopedUserPatch = z.infer<typeof scopedUserPatch>;

export interface UserAccount extends SessionUser {
  scope: string[];
}

/** A user as administrators see them: whether the account is disabled too. */
export type ManagedUser = UserAccount & { disabled: boolean };
