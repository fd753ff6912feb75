import { createAppModel, parseAggregateQuery } from '@tessera/core';
import type { EntityDefinition, RoleDefinition } from '@tessera/metadata';
import type { Express } from 'express';
import request from 'supertest';
import { buildAggregateSql } from '../../src/records/aggregate-sql';
import { openHttpFixture, type HttpFixture } from '../http/support';
import { testEngines } from '../support/databases';

/** Aggregates over formulas, one lookup hop, share and ratio: only over the rows and fields the caller may read. */
const account: EntityDefinition = {
  name: 'account', label: { en: 'Account' }, ownership: 'none',
  fields: {
    name: { type: 'text' }, tier: { type: 'picklist', options: ['gold', 'silver'] }, vip: { type: 'boolean' },
    revenue: { type: 'currency' }, secret: { type: 'text' }, public: { type: 'boolean' },
  },
};
const deal: EntityDefinition = {
  name: 'deal', label: { en: 'Deal' },
  fields: {
    name: { type: 'text', required: true }, amount: { type: 'currency' }, cost: { type: 'currency' }, probability: { type: 'percent' },
    discountCeiling: { type: 'percent' }, stage: { type: 'picklist', options: ['new', 'won', 'lost'] }, account: { type: 'lookup', target: 'account' },
    weighted: { type: 'formula', expression: 'amount * probability / 100', resultType: 'currency' },
    big: { type: 'formula', expression: 'amount > 100', resultType: 'boolean' },
    ceilingAmount: { type: 'formula', expression: 'amount * discountCeiling / 100', resultType: 'currency' },
  },
};
const roles: RoleDefinition[] = [{
  name: 'sales_rep', label: { en: 'Sales rep' },
  permissions: [
    { action: ['read', 'create'], subject: 'deal', where: { ownerId: '$user.id' }, fields: { deny: ['discountCeiling'] } },
    { action: 'read', subject: 'account', where: { public: true }, fields: { deny: ['secret'] } },
  ],
}];
const app = createAppModel({ name: 'aggregate-derived', entities: [account, deal].map((definition) => ({ definition, origin: 'test' })), roles });
const PASSWORD = 'pa55-word!';

// Acme is public, gold and vip; Globex is none of these, so the rep reads Acme only.
const ACCOUNTS = [
  { name: 'Acme', tier: 'gold', vip: true, revenue: 1000, secret: 's1', public: true },
  { name: 'Globex', tier: 'silver', vip: false, revenue: 500, secret: 's2', public: false },
];
// [owner, stage, amount, cost, probability, account]
const ROWS: Array<['admin' | 'rep', string, number, number | null, number, number]> = [
  ['admin', 'won', 100.5, 50, 100, 0],
  ['admin', 'won', 200, 100, 100, 1],
  ['admin', 'lost', 50, null, 0, 0],
  ['rep', 'won', 1000, 0, 100, 1],
  ['rep', 'new', 10, 0, 50, 0],
];

const numbers = (rows: Array<Record<string, unknown>>) => rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'string' && /^-?\d/.test(v) ? Number(v) : v])));

describe('aggregate statements', () => {
  const sqlOf = (qs: string) => {
    const parsed = parseAggregateQuery(app, 'deal', new URLSearchParams(qs));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    return buildAggregateSql(app, parsed.query, { values: { now: new Date(), today: '2026-01-01' } }).sql;
  };

  it('read stored fields of the row itself with one plain select, and a path or formula key in a lateral subquery', () => {
    const plain = sqlOf('groupBy=stage,account&measures=count,sum:amount');
    expect(plain.match(/select/g)).toHaveLength(1);
    expect(plain).not.toMatch(/join|lateral/);
    expect(sqlOf('groupBy=account.tier,big&measures=count')).toMatch(/^select .* from "deal" as "r" cross join lateral \(select .*\) as "k0" cross join lateral \(select .*\) as "k1" where/);
  });
});

