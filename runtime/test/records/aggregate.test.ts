import { createAppModel } from '@tessera/core';
import type { EntityDefinition, RoleDefinition } from '@tessera/metadata';
import type { Express } from 'express';
import request from 'supertest';
import { openHttpFixture, type HttpFixture } from '../http/support';
import { testEngines } from '../support/databases';

/** GET /api/records/:entity/aggregate groups and measures only the rows and fields the caller may read. */
const account: EntityDefinition = { name: 'account', label: { en: 'Account' }, ownership: 'none', fields: { name: { type: 'text' } } };
const deal: EntityDefinition = {
  name: 'deal', label: { en: 'Deal' },
  fields: {
    name: { type: 'text', required: true }, amount: { type: 'currency' }, discountCeiling: { type: 'percent' },
    stage: { type: 'picklist', options: ['new', 'won', 'lost'] }, closeDate: { type: 'date' }, closedAt: { type: 'datetime' },
    account: { type: 'lookup', target: 'account' },
  },
};
const roles: RoleDefinition[] = [{
  name: 'sales_rep', label: { en: 'Sales rep' },
  permissions: [
    { action: ['read', 'create'], subject: 'deal', where: { ownerId: '$user.id' }, fields: { deny: ['discountCeiling'] } },
    { action: 'read', subject: 'account' },
  ],
}];
const app = createAppModel({ name: 'aggregate', entities: [account, deal].map((definition) => ({ definition, origin: 'test' })), roles });
const PASSWORD = 'pa55-word!';

// [owner, stage, amount, closeDate, closedAt]
const ROWS: Array<['admin' | 'rep', string, number, string, string]> = [
  ['admin', 'won', 100.5, '2026-01-15', '2026-01-31T23:30:00-05:00'], // 2026-02-01 04:30 UTC
  ['admin', 'won', 200, '2026-01-20', '2026-01-20T10:00:00Z'],
  ['admin', 'lost', 50, '2026-03-01', '2026-03-01T00:00:00Z'],
  ['rep', 'won', 1000, '2026-03-07', '2026-03-07T12:00:00Z'],
  ['rep', 'new', 10, '2027-01-01', '2027-01-01T12:00:00Z'],
];

