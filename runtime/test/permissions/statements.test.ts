import { createAppModel } from '@tessera/core';
import type { EntityDefinition, RoleDefinition } from '@tessera/metadata';
import type { Express } from 'express';
import request from 'supertest';
import { testEngines } from '../support/databases';
import { openHttpFixture, type HttpFixture } from '../http/support';
import { eventually } from '../support/eventually';

/** Permissions are compiled into the statements a request runs anyway: a row rule, a hidden field or sharing adds no query. */
const account: EntityDefinition = { name: 'account', label: { en: 'Account' }, ownership: 'none', fields: { name: { type: 'text' }, region: { type: 'text' } } };
const deal: EntityDefinition = {
  name: 'deal', label: { en: 'Deal' },
  fields: { name: { type: 'text', required: true }, amount: { type: 'currency' }, discountCeiling: { type: 'percent' }, account: { type: 'lookup', target: 'account' } },
};
const roles: RoleDefinition[] = [
  {
    name: 'sales_rep', label: { en: 'Sales rep' },
    permissions: [
      { action: ['read', 'create', 'update', 'delete'], subject: 'deal', where: { ownerId: '$user.id' }, fields: { deny: ['discountCeiling'] } },
      { action: 'read', subject: 'account', where: { region: 'East' } },
    ],
  },
  { name: 'sales_manager', label: { en: 'Sales manager' }, inherits: ['sales_rep'], permissions: [{ action: 'read', subject: 'deal', where: { ownerId: { $in: '$user.subordinateIds' } } }] },
];
const app = createAppModel({ name: 'permission-statements', entities: [account, deal].map((definition) => ({ definition, origin: 'test' })), roles });
const PASSWORD = 'pa55-word!';

type Who = 'admin' | 'rep' | 'manager';

describe.each(testEngines())('statements per request under permissions on %s', (engine) => {
  let f: HttpFixture;
  let server: Express;
  const tokens = {} as Record<Who, string>;
  let accountId: string;
  const auth = (who: Who) => ({ Authorization: `Bearer ${tokens[who]}` });
  const counted = async (send: () => request.Test, status: number): Promise<{ statements: number; body: Record<string, unknown> }> => {
    const before = f.t.db.stats.statements;
    const res = await send().expect(status);
    return { statements: f.t.db.stats.statements - before, body: res.body };
  };

  beforeAll(async () => {
    f = await openHttpFixture(engine, app);
    server = f.server();
    const manager = await f.addUser({ email: 'manager@example.com', password: PASSWORD, roles: ['sales_manager'] });
    const rep = await f.addUser({ email: 'rep@example.com', password: PASSWORD, roles: ['sales_rep'] });
    await f.addUser({ email: 'admin@example.com', password: PASSWORD, roles: ['admin'] });
    await f.t.db.knex('user').where('id', rep).update({ manager });
    for (const who of ['admin', 'rep', 'manager'] as const) {
      tokens[who] = (await request(server).post('/api/auth/login').send({ email: `${who}@example.com`, password: PASSWORD }).expect(200)).body.token;
    }
    accountId = (await request(server).post('/api/records/account').set(auth('admin')).send({ name: 'Acme', region: 'East' }).expect(201)).body.id;
    await eventually(async () => f.t.db.invalidations.live);
    // Once every session is cached (the writes to users above may still be on their way to the cache), a request reads only records.
    for (const who of ['admin', 'rep', 'manager'] as const) {
      await eventually(async () => (await counted(() => request(server).get('/api/auth/me').set(auth(who)), 200)).statements === 0);
    }
  });
  afterAll(() => f.t.close());

  /** The statements of each step of a record's life, as one user. */
  const lifecycle = async (who: Who) => {
    const create = await counted(() => request(server).post('/api/records/deal').set(auth(who)).send({ name: `${who} deal`, amount: 5, account: accountId }), 201);
    const id = create.body.id as string;
    const get = await counted(() => request(server).get(`/api/records/deal/${id}`).set(auth(who)), 200);
    const list = await counted(() => request(server).get('/api/records/deal').query({ sort: '-amount', filter: JSON.stringify({ amount: { $gte: 1 } }), expand: 'account' }).set(auth(who)), 200);
    const listCount = await counted(() => request(server).get('/api/records/deal').query({ count: 'true', limit: '1' }).set(auth(who)), 200);
    const update = await counted(() => request(server).patch(`/api/records/deal/${id}`).set(auth(who)).set('If-Match', `"${id}:1"`).send({ amount: 6 }), 200);
    const remove = await counted(() => request(server).delete(`/api/records/deal/${id}`).set(auth(who)).set('If-Match', `"${id}:2"`), 204);
    return { create: create.statements, get: get.statements, list: list.statements, listCount: listCount.statements, update: update.statements, delete: remove.statements };
  };

  /**
   * The lifecycle's counts, again when they are off: another test file on the same PostgreSQL changing its users clears
   * this file's session caches too (one notification channel per cluster), and the next request then resolves its
   * session (one statement more). A real extra query shows on every attempt.
   */
  const settled = async (who: Who, expected: Awaited<ReturnType<typeof lifecycle>>) => {
    let counts = await lifecycle(who);
    for (let attempt = 1; attempt < 3 && JSON.stringify(counts) !== JSON.stringify(expected); attempt++) counts = await lifecycle(who);
    return counts;
  };

  it('runs as many statements for a rep with a row rule and a hidden field as for the admin: GET 1, list 1 (2 with count), create 1, update 2, delete 1', async () => {
    const expected = { create: 1, get: 1, list: 1, listCount: 2, update: 2, delete: 1 };
    expect(await settled('admin', expected)).toEqual(expected);
    expect(await settled('rep', expected)).toEqual(expected);
    expect(await settled('manager', expected)).toEqual(expected);
  });

  it('reads a subordinate\'s deal and answers a hidden one\'s 404 in one statement, and a refused field in none', async () => {
    /** The statements of a request that changes nothing, asked again when off (see settled). */
    const statementsOf = async (send: () => request.Test, status: number, expected: number) => {
      let n = (await counted(send, status)).statements;
      for (let attempt = 1; attempt < 3 && n !== expected; attempt++) n = (await counted(send, status)).statements;
      return n;
    };
    const id = (await request(server).post('/api/records/deal').set(auth('rep')).send({ name: 'counted' }).expect(201)).body.id as string;
    expect(await statementsOf(() => request(server).get(`/api/records/deal/${id}`).set(auth('manager')), 200, 1)).toBe(1);
    const adminDeal = (await request(server).post('/api/records/deal').set(auth('admin')).send({ name: 'hidden' }).expect(201)).body.id as string;
    expect(await statementsOf(() => request(server).get(`/api/records/deal/${adminDeal}`).set(auth('rep')), 404, 1)).toBe(1);
    expect(await statementsOf(() => request(server).post('/api/records/deal').set(auth('rep')).send({ name: 'x', discountCeiling: 1 }), 403, 0)).toBe(0);
    expect(await statementsOf(() => request(server).get('/api/records/deal').query({ sort: 'discountCeiling' }).set(auth('rep')), 400, 0)).toBe(0);
  });
});
