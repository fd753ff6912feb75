import { createAppModel } from '@tessera/core';
import type { EntityDefinition, RoleDefinition } from '@tessera/metadata';
import type { Express } from 'express';
import request from 'supertest';
import type { Database } from '../../src/db/connect';
import { createServer } from '../../src/http/server';
import { testEngines } from '../support/databases';
import { eventually } from '../support/eventually';
import { openHttpFixture, type HttpFixture } from './support';

const deal: EntityDefinition = { name: 'deal', label: { en: 'Deal' }, fields: { name: { type: 'text', required: true }, note: { type: 'text' } } };
const ownDeals: RoleDefinition = {
  name: 'sales_rep', label: { en: 'Sales rep' },
  permissions: [{ action: ['read', 'create'], subject: 'deal', where: { ownerId: '$user.id' } }],
};
// As a roles/*.json file holds it, with its editor hint, which no answer repeats.
const app = createAppModel({ name: 'roles-api', entities: [{ definition: deal, origin: 'test' }], roles: [{ $schema: '../../metadata/schemas/role.schema.json', ...ownDeals }] });
const PASSWORD = 'pa55-word!';
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
// Every deal, without its note: what the admin makes of the rep's role through the API.
const allDeals: RoleDefinition = { ...ownDeals, permissions: [{ action: ['read', 'create'], subject: 'deal', fields: { deny: ['note'] } }] };
const viewer: RoleDefinition = { name: 'deal_viewer', label: { en: 'Deal viewer' }, permissions: [{ action: 'read', subject: 'deal' }] };