describe.each(testEngines())('derived aggregates on %s', (engine) => {
  let f: HttpFixture;
  let server: Express;
  const tokens: Record<string, string> = {};
  const as = (who: string) => ({ Authorization: `Bearer ${tokens[who]!}` });
  const get = (who: string, query: Record<string, string>) => request(server).get('/api/records/deal/aggregate').query(query).set(as(who));
  const data = async (who: string, query: Record<string, string>) => numbers((await get(who, query).expect(200)).body.data);

  beforeAll(async () => {
    f = await openHttpFixture(engine, app);
    server = f.server();
    await f.addUser({ email: 'admin@example.com', password: PASSWORD, roles: ['admin'] });
    await f.addUser({ email: 'rep@example.com', password: PASSWORD, roles: ['sales_rep'] });
    for (const who of ['admin', 'rep']) {
      tokens[who] = (await request(server).post('/api/auth/login').send({ email: `${who}@example.com`, password: PASSWORD }).expect(200)).body.token;
    }
    const accounts: string[] = [];
    for (const body of ACCOUNTS) accounts.push((await request(server).post('/api/records/account').set(as('admin')).send(body).expect(201)).body.id);
    for (const [i, [who, stage, amount, cost, probability, at]] of ROWS.entries()) {
      // The rep may not point a deal at Globex: the admin links every deal to its account.
      const id = (await request(server).post('/api/records/deal').set(as(who)).send({ name: `d${i}`, stage, amount, cost, probability }).expect(201)).body.id;
      await request(server).patch(`/api/records/deal/${id}`).set(as('admin')).send({ account: accounts[at] }).expect(200);
    }
  });
  afterAll(() => f.t.close());

  it('measures and groups by formulas', async () => {
    expect(await data('admin', { groupBy: 'stage', measures: 'sum:weighted,avg:weighted' })).toEqual([
      { stage: 'new', 'sum:weighted': 5, 'avg:weighted': 5 },
      { stage: 'won', 'sum:weighted': 1300.5, 'avg:weighted': 433.5 },
      { stage: 'lost', 'sum:weighted': 0, 'avg:weighted': 0 },
    ]);
    expect(await data('admin', { groupBy: 'big', measures: 'count,sum:amount' })).toEqual([
      { big: false, count: 2, 'sum:amount': 60 }, { big: true, count: 3, 'sum:amount': 1300.5 },
    ]);
  });

  it('groups by and measures a lookup\'s field', async () => {
    expect(await data('admin', { groupBy: 'account.tier,stage', measures: 'count,sum:amount' })).toEqual([
      { 'account.tier': 'gold', stage: 'new', count: 1, 'sum:amount': 10 },
      { 'account.tier': 'gold', stage: 'won', count: 1, 'sum:amount': 100.5 },
      { 'account.tier': 'gold', stage: 'lost', count: 1, 'sum:amount': 50 },
      { 'account.tier': 'silver', stage: 'won', count: 2, 'sum:amount': 1200 },
    ]);
    expect(await data('admin', { measures: 'sum:account.revenue,max:account.name,countDistinct:account.tier' }))
      .toEqual([{ 'sum:account.revenue': 4000, 'max:account.name': 'Globex', 'countDistinct:account.tier': 2 }]);
  });

  it('groups rows whose lookup points to a target the caller may not read under null, and never measures its values', async () => {
    expect(await data('rep', { groupBy: 'account.tier', measures: 'count,sum:amount,sum:account.revenue' })).toEqual([
      { 'account.tier': 'gold', count: 1, 'sum:amount': 10, 'sum:account.revenue': 1000 },
      { 'account.tier': null, count: 1, 'sum:amount': 1000, 'sum:account.revenue': null },
    ]);
    expect(await data('rep', { groupBy: 'account.name' })).toEqual([{ 'account.name': 'Acme', count: 1 }, { 'account.name': null, count: 1 }]);
  });

  it('answers 400 for a hidden field through a lookup, and for a formula over a hidden field', async () => {
    const hidden = await get('rep', { groupBy: 'account.secret' }).expect(400);
    expect(hidden.body.errors).toEqual([expect.objectContaining({ path: '/query/groupBy/0', code: 'query.field' })]);
    await get('rep', { measures: 'countDistinct:account.secret' }).expect(400);
    await get('rep', { measures: 'sum:ceilingAmount' }).expect(400);
    await get('admin', { groupBy: 'account.secret', measures: 'sum:ceilingAmount' }).expect(200);
  });

  it('takes the share of rows where a yes/no value is true, null counting as not true', async () => {
    expect(await data('admin', { groupBy: 'stage', measures: 'count,share:big' })).toEqual([
      { stage: 'new', count: 1, 'share:big': 0 }, { stage: 'won', count: 3, 'share:big': 1 }, { stage: 'lost', count: 1, 'share:big': 0 },
    ]);
    expect(await data('admin', { measures: 'share:account.vip' })).toEqual([{ 'share:account.vip': 0.6 }]);
    // Globex is out of the rep's reach: its deal reads vip as null, so one of the rep's two deals is a vip's.
    expect(await data('rep', { measures: 'share:account.vip' })).toEqual([{ 'share:account.vip': 0.5 }]);
  });

  it('has no share for a group without rows', async () => {
    const none = JSON.stringify({ amount: { $gt: 99999 } });
    expect((await get('admin', { measures: 'count,share:big', filter: none }).expect(200)).body.data).toEqual([{ count: 0, 'share:big': null }]);
  });

  it('divides the sums of two numbers, with null for a zero or empty denominator', async () => {
    const rows = await data('admin', { groupBy: 'stage', measures: 'sum:amount,sum:cost,ratio:amount/cost' });
    expect(rows.map((r) => [r.stage, r['sum:cost'], r['ratio:amount/cost']])).toEqual([['new', 0, null], ['won', 150, expect.closeTo(1300.5 / 150, 10)], ['lost', null, null]]);
    expect(await data('admin', { measures: 'ratio:amount/account.revenue' })).toEqual([{ 'ratio:amount/account.revenue': 1360.5 / 4000 }]);
  });
});
