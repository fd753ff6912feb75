import { apply } from '../../src/migrator/apply';
import { readCatalog } from '../../src/migrator/catalog';
import { plan } from '../../src/migrator/plan';
import { openTestDatabase, testEngines } from '../support/databases';
import { appOf, entity, insert } from './support';

const account = (searchable: boolean, extra: Record<string, unknown> = {}) => appOf(entity('account', {
  name: { type: 'text', searchable, ...extra },
  email: { type: 'email', searchable: true },
  size: { type: 'integer' },
}));

describe.each(testEngines())('search indexes on %s', (engine) => {
  let t: Awaited<ReturnType<typeof openTestDatabase>>;
  beforeAll(async () => {
    t = await openTestDatabase(engine);
  });
  afterAll(() => t.close());

  const searchIndexes = async () => (await readCatalog(t.db.knex)).get('account')!.indexes.filter((i) => i.name.endsWith('_search'));
  const terms = async (text: string) => (await t.db.knex.raw('select tessera_search_vector(?)::text as v', [text])).rows[0].v as string;

  it('creates a GIN index over the search terms of each searchable text field, and plans nothing more', async () => {
    expect((await apply(t.db.knex, account(true))).status).toBe('applied');
    const indexes = await searchIndexes();
    expect(indexes.map((i) => [i.name, i.method, i.columns]).sort()).toEqual([
      ['account_email_search', 'gin', ['email']], ['account_name_search', 'gin', ['name']],
    ]);
    expect(indexes.every((i) => i.expressions?.startsWith('tessera_search_vector('))).toBe(true);
    expect((await plan(t.db.knex, account(true))).steps).toEqual([]);
  });

  it('splits Latin text into lower-cased words and CJK runs into characters and pairs', async () => {
    expect(await terms('四川糖酒 Acme-Café bob@acme.com')).toBe("'acme' 'bob' 'café' 'com' '四川' '川糖' '糖酒' '酒'");
    expect(await terms('')).toBe('');
  });

  it('finds rows through the index by a Chinese pair and a Latin prefix', async () => {
    await insert(t.db.knex, 'account', [{ name: '四川糖酒集团', email: 'sales@acme.com' }, { name: 'Globex', email: 'x@globex.cn' }]);
    const find = async (query: string) => (await t.db.knex.raw(
      `select name from account where tessera_search_vector(name) @@ ?::tsquery or tessera_search_vector(email) @@ ?::tsquery order by name`, [query, query])).rows.map((r: { name: string }) => r.name);
    expect(await find("'糖酒'")).toEqual(['四川糖酒集团']);
    expect(await find("'acm':*")).toEqual(['四川糖酒集团']);
    expect(await find("'glob':*")).toEqual(['Globex']);
    expect(await find("'酒糖'")).toEqual([]);
  });

  it('drops the index of a field no longer searchable, and rebuilds it for a renamed field', async () => {
    const dropped = await plan(t.db.knex, account(false));
    expect(dropped.steps.map((s) => [s.kind, s.description.en])).toEqual([['dropIndex', 'Drop index account_name_search on account']]);
    expect((await apply(t.db.knex, account(false))).status).toBe('applied');
    expect((await searchIndexes()).map((i) => i.name)).toEqual(['account_email_search']);
    const renamed = appOf(entity('account', {
      title: { type: 'text', searchable: true, renamedFrom: 'name' }, email: { type: 'email', searchable: true }, size: { type: 'integer' },
    }));
    expect((await apply(t.db.knex, renamed)).status).toBe('applied');
    expect((await searchIndexes()).map((i) => i.name).sort()).toEqual(['account_email_search', 'account_title_search']);
    expect((await plan(t.db.knex, renamed)).steps).toEqual([]);
  });
});
