import type { EntityDefinition } from '@tessera/metadata';
import { randomUUID } from 'node:crypto';
import { apply } from '../../src/migrator/apply';
import { readCatalog } from '../../src/migrator/catalog';
import { plan } from '../../src/migrator/plan';
import { openTestDatabase, testEngines } from '../support/databases';
import { appOf, columnsOf, entity, insert } from './support';

const customer = entity('customer', { name: { type: 'text' } });
const baseFields: EntityDefinition['fields'] = {
  customer: { type: 'lookup', target: 'customer' },
  ref: { type: 'text', maxLength: 20 },
  status: { type: 'picklist', options: ['new', 'paid'] },
  buyerRef: { type: 'text', maxLength: 36 },
};
// "order" is an SQL keyword: every identifier must be quoted.
const shop = (fields: EntityDefinition['fields'] = {}, extra: Partial<EntityDefinition> = {}) =>
  appOf(customer, entity('order', { ...baseFields, ...fields }, extra));
const kinds = async (knex: Parameters<typeof plan>[0], app: ReturnType<typeof shop>) => (await plan(knex, app)).steps.map((s) => s.kind);

describe.each(testEngines())('constraints checked against the data on %s', (engine) => {
  let t: Awaited<ReturnType<typeof openTestDatabase>>;
  let c: string[];
  beforeAll(async () => {
    t = await openTestDatabase(engine);
    expect((await apply(t.db.knex, shop())).status).toBe('applied');
    c = await insert(t.db.knex, 'customer', [{ name: 'Ann' }, { name: 'Bob' }]);
    await insert(t.db.knex, 'order', [
      { customer: c[0], ref: 'A', status: null, buyer_ref: c[0] },
      { customer: c[1], ref: 'A', status: 'new', buyer_ref: randomUUID() },
      { customer: null, ref: null, status: null, buyer_ref: null },
    ]);
  });
  afterAll(() => t.close());

  it('blocks NOT NULL while nulls remain, counting them with sample ids', async () => {
    const step = (await plan(t.db.knex, shop({ status: { type: 'picklist', options: ['new', 'paid'], required: true } }))).steps[0]!;
    expect(step).toMatchObject({ kind: 'setNotNull', safety: 'safe', impact: { rows: 2, blocking: 2 } });
    expect(step.impact.samples).toHaveLength(2);
    expect(step.blocked?.en).toBe('order.status is empty in 2 rows: fill them or give the field a default');
  });

  it('fills the nulls with the field default instead of blocking, then can drop NOT NULL again', async () => {
    const app = shop({ status: { type: 'picklist', options: ['new', 'paid'], required: true, default: 'new' } });
    const step = (await plan(t.db.knex, app)).steps[0]!;
    expect(step).toMatchObject({ kind: 'setNotNull', impact: { rows: 2 } });
    expect(step.blocked).toBeUndefined();
    expect(step.description.en).toBe('Require a value in order.status (not null), filling 2 empty values with "new"');
    expect((await apply(t.db.knex, app)).status).toBe('applied');
    expect(await t.db.knex('order').pluck('status')).toEqual(['new', 'new', 'new']);
    expect((await columnsOf(t.db.knex, 'order')).status).toBe('character varying(100) not null');
    expect(await kinds(t.db.knex, shop())).toEqual(['dropNotNull']);
    expect((await apply(t.db.knex, shop())).status).toBe('applied');
    expect((await columnsOf(t.db.knex, 'order')).status).toBe('character varying(100)');
  });

  it('blocks a unique constraint while duplicates exist, naming them', async () => {
    const app = shop({}, { unique: [['ref']] });
    const step = (await plan(t.db.knex, app)).steps[0]!;
    const duplicates = await t.db.knex('order').where({ ref: 'A' }).orderBy('id').pluck('id');
    expect(step).toMatchObject({ kind: 'addUnique', impact: { rows: 3, blocking: 2, samples: duplicates } });
    expect(step.blocked?.['zh-CN']).toBe('表 order 中有 2 行的（ref）值重复：请先消除重复');
    expect(await apply(t.db.knex, app)).toMatchObject({ status: 'refused', reason: 'blocked' });
    await t.db.knex('order').where({ id: duplicates[1] }).update({ ref: 'B' });
    expect((await apply(t.db.knex, app)).status).toBe('applied');
    await expect(insert(t.db.knex, 'order', [{ ref: 'A' }])).rejects.toThrow(/duplicate key/);
  });

  it('adds and drops indexes it manages', async () => {
    const indexed = shop({}, { unique: [['ref']], indexes: [{ fields: ['status', 'ref'] }] });
    expect(await kinds(t.db.knex, indexed)).toEqual(['addIndex']);
    expect((await apply(t.db.knex, indexed)).status).toBe('applied');
    const names = async () => (await readCatalog(t.db.knex)).get('order')!.indexes.map((i) => i.name);
    expect(await names()).toContain('order_status_ref_idx');
    const step = (await plan(t.db.knex, shop())).steps;
    expect(step.map((s) => [s.kind, s.safety])).toEqual([['dropIndex', 'safe'], ['dropIndex', 'safe']]);
    expect((await apply(t.db.knex, shop())).status).toBe('applied');
    expect(await names()).not.toContain('order_status_ref_idx');
  });

  it('blocks a foreign key while orphans exist, then links with the delete rule', async () => {
    const app = shop({ buyerRef: { type: 'lookup', target: 'customer', onDelete: 'cascade' } });
    const steps = (await plan(t.db.knex, app)).steps;
    expect(steps.map((s) => s.kind)).toEqual(['convertColumn', 'addIndex', 'addForeignKey']);
    expect(steps[2]).toMatchObject({ impact: { blocking: 1 }, blocked: { en: 'order.buyer_ref points at no customer record in 1 row: clear or fix them first' } });
    const orphan = steps[2]!.impact.samples![0]!;
    await t.db.knex('order').where({ id: orphan }).update({ buyer_ref: null });
    expect((await apply(t.db.knex, app, { allowDestructive: true })).status).toBe('applied');
    await t.db.knex('customer').where({ id: c[0] }).delete();
    expect(await t.db.knex('order').where({ buyer_ref: c[0] }).count({ n: '*' })).toEqual([{ n: '0' }]);
    expect(await t.db.knex('order').count({ n: '*' })).toEqual([{ n: '2' }]);
  });

  it('changes a delete rule by dropping and re-adding the foreign key', async () => {
    const app = shop({ buyerRef: { type: 'lookup', target: 'customer', onDelete: 'cascade' }, customer: { type: 'lookup', target: 'customer', onDelete: 'restrict' } });
    const steps = (await plan(t.db.knex, app)).steps;
    expect(steps.map((s) => [s.kind, s.safety])).toEqual([['dropForeignKey', 'safe'], ['addForeignKey', 'safe']]);
    expect(steps[1]!.description.en).toBe('Link order.customer to customer (foreign key order_customer_fkey; refuse deleting a referenced record)');
    expect((await apply(t.db.knex, app)).status).toBe('applied');
    await expect(t.db.knex('customer').where({ id: c[1] }).delete()).rejects.toThrow(/foreign key/);
    expect((await plan(t.db.knex, app)).steps).toEqual([]);
  });
});
