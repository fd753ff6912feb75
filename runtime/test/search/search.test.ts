import { createAppModel, SEARCH_LEXEME_CASES, searchTermsOf } from '@tessera/core';
import type { EntityDefinition, RoleDefinition } from '@tessera/metadata';
import type { Express } from 'express';
import request from 'supertest';
import { openHttpFixture, type HttpFixture } from '../http/support';
import { testEngines } from '../support/databases';
import { buildSearchSql, entitySearch } from '../../src/search/search-sql';

/** GET /api/search: ranked hits across entities, over the rows and searchable fields the caller may read. */
const entities: EntityDefinition[] = [
  {
    name: 'account', label: { en: 'Account' }, titleField: 'name',
    fields: {
      name: { type: 'text', required: true, searchable: true }, email: { type: 'email', searchable: true },
      secret: { type: 'text', searchable: true }, size: { type: 'integer' },
    },
  },
  {
    name: 'contact', label: { en: 'Contact' }, titleField: 'name',
    fields: { name: { type: 'text', searchable: true }, email: { type: 'email', searchable: true }, phone: { type: 'phone', searchable: true } },
  },
  { name: 'lead', label: { en: 'Lead' }, titleField: 'name', fields: { name: { type: 'text', searchable: true }, company: { type: 'text', searchable: true } } },
  { name: 'ticket', label: { en: 'Ticket' }, titleField: 'subject', fields: { subject: { type: 'text', searchable: true }, body: { type: 'longText', searchable: true } } },
];
const roles: RoleDefinition[] = [{
  name: 'sales_rep', label: { en: 'Sales rep' },
  permissions: [
    { action: ['read', 'create', 'update', 'delete'], subject: 'account', where: { ownerId: '$user.id' }, fields: { deny: ['secret'] } },
    { action: ['read', 'create'], subject: 'contact', where: { ownerId: '$user.id' } },
    { action: 'read', subject: 'ticket', fields: { deny: ['subject'] } },
  ],
}];
const app = createAppModel({ name: 'search', entities: entities.map((definition) => ({ definition, origin: 'test' })), roles });
const PASSWORD = 'pa55-word!';

type Who = 'admin' | 'rep';
// [who creates it, entity, body]; the rep's rows are theirs, the admin's are outside the rep's row rule.
const RECORDS: Array<[Who, string, Record<string, unknown>]> = [
  ['rep', 'account', { name: '四川糖酒集团', email: 'info@sctj.cn' }],
  ['rep', 'account', { name: '上海糖酒公司', email: 'sh@tangjiu.cn' }],
  ['rep', 'account', { name: '糖酒 公司 北京' }],
  ['rep', 'account', { name: '酒糖' }],
  ['rep', 'account', { name: 'Acme', email: 'hello@acme.com' }],
  ['rep', 'account', { name: 'Acme Trading 1234' }],
  ['rep', 'account', { name: 'Big Acme Holdings' }],
  ['rep', 'account', { name: 'ACMEcorp' }],
  ['rep', 'account', { name: 'Globex', email: 'ops@acme.io' }],
  ['admin', 'account', { name: 'Acme Admin Only' }],
  ['admin', 'account', { name: 'Shared Acme Partner' }],
  ['rep', 'contact', { name: '张三', email: 'zhang@acme.com', phone: '+86 138 0000 0000' }],
  ['rep', 'contact', { name: 'Wile E. Coyote', email: 'wile@acme.com' }],
  ['admin', 'lead', { name: 'Acme lead', company: '糖酒' }],
  ['admin', 'ticket', { subject: 'Printer jam', body: 'The printer on floor 3 jams' }],
];

interface Hit { entity: string; id: string; title: string | null; score: number; highlights: Array<{ field: string; text: string; ranges: number[][] }> }

