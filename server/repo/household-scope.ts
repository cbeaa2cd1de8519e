// The households a scope covers, as an SQL condition. services/scope.ts decides a user's scope;
// every household query in repo/households.ts and repo/monitoring.ts takes its condition from here.

/** `area` is the code prefix of the request's view area: a prefecture's 4 digits or a county's 6 (common/area.ts). */
export type HouseholdScope =
  | { kind: 'county'; area: string }
  | { kind: 'township'; area: string; township: string }
  | { kind: 'villages'; area: string; villages: string[] }
  | { kind: 'assisted'; area: string; userId: number };

/**
 * `column` (a household or village code) lies under the area prefix in parameter `param`.
 * left(…, n) = $n rather than LIKE $n || '%': a prepared statement's generic plan can use the
 * expression indexes of migration 010 (n = 6 for a county, 9 for a township), and not a LIKE on a
 * parameter. n is the prefix's length, a number, never a value from the request.
 */
export const codeUnder = (column: string, param: string, prefix: string) => `left(${column}, ${prefix.length}) = ${param}`;

/**
 * The SQL condition on a households alias for a scope, its values as parameters numbered from
 * `first`. Always within the request's area.
 */
export function scopeCondition(scope: HouseholdScope, alias: string, first: number): { sql: string; params: unknown[] } {
  const area = codeUnder(`${alias}.village_code`, `$${first}`, scope.area);
  const next = `$${first + 1}`;
  switch (scope.kind) {
    case 'county':
      return { sql: area, params: [scope.area] };
    case 'township':
      return { sql: `${area} AND ${codeUnder(`${alias}.village_code`, next, scope.township)}`, params: [scope.area, scope.township] };
    case 'villages':
      return {
        sql: `${area} AND ${alias}.village_code IN (SELECT jsonb_array_elements_text(${next}::text::jsonb))`,
        params: [scope.area, JSON.stringify(scope.villages)],
      };
    case 'assisted':
      return { sql: `${area} AND ${alias}.assisting_user_id = ${next}`, params: [scope.area, scope.userId] };
  }
}
