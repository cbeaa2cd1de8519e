// The households a scope covers, as an SQL condition. services/scope.ts decides a user's scope;
// every household query in repo/households.ts takes its condition from here.

export type HouseholdScope =
  | { kind: 'county'; county: string }
  | { kind: 'township'; county: string; township: string }
  | { kind: 'villages'; county: string; villages: string[] }
  | { kind: 'assisted'; county: string; userId: number };

/**
 * The SQL condition on a households alias for a scope, its values as parameters numbered from
 * `first`. Always within the portal's county.
 */
export function scopeCondition(scope: HouseholdScope, alias: string, first: number): { sql: string; params: unknown[] } {
  // left(…) = $n rather than LIKE $n || '%': a prepared statement's generic plan can use the
  // expression indexes of migration 010 for it, and not for a LIKE on a parameter.
  const county = `left(${alias}.village_code, 6) = $${first}`;
  const next = `$${first + 1}`;
  switch (scope.kind) {
    case 'county':
      return { sql: county, params: [scope.county] };
    case 'township':
      return { sql: `${county} AND left(${alias}.village_code, 9) = ${next}`, params: [scope.county, scope.township] };
    case 'villages':
      return {
        sql: `${county} AND ${alias}.village_code IN (SELECT jsonb_array_elements_text(${next}::text::jsonb))`,
        params: [scope.county, JSON.stringify(scope.villages)],
      };
    case 'assisted':
      return { sql: `${county} AND ${alias}.assisting_user_id = ${next}`, params: [scope.county, scope.userId] };
  }
}
