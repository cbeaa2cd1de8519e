// COPY FROM STDIN, the national load's way into PostgreSQL: whatever a name or a JSON value holds
// (tabs, newlines, backslashes, quotes, nulls) arrives as it was sent.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import type { Db } from '../server/db/client';
import { copyLine } from '../server/db/copy-text';
import { freshDb } from './helpers/app';

describe.skipIf(!inject('postgresUrl'))('COPY into PostgreSQL', () => {
  let db: Db;
  beforeAll(async () => {
    db = await freshDb('postgres');
  });
  afterAll(() => db?.close());

  it('loads rows with awkward text, nulls, numbers and JSON exactly, in one transaction', async () => {
    const rows = [
      { name: 'tab\there, newline\nthere, return\r, backslash \\ and \\N', n: 1, x: null, doc: { a: 'say "hi"\t\\', b: [1, null] }, ok: true },
      { name: '\\N', n: -2.5, x: 'x', doc: null, ok: false },
      { name: '城关村', n: 0, x: '', doc: { 名: '值' }, ok: true },
    ];
    await db.exec('CREATE TABLE copied (name text, n float8, x text, doc jsonb, ok boolean)');
    async function* lines() {
      for (const r of rows) yield copyLine([r.name, r.n, r.x, r.doc, r.ok]);
    }
    await db.write((tx) => tx.copyFrom!('copied', ['name', 'n', 'x', 'doc', 'ok'], lines()));
    expect(await db.query('SELECT name, n, x, doc, ok FROM copied')).toEqual(rows);
  });
});