describe.each(testEngines())('roles edited through /api/roles on %s', (engine) => {
  let f: HttpFixture;
  let server: Express;
  const tokens = {} as Record<'admin' | 'rep' | 'viewer', string>;
  let viewerId: string;
  const as = (who: keyof typeof tokens) => ({
    get: (path: string) => request(server).get(path).set(bearer(tokens[who])),
    put: (path: string, body: unknown) => request(server).put(path).set(bearer(tokens[who])).send(body as object),
    patch: (path: string, body: unknown) => request(server).patch(path).set(bearer(tokens[who])).send(body as object),
    delete: (path: string) => request(server).delete(path).set(bearer(tokens[who])),
  });
  const dealsOf = async (who: keyof typeof tokens) => {
    const res = await as(who).get('/api/records/deal?sort=name');
    return res.status === 200 ? (res.body.data as Array<Record<string, unknown>>) : res.status;
  };
  const pathsOf = (res: request.Response) => (res.body.errors as Array<{ path: string }>).map((e) => e.path);

  beforeAll(async () => {
    f = await openHttpFixture(engine, app);
    server = f.server();
    await f.addUser({ email: 'admin@example.com', password: PASSWORD, roles: ['admin'] });
    await f.addUser({ email: 'rep@example.com', password: PASSWORD, roles: ['sales_rep'] });
    viewerId = await f.addUser({ email: 'viewer@example.com', password: PASSWORD });
    for (const who of ['admin', 'rep', 'viewer'] as const) {
      tokens[who] = (await request(server).post('/api/auth/login').send({ email: `${who}@example.com`, password: PASSWORD }).expect(200)).body.token;
    }
    await eventually(async () => f.t.db.invalidations.live);
    await request(server).post('/api/records/deal').set(bearer(tokens.rep)).send({ name: 'a mine', note: 'rep note' }).expect(201);
    await request(server).post('/api/records/deal').set(bearer(tokens.admin)).send({ name: 'b theirs', note: 'admin note' }).expect(201);
  });
  afterAll(() => f.t.close());

  it('lets an admin widen a metadata role: its holders see every deal, without the denied field, with no restart', async () => {
    expect(await dealsOf('rep')).toMatchObject([{ name: 'a mine', note: 'rep note' }]);
    const put = await as('admin').put('/api/roles/sales_rep', allDeals).expect(200);
    expect(put.body).toEqual({ ...allDeals, source: 'api' });
    await eventually(async () => {
      const deals = await dealsOf('rep');
      return Array.isArray(deals) && deals.length === 2;
    });
    const deals = await dealsOf('rep') as Array<Record<string, unknown>>;
    expect(deals.map((d) => d.name)).toEqual(['a mine', 'b theirs']);
    for (const d of deals) expect(d).not.toHaveProperty('note');
    expect((await as('admin').get('/api/roles/sales_rep').expect(200)).body).toEqual({ ...allDeals, source: 'api' });
  });

  it('adds a role that takes effect once a user is given it', async () => {
    expect(await dealsOf('viewer')).toBe(404);
    // Not a role yet: a user cannot be given it.
    await as('admin').patch(`/api/records/user/${viewerId}`, { roles: ['deal_viewer'] }).expect(400);
    await as('admin').put('/api/roles/deal_viewer', viewer).expect(200);
    await as('admin').patch(`/api/records/user/${viewerId}`, { roles: ['deal_viewer'] }).expect(200);
    await eventually(async () => {
      const deals = await dealsOf('viewer');
      return Array.isArray(deals) && deals.length === 2;
    });
    const list = (await as('admin').get('/api/roles').expect(200)).body.data as Array<{ name: string; source: string }>;
    expect(list.map((r) => [r.name, r.source])).toEqual([['deal_viewer', 'api'], ['sales_rep', 'api']]);
    expect(list[0]).toEqual({ ...viewer, source: 'api' });
  });

  it('refuses invalid roles with 400 and the path of each issue, storing nothing', async () => {
    const put = (body: unknown, name = 'broken') => as('admin').put(`/api/roles/${name}`, body).expect(400);
    const role = (permissions: unknown, more: object = {}) => ({ name: 'broken', label: { en: 'Broken' }, permissions, ...more });
    expect(pathsOf(await put(role([{ action: 'read', subject: 'invoice' }])))).toEqual(['/permissions/0/subject']);
    expect(pathsOf(await put(role([{ action: 'read', subject: 'deal', fields: { deny: ['secret'] } }])))).toEqual(['/permissions/0/fields/deny/0']);
    const badOperator = await put(role([{ action: 'read', subject: 'deal', where: { name: { $like: 'a%' } } }]));
    expect(pathsOf(badOperator).length).toBeGreaterThan(0);
    for (const path of pathsOf(badOperator)) expect(path).toMatch(/^\/permissions\/0\/where\/name/);
    expect(pathsOf(await put(role([], { name: 'other' })))).toEqual(['/name']);
    expect(pathsOf(await put({ name: 'broken' }))).toEqual(['']);
    expect(pathsOf(await put(role([], { inherits: ['nobody'] })))).toEqual(['/inherits/0']);
    expect(pathsOf(await put(role([]), 'admin'))).toEqual(['/name']);
    // chain inherits deal_viewer; deal_viewer inheriting chain would close a cycle.
    await as('admin').put('/api/roles/chain', { name: 'chain', label: { en: 'Chain' }, inherits: ['deal_viewer'] }).expect(200);
    const cycle = await put({ ...viewer, inherits: ['chain'] }, 'deal_viewer');
    expect(cycle.body.errors).toEqual([expect.objectContaining({ path: '/inherits', code: 'ref.roleCycle' })]);
    expect(await f.t.db.knex('tessera_roles').orderBy('name').pluck('name')).toEqual(['chain', 'deal_viewer', 'sales_rep']);
  });

  it('answers 403 to anyone but an admin', async () => {
    for (const who of ['rep', 'viewer'] as const) {
      await as(who).get('/api/roles').expect(403);
      await as(who).get('/api/roles/sales_rep').expect(403);
      await as(who).put('/api/roles/sales_rep', allDeals).expect(403);
      await as(who).delete('/api/roles/sales_rep').expect(403);
    }
  });

  it('refuses to delete a role others inherit (409); a deleted metadata role falls back to its metadata definition', async () => {
    await as('admin').delete('/api/roles/deal_viewer').expect(409);
    await as('admin').delete('/api/roles/chain').expect(204);
    await as('admin').delete('/api/roles/deal_viewer').expect(204);
    // A role gone for good is taken from its users; a metadata role they fall back to stays theirs.
    expect((await as('admin').get(`/api/records/user/${viewerId}`).expect(200)).body.roles).toEqual([]);
    await as('admin').delete('/api/roles/sales_rep').expect(204);
    await as('admin').delete('/api/roles/sales_rep').expect(404);
    await eventually(async () => (await dealsOf('rep') as unknown[]).length === 1);
    expect(await dealsOf('rep')).toMatchObject([{ name: 'a mine', note: 'rep note' }]);
    expect(await dealsOf('viewer')).toBe(404);
    expect((await as('admin').get('/api/roles').expect(200)).body.data).toEqual([{ ...ownDeals, source: 'metadata' }]);
    await as('admin').get('/api/roles/deal_viewer').expect(404);
  });

  it('answers 503 rather than serve a request when the roles cannot be read', async () => {
    await f.t.db.knex.raw('alter table tessera_roles rename to tessera_roles_away');
    try {
      const res = await request(f.server()).get('/api/auth/me').set(bearer(tokens.rep)).expect(503);
      expect(res.body).toMatchObject({ code: 'roles.unavailable' });
    } finally {
      await f.t.db.knex.raw('alter table tessera_roles_away rename to tessera_roles');
    }
    await request(f.server()).get('/api/auth/me').set(bearer(tokens.rep)).expect(200);
  });

  if (engine === 'postgres') {
    describe('with a second instance', () => {
      let second: Database;
      let other: Express;
      beforeAll(async () => {
        second = await f.t.reopen();
        other = createServer({ app, db: second });
        await eventually(async () => second.invalidations.live);
      });
      afterAll(() => second.close());

      it('sees a role edited on the first', async () => {
        const repDeals = async () => (await request(other).get('/api/records/deal').set(bearer(tokens.rep)).expect(200)).body.data.length as number;
        expect(await repDeals()).toBe(1);
        await as('admin').put('/api/roles/sales_rep', allDeals).expect(200);
        await eventually(async () => (await repDeals()) === 2);
        await as('admin').delete('/api/roles/sales_rep').expect(204);
        await eventually(async () => (await repDeals()) === 1);
      });
    });
  }
});