describe.each(testEngines())('aggregates on %s', (engine) => {
  let f: HttpFixture;
  let server: Express;
  const tokens: Record<string, string> = {};
  let accounts: string[];
  const get = (who: string, query: Record<string, string>) => request(server).get('/api/records/deal/aggregate').query(query).set({ Authorization: `Bearer ${tokens[who]!}` });

  beforeAll(async () => {
    f = await openHttpFixture(engine, app);
    server = f.server();
    await f.addUser({ email: 'admin@example.com', password: PASSWORD, roles: ['admin'] });
    await f.addUser({ email: 'rep@example.com', password: PASSWORD, roles: ['sales_rep'] });
    for (const who of ['admin', 'rep']) {
      tokens[who] = (await request(server).post('/api/auth/login').send({ email: `${who}@example.com`, password: PASSWORD }).expect(200)).body.token;
    }
    accounts = [];
    for (const name of ['Acme', 'Globex']) accounts.push((await request(server).post('/api/records/account').set({ Authorization: `Bearer ${tokens.admin!}` }).send({ name }).expect(201)).body.id);
    for (const [i, [who, stage, amount, closeDate, closedAt]] of ROWS.entries()) {
      await request(server).post('/api/records/deal').set({ Authorization: `Bearer ${tokens[who]!}` })
        .send({ name: `d${i}`, stage, amount, closeDate, closedAt, account: accounts[i % 2] }).expect(201);
    }
  });
  afterAll(() => f.t.close());

  it('sums and counts by a picklist, in the order of its options', async () => {
    const res = await get('admin', { groupBy: 'stage', measures: 'count,sum:amount,avg:amount,min:amount,max:closeDate,countDistinct:account' }).expect(200);
    expect(res.body).toEqual({ data: [
      { stage: 'new', count: 1, 'sum:amount': '10.00', 'avg:amount': '10.0000000000000000', 'min:amount': '10.00', 'max:closeDate': '2027-01-01', 'countDistinct:account': 1 },
      { stage: 'won', count: 3, 'sum:amount': '1300.50', 'avg:amount': '433.5000000000000000', 'min:amount': '100.50', 'max:closeDate': '2026-03-07', 'countDistinct:account': 2 },
      { stage: 'lost', count: 1, 'sum:amount': '50.00', 'avg:amount': '50.0000000000000000', 'min:amount': '50.00', 'max:closeDate': '2026-03-01', 'countDistinct:account': 1 },
    ] });
  });

  it('groups by date parts (datetimes in UTC) and by lookups', async () => {
    const month = await get('admin', { groupBy: 'stage,closeDate:month', measures: 'count,sum:amount' }).expect(200);
    expect(month.body.data).toEqual([
      { stage: 'new', 'closeDate:month': '2027-01', count: 1, 'sum:amount': '10.00' },
      { stage: 'won', 'closeDate:month': '2026-01', count: 2, 'sum:amount': '300.50' },
      { stage: 'won', 'closeDate:month': '2026-03', count: 1, 'sum:amount': '1000.00' },
      { stage: 'lost', 'closeDate:month': '2026-03', count: 1, 'sum:amount': '50.00' },
    ]);
    const parts = async (groupBy: string) => (await get('admin', { groupBy }).expect(200)).body.data.map((r: Record<string, unknown>) => [r[groupBy], r.count]);
    expect(await parts('closedAt:month')).toEqual([['2026-01', 1], ['2026-02', 1], ['2026-03', 2], ['2027-01', 1]]);
    expect(await parts('closedAt:day')).toEqual([['2026-01-20', 1], ['2026-02-01', 1], ['2026-03-01', 1], ['2026-03-07', 1], ['2027-01-01', 1]]);
    expect(await parts('closeDate:week')).toEqual([['2026-W03', 1], ['2026-W04', 1], ['2026-W09', 1], ['2026-W10', 1], ['2026-W53', 1]]);
    expect(await parts('closeDate:quarter')).toEqual([['2026-Q1', 4], ['2027-Q1', 1]]);
    expect(await parts('closeDate:year')).toEqual([['2026', 4], ['2027', 1]]);
    const byAccount = (await get('admin', { groupBy: 'account', measures: 'count' }).expect(200)).body.data;
    expect(byAccount).toHaveLength(2);
    expect(byAccount).toEqual(expect.arrayContaining([{ account: accounts[0], count: 3 }, { account: accounts[1], count: 2 }]));
  });

  it('applies the filter, bracket conditions, a lookup path and the limit', async () => {
    const filtered = await get('admin', { groupBy: 'stage', measures: 'count,sum:amount', filter: JSON.stringify({ amount: { $gt: 60 } }) }).expect(200);
    expect(filtered.body.data).toEqual([{ stage: 'won', count: 3, 'sum:amount': '1300.50' }]);
    const bracket = await get('admin', { 'where[stage]': 'won', 'where[account.name]': 'Acme', measures: 'count,sum:amount' }).expect(200);
    expect(bracket.body.data).toEqual([{ count: 1, 'sum:amount': '100.50' }]);
    const limited = await get('admin', { groupBy: 'stage', limit: '2' }).expect(200);
    expect(limited.body).toEqual({ data: [{ stage: 'new', count: 1 }, { stage: 'won', count: 3 }], truncated: true });
  });

  it('measures only the rows a row rule lets the caller read', async () => {
    const res = await get('rep', { groupBy: 'stage', measures: 'count,sum:amount' }).expect(200);
    expect(res.body.data).toEqual([{ stage: 'new', count: 1, 'sum:amount': '10.00' }, { stage: 'won', count: 1, 'sum:amount': '1000.00' }]);
    expect((await get('rep', {}).expect(200)).body.data).toEqual([{ count: 2 }]);
  });

  it('answers 400 for a hidden field as a key, a measure or a filter', async () => {
    const asKey = await get('rep', { groupBy: 'discountCeiling' }).expect(400);
    expect(asKey.body.errors).toEqual([expect.objectContaining({ path: '/query/groupBy/0', code: 'query.field' })]);
    const asMeasure = await get('rep', { measures: 'count,sum:discountCeiling' }).expect(400);
    expect(asMeasure.body.errors).toEqual([expect.objectContaining({ path: '/query/measures/1', code: 'query.field' })]);
    expect(asMeasure.body.errors[0].message).toContain('discountCeiling');
    await get('rep', { filter: JSON.stringify({ discountCeiling: { $gt: 1 } }) }).expect(400);
    await get('admin', { measures: 'sum:discountCeiling' }).expect(200);
  });

  it('answers 400 for bad inputs and 404 for an entity the caller cannot read', async () => {
    for (const [query, path] of [
      [{ groupBy: 'nope' }, '/query/groupBy/0'], [{ groupBy: 'closeDate:decade' }, '/query/groupBy/0'], [{ groupBy: 'stage:month' }, '/query/groupBy/0'],
      [{ measures: 'median:amount' }, '/query/measures/0'], [{ measures: 'sum:name' }, '/query/measures/0'], [{ limit: '5000' }, '/query/limit'],
      [{ filter: '{oops' }, '/query/filter'], [{ sort: 'stage' }, '/query/sort'], [{ groupBy: 'a,b,c,d,e,f' }, '/query/groupBy'],
    ] as const) {
      const res = await get('admin', query).expect(400);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
    }
    await request(server).get('/api/records/nothing/aggregate').set({ Authorization: `Bearer ${tokens.admin!}` }).expect(404);
    await request(server).get('/api/records/user/aggregate').set({ Authorization: `Bearer ${tokens.rep!}` }).expect(404);
  });
});