describe.each(testEngines())('global search on %s', (engine) => {
  let f: HttpFixture;
  let server: Express;
  const tokens: Record<string, string> = {};
  const ids: Record<string, string> = {};
  const as = (who: Who) => ({ Authorization: `Bearer ${tokens[who]!}` });
  const find = (who: Who, query: Record<string, string>) => request(server).get('/api/search').query(query).set(as(who));
  const hits = async (who: Who, query: Record<string, string>): Promise<Hit[]> => (await find(who, query).expect(200)).body.data;
  const titles = async (who: Who, query: Record<string, string>) => (await hits(who, query)).map((h) => h.title);
  const sorted = async (who: Who, query: Record<string, string>) => (await titles(who, query)).sort();

  beforeAll(async () => {
    f = await openHttpFixture(engine, app);
    server = f.server();
    await f.addUser({ email: 'admin@example.com', password: PASSWORD, roles: ['admin'] });
    ids.rep = await f.addUser({ email: 'rep@example.com', password: PASSWORD, roles: ['sales_rep'] });
    for (const who of ['admin', 'rep'] as const) {
      tokens[who] = (await request(server).post('/api/auth/login').send({ email: `${who}@example.com`, password: PASSWORD }).expect(200)).body.token;
    }
    for (const [who, entity, body] of RECORDS) {
      ids[(body.name ?? body.subject) as string] = (await request(server).post(`/api/records/${entity}`).set(as(who)).send(body).expect(201)).body.id;
    }
    // The rep may not write the field hidden from them: the admin does.
    const sichuan = ids['四川糖酒集团']!;
    await request(server).patch(`/api/records/account/${sichuan}`).set(as('admin')).set('If-Match', `"${sichuan}:1"`).send({ secret: 'zebra' }).expect(200);
    await request(server).post(`/api/records/account/${ids['Shared Acme Partner']}/shares`).set(as('admin')).send({ user: ids.rep, access: 'read' }).expect(201);
  });
  afterAll(() => f.t.close());

  it('indexes every text as core\'s tokenizer does (the SQL side of search-cases.ts)', async () => {
    for (const { text, lexemes } of SEARCH_LEXEME_CASES) {
      const row = (await f.t.db.knex.raw('select tsvector_to_array(tessera_search_vector(?)) as lexemes', [text])).rows[0];
      expect([text, row.lexemes]).toEqual([text, lexemes]);
    }
  });

  it('finds Chinese by a character, a pair, and a longer run only where it stands whole', async () => {
    expect(await sorted('admin', { q: '糖' })).toEqual(['Acme lead', '上海糖酒公司', '四川糖酒集团', '糖酒 公司 北京', '酒糖']);
    expect(await sorted('admin', { q: '糖酒' })).toEqual(['Acme lead', '上海糖酒公司', '四川糖酒集团', '糖酒 公司 北京']);
    expect(await titles('admin', { q: '糖酒公司' })).toEqual(['上海糖酒公司']);
    expect(await titles('admin', { q: '四川糖酒集团' })).toEqual(['四川糖酒集团']);
    expect(await titles('admin', { q: '酒糖' })).toEqual(['酒糖']);
    expect(await titles('admin', { q: '糖酒集团公司' })).toEqual([]);
  });

  it('finds Latin words by prefix whatever the case, not by the middle of a word', async () => {
    const acme = ['ACMEcorp', 'Acme', 'Acme Admin Only', 'Acme Trading 1234', 'Acme lead', 'Big Acme Holdings', 'Globex', 'Shared Acme Partner', 'Wile E. Coyote', '张三'];
    expect(await sorted('admin', { q: 'acme' })).toEqual(acme);
    expect(await sorted('admin', { q: 'ACM' })).toEqual(acme);
    expect(await sorted('admin', { q: 'Acme!' })).toEqual(acme);
    expect(await titles('admin', { q: 'cme' })).toEqual([]);
    expect(await titles('admin', { q: 'trading 1234' })).toEqual(['Acme Trading 1234']);
    expect(await titles('admin', { q: '138' })).toEqual(['张三']);
  });

  it('needs every term, each in any searchable field', async () => {
    expect(await titles('admin', { q: '张三 acme' })).toEqual(['张三']);
    expect(await titles('admin', { q: 'coyote wile@acme.com' })).toEqual(['Wile E. Coyote']);
    expect(await titles('admin', { q: '张三 globex' })).toEqual([]);
  });

  it('ranks the exact title first, then titles starting with the term (shorter first), then those containing it, then other fields', async () => {
    const ranked = await hits('admin', { q: 'acme', entities: 'account' });
    expect(ranked.map((h) => h.title)).toEqual(['Acme', 'ACMEcorp', 'Acme Admin Only', 'Acme Trading 1234', 'Big Acme Holdings', 'Shared Acme Partner', 'Globex']);
    expect(ranked.map((h) => h.score)).toEqual([10.067, 6.222, 6.125, 6.111, 4.111, 4.1, 2.083]);
    expect((await hits('admin', { q: 'acme', limit: '2' })).map((h) => h.title)).toEqual(['Acme', 'ACMEcorp']);
  });

  it('answers each hit with its entity, id, title and highlights', async () => {
    const [hit] = await hits('admin', { q: 'acme 糖酒' });
    expect(hit).toEqual({
      entity: 'lead', id: ids['Acme lead'], title: 'Acme lead', score: expect.any(Number),
      highlights: [{ field: 'name', text: 'Acme lead', ranges: [[0, 4]] }, { field: 'company', text: '糖酒', ranges: [[0, 2]] }],
    });
    const [account] = await hits('admin', { q: '集团 sctj', entities: 'account' });
    expect(account!.highlights).toEqual([
      { field: 'name', text: '四川糖酒集团', ranges: [[4, 6]] }, { field: 'email', text: 'info@sctj.cn', ranges: [[5, 9]] },
    ]);
  });

  it('searches the entities named, and every entity the caller may search without them', async () => {
    expect(new Set((await hits('admin', { q: 'acme', entities: 'contact,lead' })).map((h) => h.entity))).toEqual(new Set(['contact', 'lead']));
    expect(new Set((await hits('admin', { q: 'acme' })).map((h) => h.entity))).toEqual(new Set(['account', 'contact', 'lead']));
  });

  it('shows the caller only the rows they may read, shared ones included, as their list does', async () => {
    const found = await hits('rep', { q: 'acme', entities: 'account' });
    expect(found.map((h) => h.title).sort()).toEqual(['ACMEcorp', 'Acme', 'Acme Trading 1234', 'Big Acme Holdings', 'Globex', 'Shared Acme Partner']);
    const listed = (await request(server).get('/api/records/account').query({ limit: '500' }).set(as('rep')).expect(200)).body.data.map((r: { id: string }) => r.id);
    for (const hit of found) expect(listed).toContain(hit.id);
  });

  it('neither matches nor highlights a field the caller may not read', async () => {
    expect(await titles('admin', { q: 'zebra' })).toEqual(['四川糖酒集团']);
    expect(await titles('rep', { q: 'zebra' })).toEqual([]);
    expect(await titles('rep', { q: '四川 zebra' })).toEqual([]);
    expect((await hits('rep', { q: '四川' }))[0]!.highlights.map((h) => h.field)).toEqual(['name']);
  });

  it('answers no title when the caller may not read the title field', async () => {
    expect(await hits('rep', { q: 'printer' })).toEqual([{
      entity: 'ticket', id: ids['Printer jam'], title: null, score: expect.any(Number),
      highlights: [{ field: 'body', text: 'The printer on floor 3 jams', ranges: [[4, 11]] }],
    }]);
    expect((await hits('admin', { q: 'printer' }))[0]!.title).toBe('Printer jam');
  });

  it('leaves out quietly an entity the caller may not read, and refuses it when named', async () => {
    expect((await hits('rep', { q: 'acme' })).map((h) => h.entity)).not.toContain('lead');
    const named = await find('rep', { q: 'acme', entities: 'account,lead' }).expect(400);
    expect(named.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(named.body.errors).toEqual([expect.objectContaining({ path: '/query/entities', code: 'query.value' })]);
    expect(named.body.errors[0].message).toContain('account, contact');
    await find('admin', { q: 'acme', entities: 'nothing' }).expect(400);
    await find('admin', { q: 'acme', entities: 'user' }).expect(400);
  });

  it('answers 400 problems for a blank, empty, too long or too wordy text and bad parameters', async () => {
    for (const query of [{}, { q: '' }, { q: '   ' }, { q: '%_\\*' }, { q: 'x'.repeat(201) }, { q: 'a b c d e f g h i' }, { q: 'a', limit: '0' }, { q: 'a', limit: '1000' }, { q: 'a', sort: 'name' }]) {
      const res = await find('admin', query).expect(400);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body.errors.length).toBeGreaterThan(0);
    }
    await request(server).get('/api/search?q=a&q=b').set(as('admin')).expect(400);
    await request(server).get('/api/search').query({ q: 'acme' }).expect(401);
  });

  it('finds a record as soon as it is created, by its new value once updated, and no more once deleted', async () => {
    const { id } = (await request(server).post('/api/records/account').set(as('rep')).send({ name: 'Initech 糖果' }).expect(201)).body;
    expect(await titles('rep', { q: '糖果' })).toEqual(['Initech 糖果']);
    await request(server).patch(`/api/records/account/${id}`).set(as('rep')).set('If-Match', `"${id}:1"`).send({ name: 'Initrode' }).expect(200);
    expect(await titles('rep', { q: '糖果' })).toEqual([]);
    expect(await titles('rep', { q: 'initrode' })).toEqual(['Initrode']);
    await request(server).delete(`/api/records/account/${id}`).set(as('rep')).set('If-Match', `"${id}:2"`).expect(204);
    expect(await titles('rep', { q: 'initrode' })).toEqual([]);
  });

  it('matches through the search indexes', async () => {
    const search = entitySearch(app.entities.account!);
    const built = buildSearchSql(app, search, searchTermsOf('acme 糖酒公司'), { values: {}, limit: 20 });
    const plan = async () => JSON.stringify((await f.t.db.knex.raw(`explain (format json) ${built.sql}`, built.bindings as unknown[])).rows[0]);
    await f.t.db.knex.transaction(async (trx) => {
      // A handful of rows: the planner would scan them all; forbidding that shows the match expression is the index's.
      await trx.raw('set local enable_seqscan = off');
      const text = JSON.stringify((await trx.raw(`explain (format json) ${built.sql}`, built.bindings as unknown[])).rows[0]);
      for (const index of ['account_name_search', 'account_email_search', 'account_secret_search']) expect(text).toContain(index);
    });
    if (engine !== 'postgres') return;
    // Enough rows that PostgreSQL picks the indexes of its own accord.
    await f.t.db.knex.raw(`insert into account (id, name, email, owner_id, created_at, updated_at, version)
      select gen_random_uuid(), 'Filler ' || n || ' 杂货', 'filler' || n || '@example.com', owner_id, now(), now(), 1
      from generate_series(1, 20000) n, (select owner_id from account limit 1) o`);
    await f.t.db.knex.raw('analyze account');
    expect(await plan()).toContain('account_name_search');
  });
});
