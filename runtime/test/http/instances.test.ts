import { createAppModel } from '@tessera/core';
import type { EntityDefinition } from '@tessera/metadata';
import type { Express } from 'express';
import request from 'supertest';
import { bootstrapAdmin } from '../../src/auth/bootstrap-admin';
import type { Database } from '../../src/db/connect';
import { createServer } from '../../src/http/server';
import { apply } from '../../src/migrator/apply';
import { testEngines } from '../support/databases';
import { openHttpFixture, type HttpFixture } from './support';
import { eventually } from '../support/eventually';

const deal: EntityDefinition = {
  name: 'deal', label: { en: 'Deal' },
  fields: { name: { type: 'text', required: true }, amount: { type: 'currency' } },
};
const app = createAppModel({ name: 'instances', entities: [{ definition: deal, origin: 'test' }], roles: [{ name: 'sales_rep', label: { en: 'Sales rep' }, permissions: [{ action: ['read', 'create', 'update', 'delete'], subject: 'deal' }] }] });
const PASSWORD = 'pa55-word!';
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
const login = async (server: Express, email: string) => (await request(server).post('/api/auth/login').send({ email, password: PASSWORD }).expect(200)).body.token as string;

describe.each(testEngines())('statements per request on %s', (engine) => {
  let f: HttpFixture;
  let server: Express;
  let token: string;
  beforeAll(async () => {
    f = await openHttpFixture(engine, app);
    server = f.server();
    await f.addUser({ email: 'rep@example.com', password: PASSWORD, roles: ['sales_rep'] });
    token = await login(server, 'rep@example.com');
    // Let the session cache's listener come up, then warm it.
    await eventually(async () => f.t.db.invalidations.live);
    await request(server).get('/api/auth/me').set(bearer(token)).expect(200);
  });
  afterAll(() => f.t.close());

  const counted = async (send: () => request.Test, status: number): Promise<{ statements: number; body: Record<string, unknown> }> => {
    const before = f.t.db.stats.statements;
    const res = await send().expect(status);
    return { statements: f.t.db.stats.statements - before, body: res.body };
  };

  it('answers GET with 1 statement, a list with 1 (2 with count), create and delete with 1 and update with 2', async () => {
    const created = await counted(() => request(server).post('/api/records/deal').set(bearer(token)).send({ name: 'Acme', amount: 5 }), 201);
    expect(created.statements).toBe(1);
    const id = created.body.id as string;
    expect((await counted(() => request(server).get(`/api/records/deal/${id}`).set(bearer(token)), 200)).statements).toBe(1);
    expect((await counted(() => request(server).get('/api/records/deal?sort=-amount&filter={"amount":{"$gte":1}}').set(bearer(token)), 200)).statements).toBe(1);
    const withCount = await counted(() => request(server).get('/api/records/deal?count=true').set(bearer(token)), 200);
    expect(withCount).toMatchObject({ statements: 2, body: { page: { total: 1 } } });
    expect((await counted(() => request(server).patch(`/api/records/deal/${id}`).set(bearer(token)).set('If-Match', `"${id}:1"`).send({ amount: 6 }), 200)).statements).toBe(2);
    expect((await counted(() => request(server).delete(`/api/records/deal/${id}`).set(bearer(token)).set('If-Match', `"${id}:2"`), 204)).statements).toBe(1);
  });

  it('ends a session at once on logout, though it was cached', async () => {
    const other = await login(server, 'rep@example.com');
    await request(server).get('/api/auth/me').set(bearer(other)).expect(200);
    await request(server).post('/api/auth/logout').set(bearer(other)).expect(204);
    await request(server).get('/api/auth/me').set(bearer(other)).expect(401);
  });

  it('hears a role granted in plain SQL behind the API', async () => {
    const id = await f.addUser({ email: 'new@example.com', password: PASSWORD });
    const mine = await login(server, 'new@example.com');
    expect((await request(server).get('/api/auth/me').set(bearer(mine)).expect(200)).body.user.roles).toEqual([]);
    await f.t.db.knex('tessera_user_roles').insert({ user_id: id, role: 'sales' });
    await eventually(async () => (await request(server).get('/api/auth/me').set(bearer(mine))).body.user.roles.includes('sales'));
  });
});

if (testEngines().includes('postgres')) {
  describe('two instances on one PostgreSQL', () => {
    let f: HttpFixture;
    let second: Database;
    let a: Express;
    let b: Express;
    beforeAll(async () => {
      f = await openHttpFixture('postgres', app);
      second = await f.t.reopen();
      a = f.server();
      b = createServer({ app, db: second });
      await f.addUser({ email: 'rep@example.com', password: PASSWORD, roles: ['sales_rep'] });
      await eventually(async () => f.t.db.invalidations.live && second.invalidations.live);
    });
    afterAll(async () => {
      await second.close();
      await f.t.close();
    });

    it('share sessions: a token from one works on the other, and a logout on one ends it on both', async () => {
      const token = await login(a, 'rep@example.com');
      await request(b).get('/api/auth/me').set(bearer(token)).expect(200);
      await request(a).get('/api/auth/me').set(bearer(token)).expect(200);
      await request(a).post('/api/auth/logout').set(bearer(token)).expect(204);
      await eventually(async () => (await request(b).get('/api/auth/me').set(bearer(token))).status === 401);
    });

    it('stop serving a user made inactive on the other instance', async () => {
      const token = await login(b, 'rep@example.com');
      await request(b).get('/api/auth/me').set(bearer(token)).expect(200);
      const admin = await f.addUser({ email: 'boss@example.com', password: PASSWORD, roles: ['admin'] });
      expect(admin).toBeTruthy();
      const adminToken = await login(a, 'boss@example.com');
      const rep = (await f.t.db.knex('user').where('email', 'rep@example.com').first('id')) as { id: string };
      await request(a).patch(`/api/records/user/${rep.id}`).set(bearer(adminToken)).send({ active: false }).expect(200);
      await eventually(async () => (await request(b).get('/api/auth/me').set(bearer(token))).status === 401);
      await f.t.db.knex('user').where('id', rep.id).update({ active: true });
    });

    it('share the login rate limit: failures on one instance lock the account on the other', async () => {
      const limited = { loginLimits: { perEmail: 3 } };
      const [la, lb] = [f.server(limited), createServer({ app, db: second, options: limited })];
      for (const server of [la, lb, la]) {
        await request(server).post('/api/auth/login').send({ email: 'rep@example.com', password: 'wrong' }).expect(401);
      }
      const refused = await request(lb).post('/api/auth/login').send({ email: 'rep@example.com', password: PASSWORD }).expect(429);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    });

    it('migrate once and create one first admin when they start together', async () => {
      const changed = createAppModel({ name: 'instances', entities: [{ definition: { ...deal, fields: { ...deal.fields, note: { type: 'text' } } }, origin: 'test' }], roles: [{ name: 'sales_rep', label: { en: 'Sales rep' }, permissions: [{ action: ['read', 'create', 'update', 'delete'], subject: 'deal' }] }] });
      const results = await Promise.all([apply(f.t.db.knex, changed), apply(second.knex, changed)]);
      expect(results.map((r) => r.status).sort()).toEqual(['applied', 'unchanged']);
      await f.t.db.knex('user').delete();
      const admins = await Promise.all([bootstrapAdmin(f.t.db.knex, { password: PASSWORD }), bootstrapAdmin(second.knex, { password: PASSWORD })]);
      expect(admins.map((r) => r.status).sort()).toEqual(['created', 'skipped']);
      expect(await f.t.db.knex('user').count({ n: '*' }).first()).toEqual({ n: '1' });
    });
  });
}
