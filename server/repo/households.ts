// Household queries. Each takes the scope condition from household-scope.ts; none reads a plain
// personal value except through the encrypted columns, which only the service decrypts.
import type { HouseholdQuery, HouseholdRecord, HouseholdYearRecord, UnmaskField, UnmaskLogEntry } from '../../common/household-api';
import type { HealthState, LabourAbility, MeasureKind, Relation, SchoolingState, Sex } from '../../common/households';
import type { Queryable } from '../db/client';
import { scopeCondition, type HouseholdScope } from './household-scope';
import { likeLiteral } from './like';

export interface HouseholdRow extends HouseholdRecord {
  cadreName: string | null;
  cadreUnit: string | null;
  cadrePhoneEnc: string | null;
  demo: boolean;
  persons: number;
  latest: HouseholdYearRecord | null;
}

const HOUSEHOLD_COLUMNS = `h.code, h.village_code AS "villageCode", h.head_name AS "headName", h.poverty_attribute AS "povertyAttribute",
  h.main_cause AS "mainCause", h.other_causes AS "otherCauses", h.year_identified AS "yearIdentified", h.year_exited AS "yearExited",
  h.relocation_site_id AS "relocationSiteId", h.cadre_name AS "cadreName", h.cadre_unit AS "cadreUnit", h.cadre_phone_enc AS "cadrePhoneEnc",
  h.demo,
  (SELECT count(*)::int FROM members m WHERE m.household_code = h.code) AS persons,
  (SELECT jsonb_build_object('year', y.year, 'incomePerCapita', y.income_per_capita, 'incomeWage', y.income_wage,
      'incomeBusiness', y.income_business, 'incomeProperty', y.income_property, 'incomeTransfer', y.income_transfer,
      'foodClothing', y.food_clothing, 'education', y.education, 'medical', y.medical, 'housing', y.housing, 'water', y.water)
   FROM household_years y WHERE y.household_code = h.code ORDER BY y.year DESC LIMIT 1) AS latest`;

/** The counties (6-digit codes) beneath an area's code prefix that hold household records. */
export async function countiesWithHouseholds(db: Queryable, area: string): Promise<string[]> {
  const rows = await db.query<{ county: string }>(`SELECT DISTINCT left(village_code, 6) AS county FROM households WHERE village_code LIKE $1 || '%' ORDER BY 1`, [area]);
  return rows.map((r) => r.county);
}

export async function countyHasHouseholds(db: Queryable, county: string): Promise<boolean> {
  const [row] = await db.query<{ any: boolean }>(`SELECT EXISTS (SELECT 1 FROM households WHERE village_code LIKE $1 || '%') AS any`, [county]);
  return row.any;
}

export function listHouseholdsOfVillage(db: Queryable, scope: HouseholdScope, village: string): Promise<HouseholdRow[]> {
  const cond = scopeCondition(scope, 'h', 2);
  return db.query<HouseholdRow>(`SELECT ${HOUSEHOLD_COLUMNS} FROM households h WHERE h.village_code = $1 AND ${cond.sql} ORDER BY h.code`, [
    village, ...cond.params,
  ]);
}

/** The households of a scope, narrowed by place and a code prefix or part of the head's name, a page at a time. */
export async function searchHouseholds(db: Queryable, scope: HouseholdScope, q: HouseholdQuery): Promise<{ total: number; rows: HouseholdRow[] }> {
  const filter = [q.township ?? null, q.village ?? null, q.q === undefined ? null : likeLiteral(q.q)];
  // The scope's values follow the filter's three and, for the page, its limit and offset.
  const where = (first: number) => {
    const cond = scopeCondition(scope, 'h', first);
    const sql = `($1::text IS NULL OR h.village_code LIKE $1 || '%') AND ($2::text IS NULL OR h.village_code = $2)
      AND ($3::text IS NULL OR h.code LIKE $3 || '%' OR h.head_name LIKE '%' || $3 || '%') AND ${cond.sql}`;
    return { sql, params: cond.params };
  };
  const counted = where(4);
  const [{ total }] = await db.query<{ total: number }>(`SELECT count(*)::int AS total FROM households h WHERE ${counted.sql}`, [...filter, ...counted.params]);
  const paged = where(6);
  const rows = await db.query<HouseholdRow>(`SELECT ${HOUSEHOLD_COLUMNS} FROM households h WHERE ${paged.sql} ORDER BY h.code LIMIT $4 OFFSET $5`, [
    ...filter, q.limit, q.offset, ...paged.params,
  ]);
  return { total, rows };
}

