import { apply } from '../../src/migrator/apply';
import { readCatalog } from '../../src/migrator/catalog';
import { readHistory } from '../../src/migrator/history';
import { openTestDatabase, testEngines } from '../support/databases';
import { appOf, entity, insert } from './support';

const v1 = appOf(entity('item', { code: { type: 'text', maxLength: 10 }, flag: { type: 'boolean' } }));
const v2 = appOf(
  entity('item', { code: { type: 'integer' }, flag: { type: 'boolean', required: true, default: false } }),
  entity('extra', { name: { type: 'text' } }),
);
const snapshot = async (knex: Parameters<typeof readCatalog>[0]) => JSON.stringify([...(await readCatalog(knex)).values()].map((t) => [t.name, [...t.columns.values()], t.indexes, t.foreignKeys]));

describe.each(testEngines())('applying on %s', (engine) => {
  let t: Awaited<ReturnType<typeof openTestDatabase>>;
  beforeAll(async () => {
    t = await openTestDatabase(engine);
    expect((await apply(t.db.knex, v1)).status).toBe('applied');
    await insert(t.db.knex, 'item', [{ code: '1', flag: null }, { code: '2', flag: true }]);
  });
  afterAll(() => t.close());

  it('rolls everything back when a statement fails midway: tables, conversions, archives and history', async () => {
    await t.db.knex.raw(`create function boom() returns trigger language plpgsql as $$ begin raise exception 'boom'; end $$;
      create trigger boom before update on item for each row execute function boom()`);
    const before = await snapshot(t.db.knex);
    await expect(apply(t.db.knex, v2, { allowDestructive: true })).rejects.toThrow(/boom/);
    expect(await snapshot(t.db.knex)).toBe(before);
    expect(await t.db.knex('tessera_archives').count({ n: '*' })).toEqual([{ n: '0' }]);
    expect(await readHistory(t.db.knex)).toHaveLength(1);
    expect(await t.db.knex('item').orderBy('code').pluck('code')).toEqual(['1', '2']);
    await t.db.knex.raw('drop trigger boom on item');
    const applied = await apply(t.db.knex, v2, { allowDestructive: true });
    expect(applied.status === 'applied' && applied.plan.steps.map((s) => s.kind)).toEqual(['createTable', 'convertColumn', 'setNotNull', 'addIndex', 'addIndex', 'addForeignKey', 'addForeignKey']);
    expect(await t.db.knex('item').orderBy('code').select('code', 'flag')).toEqual([{ code: 1, flag: false }, { code: 2, flag: true }]);
  });

  it('migrates once when several applies start together', async () => {
    const v3 = appOf(
      entity('item', { code: { type: 'integer' }, flag: { type: 'boolean', required: true, default: false }, size: { type: 'integer' } }),
      entity('extra', { name: { type: 'text' } }),
    );
    const results = await Promise.all([apply(t.db.knex, v3), apply(t.db.knex, v3), apply(t.db.knex, v3)]);
    expect(results.map((r) => r.status).sort()).toEqual(['applied', 'unchanged', 'unchanged']);
    expect((await readHistory(t.db.knex)).map((h) => h.hash)).toEqual([v1.hash, v2.hash, v3.hash]);
  });
});

// Two sessions contending for the lock need a server: PGlite is a single session.
if (testEngines().includes('postgres')) describe('the migration lock on postgres', () => {
  it('waits for another holder of the advisory lock before planning', async () => {
    const t = await openTestDatabase('postgres');
    try {
      const holder = await t.db.knex.client.acquireConnection();
      await t.db.knex.raw(`select pg_advisory_lock(hashtext('tessera.migrate:' || current_schema()))`).connection(holder);
      let done = false;
      const applying = apply(t.db.knex, v1).then((r) => { done = true; return r; });
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(done).toBe(false);
      await t.db.knex.raw(`select pg_advisory_unlock(hashtext('tessera.migrate:' || current_schema()))`).connection(holder);
      await t.db.knex.client.releaseConnection(holder);
      expect((await applying).status).toBe('applied');
    } finally {
      await t.close();
    }
  });
});
