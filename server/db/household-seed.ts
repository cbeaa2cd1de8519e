// Seeds the demo households of a demo county that has none, under today's village figures, with
// ID numbers and phones encrypted before they reach the database.
import { generateDemoHouseholds, type HouseholdSite, type HouseholdVillage } from '../../data/build/households';
import type { PiiCipher } from '../pii/cipher';
import { countyHasHouseholds } from '../repo/households';
import { insertHouseholdMeasures, insertHouseholds, insertHouseholdYears, insertMembers } from '../repo/household-writes';
import type { Db } from './client';


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
    await insertHouseholds(tx, households.map(({ years: _y, measures: _m, members: _p, cadrePhone, ...h }) => ({ ...h, cadrePhoneEnc: cipher.encrypt(cadrePhone), demo: true })));
    await insertHouseholdYears(tx, households.flatMap((h) => h.years.map((y) => ({ ...y, householdCode: h.code }))));
    await insertHouseholdMeasures(tx, households.flatMap((h) => h.measures.map((m) => ({ ...m, householdCode: h.code }))));
    await insertMembers(
      tx,
      households.flatMap((h) =>
        h.members.map(({ idNumber, phone, ...m }) => ({
          ...m,
          householdCode: h.code,
          idNumberEnc: cipher.encrypt(idNumber),
          idNumberHash: cipher.idNumberHash(idNumber),
          phoneEnc: phone === null ? null : cipher.encrypt(phone),
          demo: true,
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