export async function getHousehold(db: Queryable, scope: HouseholdScope, code: string): Promise<HouseholdRow | undefined> {
  const cond = scopeCondition(scope, 'h', 2);
  const [row] = await db.query<HouseholdRow>(`SELECT ${HOUSEHOLD_COLUMNS} FROM households h WHERE h.code = $1 AND ${cond.sql}`, [code, ...cond.params]);
  return row;
}

export const householdYears = (db: Queryable, code: string) =>
  db.query<HouseholdYearRecord>(
    `SELECT year, income_per_capita AS "incomePerCapita", income_wage AS "incomeWage", income_business AS "incomeBusiness",
       income_property AS "incomeProperty", income_transfer AS "incomeTransfer", food_clothing AS "foodClothing", education, medical, housing, water
     FROM household_years WHERE household_code = $1 ORDER BY year`,
    [code],
  );

export const householdMeasures = (db: Queryable, code: string) =>
  db.query<{ kind: MeasureKind; year: number; amount: number }>(
    'SELECT kind, year, amount FROM household_measures WHERE household_code = $1 ORDER BY year, id',
    [code],
  );

export interface MemberRow {
  id: number;
  relation: Relation;
  name: string;
  sex: Sex;
  birthYear: number;
  idNumberEnc: string;
  phoneEnc: string | null;
  health: HealthState;
  schooling: SchoolingState;
  labourAbility: LabourAbility;
}

export const householdMembers = (db: Queryable, code: string) =>
  db.query<MemberRow>(
    `SELECT id, relation, name, sex, birth_year AS "birthYear", id_number_enc AS "idNumberEnc", phone_enc AS "phoneEnc", health, schooling,
       labour_ability AS "labourAbility"
     FROM members WHERE household_code = $1 ORDER BY id`,
    [code],
  );

export async function recordUnmask(
  tx: Queryable,
  entry: { userId: number; username: string; householdCode: string; memberId: number | null; field: UnmaskField; reason: string },
): Promise<void> {
  await tx.query('INSERT INTO unmask_log (user_id, username, household_code, member_id, field, reason) VALUES ($1, $2, $3, $4, $5, $6)', [
    entry.userId, entry.username, entry.householdCode, entry.memberId, entry.field, entry.reason,
  ]);
}

export async function listUnmaskLog(db: Queryable, limit: number): Promise<UnmaskLogEntry[]> {
  const rows = await db.query<Omit<UnmaskLogEntry, 'at'> & { at: Date | string }>(
    `SELECT id, at, username, household_code AS "householdCode", member_id AS "memberId", field, scope, reason
     FROM unmask_log ORDER BY id DESC LIMIT $1`,
    [limit],
  );
  return rows.map((r) => ({ ...r, at: new Date(r.at).toISOString() }));
}

/** An export of personal data, logged like an unmask: no record, the area it covered. */
export async function recordPersonalExport(tx: Queryable, entry: { userId: number; username: string; scope: string; reason: string }): Promise<void> {
  await tx.query("INSERT INTO unmask_log (user_id, username, household_code, member_id, field, scope, reason) VALUES ($1, $2, NULL, NULL, 'export', $3, $4)", [
    entry.userId, entry.username, entry.scope, entry.reason,
  ]);
}

/** Every member of the households in an area (a code prefix), personal values still encrypted. */
export const membersOfArea = (db: Queryable, prefix: string) =>
  db.query<MemberRow & { householdCode: string }>(
    `SELECT id, household_code AS "householdCode", relation, name, sex, birth_year AS "birthYear", id_number_enc AS "idNumberEnc",
       phone_enc AS "phoneEnc", health, schooling, labour_ability AS "labourAbility"
     FROM members WHERE household_code LIKE $1 || '%' ORDER BY household_code, id`,
    [prefix],
  );
