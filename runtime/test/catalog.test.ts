import { readCatalog } from '../src/migrator/catalog';
import { openTestDatabase, testEngines } from './support/databases';

describe.each(testEngines())('live catalog on %s', (engine) => {
  let t: Awaited<ReturnType<typeof openTestDatabase>>;
  beforeAll(async () => {
    t = await openTestDatabase(engine);
    await t.db.knex.raw(`
      create table parent (id uuid primary key, code varchar(20) not null unique);
      create table child (id uuid primary key, parent_id uuid references parent(id) on delete cascade,
        amount numeric(18,2), tags text[], seen timestamptz default now());
      create index child_amount_idx on child (amount, seen);`);
  });
  afterAll(() => t.close());

  it('reads columns with their exact types, nullability and defaults', async () => {
    const child = (await readCatalog(t.db.knex)).get('child')!;
    expect([...child.columns.values()]).toEqual([
      { name: 'id', type: 'uuid', notNull: true, hasDefault: false },
      { name: 'parent_id', type: 'uuid', notNull: false, hasDefault: false },
      { name: 'amount', type: 'numeric(18,2)', notNull: false, hasDefault: false },
      { name: 'tags', type: 'text[]', notNull: false, hasDefault: false },
      { name: 'seen', type: 'timestamp with time zone', notNull: false, hasDefault: true },
    ]);
  });

  it('reads indexes in column order, unique constraints and foreign keys with their delete rule', async () => {
    const catalog = await readCatalog(t.db.knex);
    const child = catalog.get('child')!;
    expect(child.indexes.find((i) => i.name === 'child_amount_idx')).toEqual({ name: 'child_amount_idx', columns: ['amount', 'seen'], unique: false, primary: false, method: 'btree', expressions: null });
    expect(child.foreignKeys).toEqual([expect.objectContaining({ column: 'parent_id', table: 'parent', onDelete: 'cascade' })]);
    expect(catalog.get('parent')!.indexes.filter((i) => i.unique).map((i) => i.columns)).toEqual(expect.arrayContaining([['id'], ['code']]));
  });
});
