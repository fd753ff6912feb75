import { apply } from '../../src/migrator/apply';
import { readCatalog } from '../../src/migrator/catalog';
import { readHistory } from '../../src/migrator/history';
import { plan } from '../../src/migrator/plan';
import { openTestDatabase, testEngines } from '../support/databases';
import { appOf, columnsOf, entity, insert } from './support';

const account = entity('account', {
  name: { type: 'text', required: true, maxLength: 120 },
  revenue: { type: 'currency' },
  tags: { type: 'multiPicklist', options: ['a', 'b'] },
  parent: { type: 'lookup', target: 'account', onDelete: 'cascade' },
}, { unique: [['name']] });

describe.each(testEngines())('creating tables from an AppModel on %s', (engine) => {
  let t: Awaited<ReturnType<typeof openTestDatabase>>;
  beforeAll(async () => { t = await openTestDatabase(engine); });
  afterAll(() => t.close());

  it('plans create table, indexes and foreign keys, all safe, and writes nothing while planning', async () => {
    const p = await plan(t.db.knex, appOf(account));
    const kinds = p.steps.map((s) => s.kind);
    expect(kinds.filter((k) => k === 'createTable')).toHaveLength(3);
    expect(p.steps.find((s) => s.kind === 'createTable' && s.table === 'account')!.sql[0]!.sql)
      .toBe('create table "account" ("id" uuid default gen_random_uuid() not null primary key, "version" integer default 1 not null, '
        + '"created_at" timestamp with time zone default now() not null, "updated_at" timestamp with time zone default now() not null, '
        + '"created_by" uuid, "updated_by" uuid, "name" character varying(120) not null, "revenue" numeric(18,2), "tags" text[], "parent" uuid)');
    expect(p.steps.filter((s) => s.table === 'account').map((s) => s.kind)).toEqual(['createTable', 'addIndex', 'addIndex', 'addIndex', 'addUnique', 'addForeignKey', 'addForeignKey', 'addForeignKey']);
    expect(kinds.indexOf('addForeignKey')).toBeGreaterThan(kinds.lastIndexOf('createTable'));
    expect(p.steps.every((s) => s.safety === 'safe' && !s.blocked)).toBe(true);
    expect(p.appliedHash).toBeUndefined();
    expect((await readCatalog(t.db.knex)).size).toBe(0);
  });

  it('applies it: the tables work, foreign keys cascade, and a second plan is empty', async () => {
    const app = appOf(account);
    const result = await apply(t.db.knex, app);
    expect(result.status).toBe('applied');
    expect(await columnsOf(t.db.knex, 'account')).toMatchObject({ id: 'uuid not null', name: 'character varying(120) not null', tags: 'text[]' });
    const [top] = await insert(t.db.knex, 'account', [{ name: 'Top' }]);
    await insert(t.db.knex, 'account', [{ name: 'Child', parent: top, tags: ['a'] }]);
    await expect(insert(t.db.knex, 'account', [{ name: 'Top' }])).rejects.toThrow(/unique/);
    await t.db.knex('account').where({ id: top }).delete();
    expect(await t.db.knex('account').count({ n: '*' })).toEqual([{ n: '0' }]);
    const again = await plan(t.db.knex, app);
    expect(again.steps).toEqual([]);
    expect(again.appliedHash).toBe(app.hash);
    expect((await apply(t.db.knex, app)).status).toBe('unchanged');
  });

  it('stores the applied model, its hash and its plan in the history', async () => {
    const history = await readHistory(t.db.knex);
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ id: expect.any(Number), hash: appOf(account).hash, appliedAt: expect.any(Date) });
    expect(history[0]!.plan.map((s) => s.kind)).toContain('createTable');
    const [row] = await t.db.knex('tessera_metadata_history').select('model');
    expect(row.model.entities.account.fields.name.column).toBe('name');
  });

  it('records a changed model with no schema change as a new history entry', async () => {
    const relabelled = appOf({ ...account, label: { en: 'Customer' } });
    const p = await plan(t.db.knex, relabelled);
    expect(p.steps).toEqual([]);
    expect(p.appliedHash).not.toBe(relabelled.hash);
    expect((await apply(t.db.knex, relabelled)).status).toBe('applied');
    expect((await readHistory(t.db.knex)).map((h) => h.hash)).toEqual([appOf(account).hash, relabelled.hash]);
  });
});
