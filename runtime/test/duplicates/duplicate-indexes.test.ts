import type { EntityDefinition } from '@tessera/metadata';
import { run } from '../../src/db/statement';
import { findDuplicates, lookupStatement } from '../../src/duplicates/find-duplicates';
import { apply } from '../../src/migrator/apply';
import { readCatalog } from '../../src/migrator/catalog';
import { plan } from '../../src/migrator/plan';
import { appOf, entity, insert } from '../migrator/support';
import { openTestDatabase, testEngines } from '../support/databases';

type Rules = EntityDefinition['duplicateRules'];
const FIELDS: EntityDefinition['fields'] = { name: { type: 'text' }, city: { type: 'text', maxLength: 40 }, phone: { type: 'phone' }, size: { type: 'integer' } };
const company = (duplicateRules: Rules, fields = FIELDS) => appOf(entity('company', fields, { duplicateRules }));
const RULES: Rules = [
  { name: 'same_name', fields: [{ field: 'name', match: 'normalized' }, { field: 'city', match: 'exact' }], action: 'warn' },
  { name: 'same_phone', fields: [{ field: 'phone', match: 'normalized' }], action: 'block' },
  { name: 'same_size', fields: [{ field: 'size', match: 'exact' }, { field: 'city', match: 'exact' }], action: 'warn' },
];

describe.each(testEngines())('duplicate rule indexes on %s', (engine) => {
  let t: Awaited<ReturnType<typeof openTestDatabase>>;
  beforeAll(async () => {
    t = await openTestDatabase(engine);
  });
  afterAll(() => t.close());

  const dupIndexes = async () => (await readCatalog(t.db.knex)).get('company')!.indexes.filter((i) => i.name.endsWith('_dup'));

  it('creates a btree index per rule over its match keys and values, and plans nothing more', async () => {
    expect((await apply(t.db.knex, company(RULES))).status).toBe('applied');
    const indexes = await dupIndexes();
    expect(indexes.map((i) => [i.name, i.method, [...i.columns].sort()]).sort()).toEqual([
      ['company_same_name_dup', 'btree', ['city', 'name']],
      ['company_same_phone_dup', 'btree', ['phone']],
      ['company_same_size_dup', 'btree', ['city', 'size']],
    ]);
    expect(indexes.find((i) => i.name === 'company_same_name_dup')!.expressions).toContain('tessera_match_text(');
    expect(indexes.find((i) => i.name === 'company_same_size_dup')!.expressions).toBeNull();
    expect((await plan(t.db.knex, company(RULES))).steps).toEqual([]);
  });

  it('looks a batch up through the index (one statement a rule)', async () => {
    await insert(t.db.knex, 'company', Array.from({ length: 3000 }, (_v, i) => ({ name: `Company ${i}`, city: i % 2 ? '上海' : '北京', phone: `138${String(i).padStart(8, '0')}`, size: i })));
    await t.db.knex.raw('analyze company');
    const app = company(RULES);
    const statements = t.db.stats.statements;
    const found = await findDuplicates(t.db.knex, app, app.entities.company!, [
      { name: 'ＣＯＭＰＡＮＹ　7', city: '上海', phone: '+86 138 0000 0007' },
      { name: 'company 8', city: '上海' },
      { name: 'Company 9', city: '上海', size: 9 },
    ]);
    expect(t.db.stats.statements - statements).toBe(3);
    expect(found.map((m) => m.map((d) => [d.rule, d.action, d.fields, d.ids.length]))).toEqual([
      [['same_name', 'warn', ['name', 'city'], 1], ['same_phone', 'block', ['phone'], 1]],
      [],
      [['same_name', 'warn', ['name', 'city'], 1], ['same_size', 'warn', ['size', 'city'], 1]],
    ]);
    // The lookup statement itself, as the planner runs it: an index scan per batch row.
    const entity = app.entities.company!;
    const explain = async (rule: number, values: unknown[]) =>
      (await run(t.db.knex, { text: `explain ${lookupStatement(app, entity, entity.duplicateRules[rule]!).text}` }, values)).map((r) => r['QUERY PLAN']).join('\n');
    expect(await explain(0, [['company 7'], ['上海'], [null]])).toContain('company_same_name_dup');
    expect(await explain(1, [['13800000007'], [null]])).toContain('company_same_phone_dup');
  });

  it('drops the index of a rule removed, and rebuilds one whose field was renamed', async () => {
    const fewer = RULES!.filter((r) => r.name !== 'same_phone');
    expect((await plan(t.db.knex, company(fewer))).steps.map((s) => [s.kind, s.description.en])).toEqual([['dropIndex', 'Drop index company_same_phone_dup on company']]);
    expect((await apply(t.db.knex, company(fewer))).status).toBe('applied');
    expect((await dupIndexes()).map((i) => i.name).sort()).toEqual(['company_same_name_dup', 'company_same_size_dup']);
    const renamed = company([{ name: 'same_name', fields: [{ field: 'title', match: 'normalized' }, { field: 'city', match: 'exact' }], action: 'warn' }],
      { title: { type: 'text', renamedFrom: 'name' }, city: FIELDS.city!, phone: FIELDS.phone!, size: FIELDS.size! });
    expect((await apply(t.db.knex, renamed)).status).toBe('applied');
    expect((await dupIndexes()).map((i) => [i.name, [...i.columns].sort()])).toEqual([['company_same_name_dup', ['city', 'title']]]);
    expect((await plan(t.db.knex, renamed)).steps).toEqual([]);
  });
});
