import { openTestDatabase, testEngines } from './support/databases';

describe.each(testEngines())('database connection on %s', (engine) => {
  let t: Awaited<ReturnType<typeof openTestDatabase>>;
  beforeAll(async () => {
    t = await openTestDatabase(engine);
  });
  afterAll(() => t.close());

  it('parses types as node-postgres does on both engines', async () => {
    const { rows } = await t.db.knex.raw(
      "select 1::int8 as big, 2.50::numeric(10,2) as num, '2024-02-29'::date as day, '{\"a\":1}'::jsonb as doc, array['x','y']::text[] as list, count(*) as n from (values (1)) v",
    );
    expect(rows[0]).toEqual({ big: '1', num: '2.50', day: '2024-02-29', doc: { a: 1 }, list: ['x', 'y'], n: '1' });
  });

  it('reads instants as ISO 8601 UTC text, in a UTC session, with no Date in between', async () => {
    const { rows } = await t.db.knex.raw(
      "select '2026-01-01 08:30:00.123456+08'::timestamptz as t, null::timestamptz as none, current_setting('TimeZone') as zone",
    );
    expect(rows[0]).toEqual({ t: '2026-01-01T00:30:00.123Z', none: null, zone: 'UTC' });
  });

  it('rolls a transaction back as a whole', async () => {
    await t.db.knex.schema.createTable('tx_probe', (table) => table.integer('n'));
    await expect(
      t.db.knex.transaction(async (trx) => {
        await trx('tx_probe').insert({ n: 1 });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    const { rows } = await t.db.knex.raw('select count(*)::int as c from tx_probe');
    expect(rows[0].c).toBe(0);
  });
});

// PGlite runs in one WASM thread and cannot interrupt a running statement, so the timeout is PostgreSQL's guarantee.
if (testEngines().includes('postgres')) describe('statement timeout on postgres', () => {
  it('cancels a statement that runs past the timeout with 57014', async () => {
    const { connect } = await import('../src/db/connect');
    const db = await connect({ url: process.env.TEST_DATABASE_URL! }, { statementTimeoutMs: 200 });
    try {
      await expect(db.knex.raw('select pg_sleep(2)')).rejects.toMatchObject({ code: '57014' });
      expect((await db.knex.raw('select 1 as ok')).rows[0].ok).toBe(1);
    } finally {
      await db.close();
    }
  });
});
