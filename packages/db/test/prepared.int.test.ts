import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createDb, PREPARED_MAX_PARAMETERS, type Db } from '../src/client.ts';
import { createTestDatabase, type TestDatabase } from '../src/testing.ts';

/**
 * Decision 041: drizzle's statements are prepared on their connection (planned once, then reused) instead of sent
 * unnamed and planned at every execution; bulk ones stay unnamed. One connection, so the session is the pool's.
 */
let tdb: TestDatabase;
let db: Db;
const prepared = (tx: Pick<Db, 'execute'>) => tx.execute(sql`select statement from pg_prepared_statements`).then((rows) => (rows as unknown as { statement: string }[]).map((r) => r.statement));

beforeAll(async () => {
  tdb = await createTestDatabase();
  db = createDb(tdb.appUrl, { max: 1 });
});
afterAll(async () => {
  await db?.close();
  await tdb?.drop();
});

describe('statements on a connection', () => {
  it('are prepared once and reused when they have parameters, in and out of transactions', async () => {
    for (let i = 0; i < 3; i++) expect(await db.execute(sql`select ${i}::int + 1 as n /* outside */`)).toEqual([{ n: i + 1 }]);
    await db.transaction(async (tx) => {
      for (let i = 0; i < 3; i++) await tx.execute(sql`select ${i}::int as n /* inside */`);
      await tx.transaction(async (sp) => void (await sp.execute(sql`select ${'x'}::text as s /* savepoint */`)));
    });
    const statements = await db.transaction((tx) => tx.execute(sql`select ${1}::int /* probe */`).then(() => prepared(tx)));
    // Each text once, however often it ran.
    for (const mark of ['outside', 'inside', 'savepoint', 'probe']) expect(statements.filter((s) => s.includes(`/* ${mark} */`))).toHaveLength(1);
  });

  it('stay unnamed when they carry more than PREPARED_MAX_PARAMETERS parameters', async () => {
    const many = Array.from({ length: PREPARED_MAX_PARAMETERS + 1 }, (_, i) => sql`${i}::int`);
    const rows = await db.execute(sql`select array[${sql.join(many, sql`, `)}] as a /* bulk */`);
    expect((rows[0] as { a: number[] }).a).toHaveLength(PREPARED_MAX_PARAMETERS + 1);
    expect((await prepared(db)).filter((s) => s.includes('/* bulk */'))).toEqual([]);
  });
});
