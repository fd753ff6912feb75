import request from 'supertest';
import { ADMIN_ROLE, bootstrapAdmin } from '../../src/auth/bootstrap-admin';
import { createServer } from '../../src/http/server';
import { apply } from '../../src/migrator/apply';
import { openTestDatabase, testEngines } from '../support/databases';
import { testApp } from './support';

describe.each(testEngines())('bootstrap admin on %s', (engine) => {
  let t: Awaited<ReturnType<typeof openTestDatabase>>;
  beforeEach(async () => {
    t = await openTestDatabase(engine);
    await apply(t.db.knex, testApp);
  });
  afterEach(() => t.close());

  it('creates an admin from the environment once, and leaves a database with users alone', async () => {
    const env = { TESSERA_ADMIN_EMAIL: 'root@example.com', TESSERA_ADMIN_PASSWORD: 'from the environment' };
    const told = jest.fn();
    const first = await bootstrapAdmin(t.db.knex, { env, onGeneratedPassword: told });
    expect(first).toEqual({ status: 'created', email: 'root@example.com', id: expect.any(String) });
    expect(await bootstrapAdmin(t.db.knex, { env, onGeneratedPassword: told })).toEqual({ status: 'skipped' });
    expect(told).not.toHaveBeenCalled();
    expect(await t.db.knex('user').count({ n: '*' })).toEqual([{ n: '1' }]);
    expect(await t.db.knex('tessera_user_roles').select('role')).toEqual([{ role: ADMIN_ROLE }]);
    const res = await request(createServer({ app: testApp, db: t.db })).post('/api/auth/login')
      .send({ email: 'root@example.com', password: 'from the environment' }).expect(200);
    expect(res.body.user).toMatchObject({ email: 'root@example.com', name: 'Administrator', roles: ['admin'] });
  });

  it('generates a password, tells it once, and it works', async () => {
    const told = jest.fn();
    await Promise.all([1, 2].map(() => bootstrapAdmin(t.db.knex, { env: {}, onGeneratedPassword: told })));
    expect(told).toHaveBeenCalledTimes(1);
    const { email, password } = told.mock.calls[0]![0] as { email: string; password: string };
    expect(email).toBe('admin@example.com');
    expect(password).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(await t.db.knex('user').count({ n: '*' })).toEqual([{ n: '1' }]);
    await request(createServer({ app: testApp, db: t.db })).post('/api/auth/login').send({ email, password }).expect(200);
  });
});
