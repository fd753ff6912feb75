import type { EntityDefinition } from '@tessera/metadata';
import { apply } from '../../src/migrator/apply';
import { listArchives } from '../../src/migrator/archive';
import { alterTypeSql } from '../../src/migrator/conversion';
import { run } from '../../src/migrator/ddl';
import { plan } from '../../src/migrator/plan';
import type { Step } from '../../src/migrator/step';
import { openTestDatabase, testEngines } from '../support/databases';
import { appOf, columnsOf, entity, insert } from './support';

const fields: EntityDefinition['fields'] = {
  name: { type: 'text', maxLength: 50 },
  code: { type: 'text', maxLength: 20 },
  qty: { type: 'text', maxLength: 10 },
  price: { type: 'decimal', precision: 10, scale: 2 },
  note: { type: 'text' },
};
const product = (changes: EntityDefinition['fields'], without: string[] = []) =>
  appOf(entity('product', Object.fromEntries(Object.entries({ ...fields, ...changes }).filter(([name]) => !without.includes(name)))));
const only = (steps: readonly Step[], kind: Step['kind']) => {
  const found = steps.filter((s) => s.kind === kind);
  expect(found).toHaveLength(1);
  return found[0]!;
};

describe.each(testEngines())('column changes with rows in the table on %s', (engine) => {
  let t: Awaited<ReturnType<typeof openTestDatabase>>;
  let ids: string[];
  beforeAll(async () => {
    t = await openTestDatabase(engine);
    expect((await apply(t.db.knex, product({}))).status).toBe('applied');
    ids = await insert(t.db.knex, 'product', [
      { name: 'Pen', code: 'P1', qty: '10', price: '1.50', note: 'blue' },
      { name: 'Ink', code: 'ABCDEFG', qty: 'many', price: '12345.67', note: null },
      { name: 'Pad', code: 'P3', qty: ' 7 ', price: '3', note: 'A5' },
    ]);
  });
  afterAll(() => t.close());

  it('adds an optional column safely, counting the rows it lands in', async () => {
    const step = only((await plan(t.db.knex, product({ color: { type: 'text' } }))).steps, 'addColumn');
    expect(step).toMatchObject({ safety: 'safe', table: 'product', column: 'color', impact: { rows: 3 } });
    expect(step.blocked).toBeUndefined();
  });

  it('blocks a required column without a default, and fills one with a default', async () => {
    const blocked = only((await plan(t.db.knex, product({ sku: { type: 'text', required: true } }))).steps, 'addColumn');
    expect(blocked.blocked?.en).toMatch(/required but has no default, and the table has 3 rows/);
    expect(blocked.blocked?.['zh-CN']).toMatch(/必填/);
    expect((await apply(t.db.knex, product({ sku: { type: 'text', required: true } }))).status).toBe('refused');
    const app = product({ sku: { type: 'text', required: true, default: 'none' } });
    const filled = only((await plan(t.db.knex, app)).steps, 'addColumn');
    expect(filled.description.en).toBe('Add column product.sku (character varying(255), not null), filling 3 existing rows with "none"');
    expect(filled.sql[1]).toEqual({ sql: 'update "product" set "sku" = cast(? as character varying(255)) where "sku" is null', bindings: ['none'] });
    expect((await apply(t.db.knex, app)).status).toBe('applied');
    expect((await columnsOf(t.db.knex, 'product')).sku).toBe('character varying(255) not null');
    expect((await t.db.knex('product').pluck('sku'))).toEqual(['none', 'none', 'none']);
  });

  it('renames a column (renamedFrom) and keeps its values', async () => {
    const app = product({ sku: { type: 'text', required: true, default: 'none' }, remark: { type: 'text', renamedFrom: 'note' } }, ['note']);
    const steps = (await plan(t.db.knex, app)).steps;
    expect(steps.map((s) => s.kind)).toEqual(['renameColumn']);
    expect(steps[0]).toMatchObject({ safety: 'safe', column: 'remark', impact: { rows: 2 } });
    expect((await apply(t.db.knex, app)).status).toBe('applied');
    expect(await t.db.knex('product').orderBy('name').pluck('remark')).toEqual([null, 'A5', 'blue']);
    expect((await plan(t.db.knex, app)).steps).toEqual([]);
  });

  const current = (changes: EntityDefinition['fields']) =>
    product({ sku: { type: 'text', required: true, default: 'none' }, remark: { type: 'text', renamedFrom: 'note' }, ...changes }, ['note']);

  it('widens a column safely', async () => {
    const app = current({ name: { type: 'text', maxLength: 200 }, price: { type: 'decimal', precision: 14, scale: 3 } });
    const steps = (await plan(t.db.knex, app)).steps;
    expect(steps.map((s) => [s.kind, s.safety, s.column])).toEqual([['widenColumn', 'safe', 'name'], ['widenColumn', 'safe', 'price']]);
    expect(steps[0]!.description.en).toBe('Widen product.name from character varying(50) to character varying(200) (3 values)');
    expect((await apply(t.db.knex, app)).status).toBe('applied');
    expect(await columnsOf(t.db.knex, 'product')).toMatchObject({ name: 'character varying(200)', price: 'numeric(14,3)' });
  });

  it('narrows only after checking the data: overlong values block it, with sample ids', async () => {
    const app = current({ name: { type: 'text', maxLength: 200 }, price: { type: 'decimal', precision: 14, scale: 3 }, code: { type: 'text', maxLength: 5 } });
    const step = only((await plan(t.db.knex, app)).steps, 'narrowColumn');
    expect(step).toMatchObject({ safety: 'destructive', archive: 'column', impact: { rows: 3, blocking: 1, samples: [ids[1]] } });
    expect(step.blocked?.en).toBe('1 of 3 values of product.code cannot convert to character varying(5): fix them first');
    expect((await apply(t.db.knex, app, { allowDestructive: true })).status).toBe('refused');
    await t.db.knex('product').where({ id: ids[1] }).update({ code: 'ABCDE' });
    const fixed = only((await plan(t.db.knex, app)).steps, 'narrowColumn');
    expect(fixed.blocked).toBeUndefined();
    expect(await apply(t.db.knex, app)).toMatchObject({ status: 'refused', reason: 'destructive' });
    expect((await columnsOf(t.db.knex, 'product')).code).toBe('character varying(20)');
    expect((await apply(t.db.knex, app, { allowDestructive: true })).status).toBe('applied');
    expect((await columnsOf(t.db.knex, 'product')).code).toBe('character varying(5)');
    expect((await listArchives(t.db.knex))[0]).toMatchObject({ sourceTable: 'product', sourceColumn: 'code', stepKind: 'narrowColumn', rows: 3 });
  });

  it('never cuts text quietly: the narrowing statement itself refuses overlong values', async () => {
    await expect(run(t.db.knex, alterTypeSql('product', 'name', 'character varying(200)', 'character varying(2)'))).rejects.toThrow(/too long/);
  });

  it('narrows numbers: values too large block, and the check uses the real conversion', async () => {
    const app = current({ name: { type: 'text', maxLength: 200 }, code: { type: 'text', maxLength: 5 }, price: { type: 'decimal', precision: 6, scale: 2 } });
    const step = only((await plan(t.db.knex, app)).steps, 'narrowColumn');
    expect(step.impact).toEqual({ rows: 3, blocking: 1, samples: [ids[1]] });
  });

  it('converts a column to another type: values that do not convert block it, the rest convert', async () => {
    const app = current({ name: { type: 'text', maxLength: 200 }, price: { type: 'decimal', precision: 14, scale: 3 }, code: { type: 'text', maxLength: 5 }, qty: { type: 'integer' } });
    const step = only((await plan(t.db.knex, app)).steps, 'convertColumn');
    expect(step).toMatchObject({ safety: 'destructive', impact: { rows: 3, blocking: 1, samples: [ids[1]] } });
    expect(step.sql[0]!.sql).toBe('alter table "product" alter column "qty" type integer using "qty"::integer');
    expect(step.blocked?.['zh-CN']).toBe('product.qty 的 3 个值中有 1 个无法转换为 integer：请先修正这些数据');
    await t.db.knex('product').where({ id: ids[1] }).update({ qty: '1000' });
    expect((await apply(t.db.knex, app, { allowDestructive: true })).status).toBe('applied');
    expect(await t.db.knex('product').orderBy('name').pluck('qty')).toEqual([1000, 7, 10]);
    expect((await plan(t.db.knex, app)).steps).toEqual([]);
  });
});
