// Seeds the demo households of a demo county that has none, under today's village figures, with
// ID numbers and phones encrypted before they reach the database.
import { generateDemoHouseholds, type HouseholdSite, type HouseholdVillage } from '../../data/build/households';
import type { PiiCipher } from '../pii/cipher';
import { countyHasHouseholds } from '../repo/households';
import type { Db } from './client';
import { insertBatches } from './seed';

async function isDemoCounty(db: Db, countyCode: string): Promise<boolean> {
  const [row] = await db.query<{ demo: boolean }>('SELECT demo FROM counties WHERE code = $1', [countyCode]);
  return row?.demo === true;
}

/**
 * Generates and inserts the county's demo households, all or nothing; the assisting cadre account
 * `assistingUsername`, if it exists, becomes the 帮扶责任人 of the first village's first cadre's
 * households. Returns how many households were written (0 when the county has its own).
 */
export async function seedDemoHouseholds(db: Db, cipher: PiiCipher, countyCode: string, assistingUsername?: string): Promise<number> {
  if (!(await isDemoCounty(db, countyCode)) || (await countyHasHouseholds(db, countyCode))) return 0;
  const villages = await db.query<HouseholdVillage>(
    `SELECT code, poor_households AS "poorHouseholds", poor_persons AS "poorPersons", exited_households AS "exitedHouseholds",
       exited_persons AS "exitedPersons", actual_exit_year AS "actualExitYear"
     FROM villages WHERE township_code LIKE $1 || '%'`,
    [countyCode],
  );
  const sites = await db.query<HouseholdSite>(
    `SELECT id, origin_villages AS "originVillages", moved_households AS "movedHouseholds" FROM sites WHERE township_code LIKE $1 || '%'`,
    [countyCode],
  );
  const households = generateDemoHouseholds(countyCode, villages, sites);
  await db.write(async (tx) => {
    await insertBatches(
      tx,
      `INSERT INTO households (code, village_code, head_name, poverty_attribute, main_cause, other_causes, year_identified, year_exited,
         relocation_site_id, cadre_name, cadre_unit, cadre_phone_enc, demo)
       SELECT code, "villageCode", "headName", "povertyAttribute", "mainCause", "otherCauses", "yearIdentified", "yearExited",
         "relocationSiteId", "cadreName", "cadreUnit", "cadrePhoneEnc", true
       FROM jsonb_to_recordset($1::text::jsonb) AS x(code text, "villageCode" text, "headName" text, "povertyAttribute" text,
         "mainCause" text, "otherCauses" jsonb, "yearIdentified" int, "yearExited" int, "relocationSiteId" int, "cadreName" text,
         "cadreUnit" text, "cadrePhoneEnc" text)`,
      households.map(({ years: _y, measures: _m, members: _p, cadrePhone, ...h }) => ({ ...h, cadrePhoneEnc: cipher.encrypt(cadrePhone) })),
    );
    await insertBatches(
      tx,
      `INSERT INTO household_years (household_code, year, income_per_capita, income_wage, income_business, income_property,
         income_transfer, food_clothing, education, medical, housing, water)
       SELECT "householdCode", year, "incomePerCapita", "incomeWage", "incomeBusiness", "incomeProperty", "incomeTransfer",
         "foodClothing", education, medical, housing, water
       FROM jsonb_to_recordset($1::text::jsonb) AS x("householdCode" text, year int, "incomePerCapita" float8, "incomeWage" float8,
         "incomeBusiness" float8, "incomeProperty" float8, "incomeTransfer" float8, "foodClothing" boolean, education boolean,
         medical boolean, housing boolean, water boolean)`,
      households.flatMap((h) => h.years.map((y) => ({ ...y, householdCode: h.code }))),
    );
    await insertBatches(
      tx,
      `INSERT INTO household_measures (household_code, kind, year, amount)
       SELECT "householdCode", kind, year, amount FROM jsonb_to_recordset($1::text::jsonb) AS x("householdCode" text, kind text, year int, amount float8)`,
      households.flatMap((h) => h.measures.map((m) => ({ ...m, householdCode: h.code }))),
    );
    await insertBatches(
      tx,
      `INSERT INTO members (household_code, relation, name, sex, birth_year, id_number_enc, id_number_hash, phone_enc, health, schooling,
         labour_ability, demo)
       SELECT "householdCode", relation, name, sex, "birthYear", "idNumberEnc", "idNumberHash", "phoneEnc", health, schooling, "labourAbility", true
       FROM jsonb_to_recordset($1::text::jsonb) AS x("householdCode" text, relation text, name text, sex text, "birthYear" int,
         "idNumberEnc" text, "idNumberHash" text, "phoneEnc" text, health text, schooling text, "labourAbility" text)`,
      households.flatMap((h) =>
        h.members.map(({ idNumber, phone, ...m }) => ({
          ...m,
          householdCode: h.code,
          idNumberEnc: cipher.encrypt(idNumber),
          idNumberHash: cipher.idNumberHash(idNumber),
          phoneEnc: phone === null ? null : cipher.encrypt(phone),
        })),
      ),
    );
    const first = households[0];
    if (assistingUsername && first) {
      await tx.query(
        `UPDATE households SET assisting_user_id = (SELECT id FROM users WHERE username = $1)
         WHERE village_code = $2 AND cadre_name = $3`,
        [assistingUsername, first.villageCode, first.cadreName],
      );
    }
  });
  return households.length;
}
