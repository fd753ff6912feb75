import { createAppModel } from '@tessera/core';
import type { Express } from 'express';
import request from 'supertest';
import { testEngines } from '../support/databases';
import { openHttpFixture, type HttpFixture } from './support';
import { eventually } from '../support/eventually';

const label = (en: string, zh: string) => ({ en, 'zh-CN': zh });
// Two roles of the app's own (granting nothing): with the built-in admin, the names a user's roles may hold.
const app = createAppModel({
  name: 'users-admin', entities: [],
  roles: [{ name: 'sales_rep', label: label('Sales rep', '销售代表'), permissions: [] }, { name: 'auditor', label: label('Auditor', '审计'), permissions: [] }],
});
const PASSWORD = 'pa55-word!';
const SECRET = 'Corr3ct horse battery';
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

describe.each(testEngines())('admins manage users through /api/records/user on %s', (engine) => {
  let f: HttpFixture;
  let server: Express;
  let admin: string;
  let rep: string;
  const login = (email: string, password: string) => request(server).post('/api/auth/login').send({ email, password });
  const token = async (email: string, password: string) => (await login(email, password).expect(200)).body.token as string;
  const create = (body: object) => request(server).post('/api/records/user').set(bearer(admin)).send(body);
  const patch = (id: string, body: object) => request(server).patch(`/api/records/user/${id}`).set(bearer(admin)).send(body);
  const read = (id: string) => request(server).get(`/api/records/user/${id}`).set(bearer(admin));
  const list = (query: Record<string, string>) => request(server).get('/api/records/user').query(query).set(bearer(admin));
  const rolesOf = async (id: string) => (await f.t.db.knex('tessera_user_roles').where('user_id', id).orderBy('role').pluck('role')) as string[];
  const count = async (table: string, where: Record<string, unknown>) => Number((await f.t.db.knex(table).where(where).count({ n: '*' }))[0]!.n);
  const statements = async (send: () => request.Test): Promise<number> => {
    const before = f.t.db.stats.statements;
    await send().expect(200);
    return f.t.db.stats.statements - before;
  };

  beforeAll(async () => {
    f = await openHttpFixture(engine, app);
    server = f.server();
    await f.addUser({ email: 'admin@example.com', password: PASSWORD, roles: ['admin'] });
    await f.addUser({ email: 'rep@example.com', password: PASSWORD, roles: ['sales_rep'] });
    admin = await token('admin@example.com', PASSWORD);
    rep = await token('rep@example.com', PASSWORD);
    await eventually(async () => f.t.db.invalidations.live);
  });
  afterAll(() => f.t.close());

  it('reads a user, its roles included, with one statement; a list with one; an edit without password or roles with two', async () => {
    const [adminUser] = (await list({ 'where[email][$eq]': 'admin@example.com' }).expect(200)).body.data;
    // Once the admin's session is cached (earlier writes to users may still be on their way to the cache), only the record is read.
    await eventually(async () => (await statements(() => request(server).get('/api/auth/me').set(bearer(admin)))) === 0);
    expect(await statements(() => read(adminUser.id))).toBe(1);
    expect(await statements(() => list({ 'where[roles][$contains]': 'admin' }))).toBe(1);
    expect(await statements(() => patch(adminUser.id, { name: 'The admin' }))).toBe(2);
    expect((await read(adminUser.id).expect(200)).body).toMatchObject({ name: 'The admin', roles: ['admin'], version: 2 });
  });

  it('creates a user with a password and roles: the answer shows the roles, sorted, and nothing of the password', async () => {
    const created = await create({ email: 'ann@example.com', name: 'Ann', password: SECRET, roles: ['sales_rep', 'auditor'] });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ email: 'ann@example.com', name: 'Ann', roles: ['auditor', 'sales_rep'], active: true, version: 1 });
    expect(created.body).not.toHaveProperty('password');
    expect(created.text).not.toContain(SECRET);
    expect(created.text).not.toContain('$argon2');
    const id = created.body.id as string;
    expect(await rolesOf(id)).toEqual(['auditor', 'sales_rep']);
    expect((await f.t.db.knex('tessera_credentials').where('user_id', id).first()).password_hash).toMatch(/^\$argon2id\$/);
    const loggedIn = await login('ann@example.com', SECRET);
    expect(loggedIn.status).toBe(200);
    expect(loggedIn.body.user).toMatchObject({ id, roles: ['auditor', 'sales_rep'] });
  });

  it('shows the roles, and never the password, in GET and in lists', async () => {
    const id = (await create({ email: 'cai@example.com', name: '蔡', password: SECRET, roles: ['auditor'] }).expect(201)).body.id as string;
    const one = await read(id).expect(200);
    expect(one.body).toMatchObject({ id, roles: ['auditor'] });
    expect(one.body).not.toHaveProperty('password');
    const page = await list({ 'where[roles][$contains]': 'auditor', fields: 'email,roles' }).expect(200);
    expect(page.body.data).toEqual(expect.arrayContaining([{ id, version: 1, email: 'cai@example.com', roles: ['auditor'] }]));
    const all = await list({ limit: '500' }).expect(200);
    expect(all.body.data.every((u: Record<string, unknown>) => Array.isArray(u.roles) && !('password' in u))).toBe(true);
    for (const text of [one.text, page.text, all.text]) expect(text).not.toMatch(/argon2|password|Corr3ct/i);
  });

  it('replaces the password on PATCH: the old one fails, the new one logs in, and the user\'s sessions end', async () => {
    const id = (await create({ email: 'dan@example.com', name: 'Dan', password: SECRET }).expect(201)).body.id as string;
    const before = await token('dan@example.com', SECRET);
    await request(server).get('/api/auth/me').set({ Authorization: `Bearer ${before}` }).expect(200);
    const changed = await patch(id, { password: 'n3w-pass-phrase' });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ version: 2, roles: [] });
    expect(changed.text).not.toMatch(/n3w-pass-phrase|argon2/);
    expect((await login('dan@example.com', SECRET)).status).toBe(401);
    expect((await login('dan@example.com', 'n3w-pass-phrase')).status).toBe(200);
    // A reset password is often a stolen one: whoever held a session with the old one is out.
    await eventually(async () => (await request(server).get('/api/auth/me').set({ Authorization: `Bearer ${before}` })).status === 401);
  });

  it('replaces the roles on PATCH, and the user\'s next requests see them', async () => {
    const id = (await create({ email: 'eve@example.com', name: 'Eve', password: SECRET, roles: ['sales_rep'] }).expect(201)).body.id as string;
    const eve = await token('eve@example.com', SECRET);
    expect((await request(server).get('/api/records/user').set(bearer(eve))).status).toBe(404);
    const promoted = await patch(id, { roles: ['admin', 'auditor'] }).expect(200);
    expect(promoted.body.roles).toEqual(['admin', 'auditor']);
    expect(await rolesOf(id)).toEqual(['admin', 'auditor']);
    await eventually(async () => (await request(server).get('/api/records/user').set(bearer(eve))).status === 200);
    expect((await request(server).get('/api/auth/me').set(bearer(eve))).body.user.roles).toEqual(['admin', 'auditor']);
    expect((await patch(id, { roles: [] }).expect(200)).body.roles).toEqual([]);
    expect(await rolesOf(id)).toEqual([]);
    // Every change of roles is in the user's history, in the row of the write that made it.
    const history = (await request(server).get(`/api/records/user/${id}/history`).set(bearer(admin)).expect(200)).body.data as Array<{ action: string; changes: Record<string, unknown> }>;
    expect(history.map((h) => [h.action, h.changes.roles])).toEqual([
      ['update', { old: ['admin', 'auditor'], new: [] }],
      ['update', { old: ['sales_rep'], new: ['admin', 'auditor'] }],
      ['create', { old: [], new: ['sales_rep'] }],
    ]);
    await eventually(async () => (await request(server).get('/api/records/user').set(bearer(eve))).status === 404);
    expect((await login('eve@example.com', SECRET)).status).toBe(200);
  });

  it('creates a user without a password, who cannot log in until an admin sets one', async () => {
    const created = await create({ email: 'fay@example.com', name: 'Fay' }).expect(201);
    expect(created.body.roles).toEqual([]);
    expect((await login('fay@example.com', SECRET)).status).toBe(401);
    await patch(created.body.id, { password: SECRET }).expect(200);
    expect((await login('fay@example.com', SECRET)).status).toBe(200);
  });

  it('creates users in bulk with their passwords and roles', async () => {
    const bulk = await request(server).post('/api/records/user/bulk').set(bearer(admin)).send({ records: [
      { email: 'gus@example.com', name: 'Gus', password: SECRET, roles: ['auditor'] },
      { email: 'hal@example.com', name: 'Hal', roles: ['sales_rep', 'admin'] },
    ] }).expect(200);
    expect(bulk.body.results.map((r: { status: number; record: { roles: string[] } }) => [r.status, r.record.roles])).toEqual([[201, ['auditor']], [201, ['admin', 'sales_rep']]]);
    expect(bulk.text).not.toMatch(/argon2|password/i);
    expect((await login('gus@example.com', SECRET)).status).toBe(200);
  });

  it.each([
    ['an unknown role', { roles: ['sales_rep', 'root'] }, '/roles/1', 'enum'],
    ['a role twice', { roles: ['auditor', 'auditor'] }, '/roles', 'uniqueItems'],
    ['roles that are not a list', { roles: 'admin' }, '/roles', 'type'],
    ['a short password', { password: 'short' }, '/password', 'minLength'],
    ['a password too long', { password: 'x'.repeat(201) }, '/password', 'maxLength'],
    ['a password that is not text', { password: 12345678 }, '/password', 'type'],
  ])('refuses %s with 400 at its path, creating and updating', async (_what, body, path, code) => {
    const refused = await create({ email: 'ivy@example.com', name: 'Ivy', ...body });
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([expect.objectContaining({ path, code })]);
    expect(await count('user', { email: 'ivy@example.com' })).toBe(0);
    const [target] = (await list({ 'where[email][$eq]': 'rep@example.com' })).body.data;
    const refusedUpdate = await patch(target.id, body);
    expect([refusedUpdate.status, refusedUpdate.body.errors]).toEqual([400, [expect.objectContaining({ path, code })]]);
    expect((await login('rep@example.com', PASSWORD)).status).toBe(200);
  });

  it('answers an unknown role at /roles/0', async () => {
    const refused = await create({ email: 'jo@example.com', name: 'Jo', roles: ['root'] });
    expect([refused.status, refused.body.errors[0].path]).toEqual([400, '/roles/0']);
  });

  it.each([
    ['where[password][$eq]', SECRET],
    ['filter', JSON.stringify({ password: { $exists: true } })],
    ['filter', JSON.stringify({ 'manager.password': SECRET })],
    ['sort', 'password'],
    ['sort', '-roles'],
    ['fields', 'name,password'],
  ])('refuses to filter, sort or select with %s=%s', async (name, value) => {
    const refused = await list({ [name]: value });
    expect(refused.status).toBe(400);
    expect(refused.body.errors[0].path).toMatch(/^\/query\//);
  });

  it('keeps the password out of the user\'s history', async () => {
    const id = (await create({ email: 'kim@example.com', name: 'Kim', password: SECRET, roles: ['auditor'] }).expect(201)).body.id as string;
    await patch(id, { password: 'an0ther-secret', name: 'Kim Lee' }).expect(200);
    const history = await request(server).get(`/api/records/user/${id}/history`).set(bearer(admin)).expect(200);
    expect(history.body.data.map((h: { action: string }) => h.action)).toEqual(['update', 'create']);
    expect(history.body.data[0].changes).toEqual({ name: { old: 'Kim', new: 'Kim Lee' } });
    expect(history.text).not.toMatch(/password|argon2|Corr3ct|an0ther/i);
    const rows = await f.t.db.knex('tessera_history').where({ entity: 'user', record_id: id }).pluck('changes');
    expect(JSON.stringify(rows)).not.toMatch(/password|argon2/i);
  });

  it('keeps users from non-admins', async () => {
    const [target] = (await list({ 'where[email][$eq]': 'admin@example.com' })).body.data;
    expect((await request(server).get('/api/records/user').set(bearer(rep))).status).toBe(404);
    expect((await request(server).get(`/api/records/user/${target.id}`).set(bearer(rep))).status).toBe(404);
    expect((await request(server).post('/api/records/user').set(bearer(rep)).send({ email: 'x@example.com', name: 'X', roles: ['admin'] })).status).toBe(404);
    expect((await request(server).patch(`/api/records/user/${target.id}`).set(bearer(rep)).send({ password: SECRET })).status).toBe(404);
    expect((await login('admin@example.com', PASSWORD)).status).toBe(200);
  });

  describe('when a side write fails', () => {
    // The database refuses the auditor role from here on: the roles are written after the user row and its password.
    beforeAll(() => f.t.db.knex.raw(`create function refuse_auditor() returns trigger language plpgsql as $$
        begin raise exception 'auditors are refused'; end $$;
      create trigger refuse_auditor before insert on tessera_user_roles for each row when (new.role = 'auditor') execute function refuse_auditor()`));
    afterAll(() => f.t.db.knex.raw('drop trigger refuse_auditor on tessera_user_roles; drop function refuse_auditor()'));

    it('writes nothing of a created user: no row, no password, no roles', async () => {
      const credentials = await count('tessera_credentials', {});
      const history = await count('tessera_history', { entity: 'user' });
      const failed = await create({ email: 'lou@example.com', name: 'Lou', password: SECRET, roles: ['sales_rep', 'auditor'] });
      expect(failed.status).toBe(500);
      expect(failed.text).not.toMatch(/argon2|Corr3ct/);
      expect(await count('user', { email: 'lou@example.com' })).toBe(0);
      expect(await count('tessera_credentials', {})).toBe(credentials);
      expect(await count('tessera_history', { entity: 'user' })).toBe(history);
      expect((await login('lou@example.com', SECRET)).status).toBe(401);
    });

    it('changes nothing of an updated user: same version, name, password and roles', async () => {
      const id = (await create({ email: 'max@example.com', name: 'Max', password: SECRET, roles: ['sales_rep'] }).expect(201)).body.id as string;
      const failed = await patch(id, { name: 'Maxine', password: 'n3w-pass-phrase', roles: ['auditor'] });
      expect(failed.status).toBe(500);
      expect((await read(id).expect(200)).body).toMatchObject({ name: 'Max', version: 1, roles: ['sales_rep'] });
      expect((await login('max@example.com', 'n3w-pass-phrase')).status).toBe(401);
      expect((await login('max@example.com', SECRET)).status).toBe(200);
      expect(await count('tessera_history', { entity: 'user', record_id: id })).toBe(1);
    });
  });
});
