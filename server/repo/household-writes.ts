// Writing household records in batches, for the demo seed and the household import alike. Personal
// values arrive already encrypted (pii/cipher.ts): this layer never sees them in plain text.
import type { HouseholdRecord, HouseholdYearRecord, MemberRecord } from '../../common/household-api';
import type { MeasureKind } from '../../common/households';
import type { Queryable } from '../db/client';
import { insertBatches } from '../db/seed';

export interface HouseholdInsert extends HouseholdRecord {
  cadreName: string | null;
  cadreUnit: string | null;
  cadrePhoneEnc: string | null;
  demo: boolean;
}

export interface MemberInsert extends Omit<MemberRecord, 'idNumber' | 'phone'> {
  householdCode: string;
  idNumberEnc: string;
  idNumberHash: string;
  phoneEnc: string | null;
  demo: boolean;
}

export async function insertHouseholds(tx: Queryable, rows: HouseholdInsert[]): Promise<void> {
  await insertBatches(
    tx,
    `INSERT INTO households (code, village_code, head_name, poverty_attribute, main_cause, other_causes, year_identified, year_exited,
       relocation_site_id, cadre_name, cadre_unit, cadre_phone_enc, demo)
     SELECT code, "villageCode", "headName", "povertyAttribute", "mainCause", "otherCauses", "yearIdentified", "yearExited",
       "relocationSiteId", "cadreName", "cadreUnit", "cadrePhoneEnc", demo
     FROM jsonb_to_recordset($1::text::jsonb) AS x(code text, "villageCode" text, "headName" text, "povertyAttribute" text,
       "mainCause" text, "otherCauses" jsonb, "yearIdentified" int, "yearExited" int, "relocationSiteId" int, "cadreName" text,
       "cadreUnit" text, "cadrePhoneEnc" text, demo boolean)`,
    rows,
  );
}

export async function insertHouseholdYears(tx: Queryable, rows: (HouseholdYearRecord & { householdCode: string })[]): Promise<void> {
  await insertBatches(
    tx,
    `INSERT INTO household_years (household_code, year, income_per_capita, income_wage, income_business, income_property,
       income_transfer, food_clothing, education, medical, housing, water)
     SELECT "householdCode", year, "incomePerCapita", "incomeWage", "incomeBusiness", "incomeProperty", "incomeTransfer",
       "foodClothing", education, medical, housing, water
     FROM jsonb_to_recordset($1::text::jsonb) AS x("householdCode" text, year int, "incomePerCapita" float8, "incomeWage" float8,
       "incomeBusiness" float8, "incomeProperty" float8, "incomeTransfer" float8, "foodClothing" boolean, education boolean,
       medical boolean, housing boolean, water boolean)`,
    rows,
  );
}

export async function insertHouseholdMeasures(tx: Queryable, rows: { householdCode: string; kind: MeasureKind; year: number; amount: number }[]): Promise<void> {
  await insertBatches(
    tx,
    `INSERT INTO household_measures (household_code, kind, year, amount)
     SELECT "householdCode", kind, year, amount FROM jsonb_to_recordset($1::text::jsonb) AS x("householdCode" text, kind text, year int, amount float8)`,
    rows,
  );
}

export async function insertMembers(tx: Queryable, rows: MemberInsert[]): Promise<void> {
  await insertBatches(
    tx,
    `INSERT INTO members (household_code, relation, name, sex, birth_year, id_number_enc, id_number_hash, phone_enc, health, schooling,
       labour_ability, demo)
     SELECT "householdCode", relation, name, sex, "birthYear", "idNumberEnc", "idNumberHash", "phoneEnc", health, schooling, "labourAbility", demo
     FROM jsonb_to_recordset($1::text::jsonb) AS x("householdCode" text, relation text, name text, sex text, "birthYear" int,
       "idNumberEnc" text, "idNumberHash" text, "phoneEnc" text, health text, schooling text, "labourAbility" text, demo boolean)`,
    rows,
  );
}

/** Replacing a household: its members go, its years and measures stay (the import carries neither). */
export async function updateHouseholdRegistration(tx: Queryable, h: HouseholdInsert): Promise<void> {
  await tx.query('DELETE FROM members WHERE household_code = $1', [h.code]);
  await tx.query(
    `UPDATE households SET head_name = $2, poverty_attribute = $3, main_cause = $4, other_causes = $5::text::jsonb, year_identified = $6,
       year_exited = $7, demo = false WHERE code = $1`,
    [h.code, h.headName, h.povertyAttribute, h.mainCause, JSON.stringify(h.otherCauses), h.yearIdentified, h.yearExited],
  );
}

/** Which of these ID-number hashes belong to members of households other than the given ones. */
export async function idHashesElsewhere(db: Queryable, hashes: string[], households: string[]): Promise<Set<string>> {
  const rows = await db.query<{ hash: string }>(
    `SELECT DISTINCT id_number_hash AS hash FROM members
     WHERE id_number_hash IN (SELECT jsonb_array_elements_text($1::text::jsonb))
       AND household_code NOT IN (SELECT jsonb_array_elements_text($2::text::jsonb))`,
    [JSON.stringify(hashes), JSON.stringify(households)],
  );
  return new Set(rows.map((r) => r.hash));
}

export async function existingHouseholdCodes(db: Queryable, codes: string[]): Promise<Set<string>> {
  const rows = await db.query<{ code: string }>('SELECT code FROM households WHERE code IN (SELECT jsonb_array_elements_text($1::text::jsonb))', [
    JSON.stringify(codes),
  ]);
  return new Set(rows.map((r) => r.code));
}
