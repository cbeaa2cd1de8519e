// The warning rules of common/monitoring.ts (warningRules) as one set-based query, so a county or a
// million households are judged in one statement. The pure rule is the specification: the
// constants come from it and tests/warning-rules-sql.test.ts checks both agree on generated cases.
import {
  EVENT_RULE, INCOME_DROP_SHARE, MEDICAL_BURDEN_SHARE, RECENT_DAYS, SCHOOL_AGE, VERIFY_DAYS, type WarningRule,
} from '../../common/monitoring';
import type { Queryable } from '../db/client';

/** Which households to judge: those whose code starts with `prefix` ('' for all), or only the listed ones. */
export interface RuleTarget {
  prefix: string;
  households?: string[];
}

const EVENT_KINDS = Object.keys(EVENT_RULE);

/** Parameters $1–$10 of CANDIDATES. */
const candidateParams = (target: RuleTarget, asOf: string) => [
  target.prefix, asOf, 1 - INCOME_DROP_SHARE, MEDICAL_BURDEN_SHARE, RECENT_DAYS, SCHOOL_AGE.from, SCHOOL_AGE.to,
  target.households ?? null, EVENT_KINDS, EVENT_KINDS.map((k) => EVENT_RULE[k as keyof typeof EVENT_RULE]),
];

const CANDIDATES = `
  WITH hh AS (
    SELECT h.code FROM households h
    WHERE h.village_code LIKE $1 || '%' AND ($8::text[] IS NULL OR h.code = ANY($8::text[]))
  ),
  ly AS (
    SELECT DISTINCT ON (y.household_code) y.household_code AS code, y.year, y.income_per_capita AS income, y.housing
    FROM household_years y JOIN hh ON hh.code = y.household_code
    ORDER BY y.household_code, y.year DESC
  ),
  ln AS (
    SELECT ly.code, ly.income, ly.housing,
      coalesce((SELECT l.line FROM monitoring_lines l WHERE l.year <= ly.year ORDER BY l.year DESC LIMIT 1),
               (SELECT l.line FROM monitoring_lines l ORDER BY l.year LIMIT 1)) AS line,
      (SELECT p.income_per_capita FROM household_years p WHERE p.household_code = ly.code AND p.year = ly.year - 1) AS prev
    FROM ly
  ),
  persons AS (
    SELECT m.household_code AS code, count(*)::int AS n,
      bool_or(extract(year FROM $2::date)::int - m.birth_year BETWEEN $6::int AND $7::int AND m.schooling IN ('dropped_out', 'none')) AS out_of_school
    FROM members m JOIN hh ON hh.code = m.household_code GROUP BY 1
  ),
  ev AS (
    SELECT e.household_code AS code, e.kind, sum(e.amount) AS amount
    FROM household_events e JOIN hh ON hh.code = e.household_code
    WHERE e.occurred_on > $2::date - $5::int AND e.occurred_on <= $2::date GROUP BY 1, 2
  )
  SELECT code, 'income_below_line' AS rule FROM ln WHERE line IS NOT NULL AND income < line
  UNION SELECT code, 'income_drop' FROM ln WHERE prev > 0 AND income <= prev * $3::float8
  UNION SELECT code, 'unsafe_housing' FROM ln WHERE NOT housing
  UNION SELECT code, 'school_dropout' FROM persons WHERE out_of_school
  UNION SELECT ev.code, 'medical_burden' FROM ev LEFT JOIN ln ON ln.code = ev.code LEFT JOIN persons p ON p.code = ev.code
    WHERE ev.kind = 'medical_self_pay' AND ev.amount > 0
      AND ev.amount >= $4::float8 * (greatest(coalesce(ln.income, 0), 0) * coalesce(p.n, 0))
  UNION SELECT ev.code, map.rule FROM ev JOIN unnest($9::text[], $10::text[]) AS map(kind, rule) ON map.kind = ev.kind
    WHERE ev.kind <> 'medical_self_pay'`;

/** The rules each household trips today, without raising anything: what tests compare with warningRules. */
export function ruleCandidates(db: Queryable, target: RuleTarget, asOf: string): Promise<{ code: string; rule: WarningRule }[]> {
  return db.query(`${CANDIDATES} ORDER BY 1, 2`, candidateParams(target, asOf));
}

/**
 * Raises a warning task for each rule a household trips, with its deadline, except where the
 * household already has an open case, or the same warning is open or was dismissed within the
 * last twelve months. Answers the townships of the raised warnings and how many each.
 */
export async function raiseWarnings(tx: Queryable, target: RuleTarget, asOf: string, source: 'rules' | 'department'): Promise<Map<string, number>> {
  const rows = await tx.query<{ township: string; n: number }>(
    `WITH raised AS (
       INSERT INTO monitoring_warnings (household_code, rule, source, raised_on, deadline)
       SELECT c.code, c.rule, $11, $2::date, $2::date + $12::int FROM (${CANDIDATES}) c
       WHERE NOT EXISTS (SELECT 1 FROM monitoring_cases mc WHERE mc.household_code = c.code AND mc.stage NOT IN ('risk_removed', 'rejected'))
         AND NOT EXISTS (SELECT 1 FROM monitoring_warnings w WHERE w.household_code = c.code AND w.rule = c.rule
                           AND w.status = 'dismissed' AND w.raised_on > $2::date - $5::int)
       ON CONFLICT (household_code, rule) WHERE status = 'open' DO NOTHING
       RETURNING household_code)
     SELECT left(household_code, 9) AS township, count(*)::int AS n FROM raised GROUP BY 1`,
    [...candidateParams(target, asOf), source, VERIFY_DAYS],
  );
  return new Map(rows.map((r) => [r.township, r.n]));
}
