import type { Express } from 'express';
import request from 'supertest';
import { CSRF_COOKIE, SESSION_COOKIE } from '../../src/http/session-cookies';
import { testEngines } from '../support/databases';
import { eventually } from '../support/eventually';
import { cookieLine, cookieValue, openHttpFixture, type HttpFixture } from './support';

const ALICE = { email: 'alice@example.com', password: 'correct horse battery staple' };
const login = (server: Express, body: object) => request(server).post('/api/auth/login').send(body);

describe.each(testEngines())('auth on %s', (engine) => {
  let f: HttpFixture;
  let server: Express;
  let aliceId: string;
  beforeAll(async () => {
    f = await openHttpFixture(engine);
    aliceId = await f.addUser({ ...ALICE, name: 'Alice', roles: ['sales'] });
    await f.addUser({ email: 'bob@example.com', password: 'bobs password', active: false });
    server = f.server();
  });
  afterAll(() => f.t.close());

  it('answers health without credentials', async () => {
    const res = await request(server).get('/api/health').expect(200);
    expect(res.body).toEqual({ status: 'ok', database: 'ok' });
  });

  it('refuses every other /api route without credentials, unknown ones too', async () => {
    for (const path of ['/api/auth/me', '/api/records/account', '/api/nothing-here']) {
      const res = await request(server).get(path).expect(401);
      expect(res.type).toBe('application/problem+json');
      expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
    }
    await request(server).post('/api/auth/logout').expect(401);
    await request(server).get('/api/auth/me').set('Authorization', 'Basic YTpi').expect(401);
    await request(server).get('/api/auth/me').set('Authorization', 'Bearer not-a-token').expect(401);
    await request(server).get('/api/auth/me').set('Cookie', `${SESSION_COOKIE}=${'A'.repeat(43)}`).expect(401);
  });

  it('logs in: a token, the user without secrets, and an httpOnly SameSite=Lax session cookie', async () => {
    const res = await login(server, { email: 'Alice@Example.com', password: ALICE.password }).expect(200);
    expect(res.body).toEqual({ token: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/), user: { id: aliceId, email: ALICE.email, name: 'Alice', roles: ['sales'] } });
    const session = cookieLine(res.headers['set-cookie'], SESSION_COOKIE)!;
    expect(session).toMatch(/HttpOnly/);
    expect(session).toMatch(/SameSite=Lax/);
    expect(session).not.toMatch(/Secure/);
    expect(cookieLine(res.headers['set-cookie'], CSRF_COOKIE)).not.toMatch(/HttpOnly/);
    expect(res.headers['cache-control']).toBe('no-store');
    const stored = await f.t.db.knex('tessera_sessions').pluck('token_hash') as Buffer[];
    expect(stored.some((h) => h.toString('hex').includes(Buffer.from(res.body.token).toString('hex')))).toBe(false);
  });

  it('marks the cookie Secure when the request came over https', async () => {
    const res = await login(f.server({ trustProxy: true }), ALICE).set('X-Forwarded-Proto', 'https').expect(200);
    expect(cookieLine(res.headers['set-cookie'], SESSION_COOKIE)).toMatch(/Secure/);
  });

  it('gives the same 401 body for a wrong password, an unknown email and an inactive user', async () => {
    const wrong = await login(server, { email: ALICE.email, password: 'nope' }).expect(401);
    const unknown = await login(server, { email: 'nobody@example.com', password: 'nope' }).expect(401);
    const inactive = await login(server, { email: 'bob@example.com', password: 'bobs password' }).expect(401);
    expect(wrong.type).toBe('application/problem+json');
    expect(unknown.body).toEqual(wrong.body);
    expect(inactive.body).toEqual(wrong.body);
    expect(wrong.headers['set-cookie']).toBeUndefined();
  });

  it('answers 400 with field paths for a malformed login body', async () => {
    const res = await login(server, { email: ALICE.email, password: { $ne: '' } }).expect(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ path: '/password', code: 'required' })]);
    await login(server, ['x']).expect(400);
  });

  it('accepts the token as Bearer, on safe and unsafe requests, without CSRF', async () => {
    const { token } = (await login(server, ALICE).expect(200)).body;
    const me = await request(server).get('/api/auth/me').set('Authorization', `Bearer ${token}`).expect(200);
    expect(me.body).toEqual({ user: { id: aliceId, email: ALICE.email, name: 'Alice', roles: ['sales'] } });
    await request(server).post('/api/auth/logout').set('Authorization', `Bearer ${token}`).expect(204);
  });

  it('accepts the session cookie; unsafe requests need the matching X-CSRF-Token (403 otherwise)', async () => {
    const agent = request.agent(server);
    const res = await agent.post('/api/auth/login').send(ALICE).expect(200);
    const csrf = cookieValue(res.headers['set-cookie'], CSRF_COOKIE)!;
    await agent.get('/api/auth/me').expect(200);
    const missing = await agent.post('/api/auth/logout').expect(403);
    expect(missing.body).toMatchObject({ status: 403, code: 'auth.csrf' });
    await agent.post('/api/auth/logout').set('X-CSRF-Token', 'x'.repeat(csrf.length)).expect(403);
    const other = (await login(server, ALICE).expect(200)).headers['set-cookie'];
    await agent.post('/api/auth/logout').set('X-CSRF-Token', cookieValue(other, CSRF_COOKIE)!).expect(403);
    await agent.get('/api/auth/me').expect(200);
    const out = await agent.post('/api/auth/logout').set('X-CSRF-Token', csrf).expect(204);
    expect(cookieLine(out.headers['set-cookie'], SESSION_COOKIE)).toMatch(/Expires=Thu, 01 Jan 1970/);
  });

  it('revokes the token and the session at logout', async () => {
    const res = await login(server, ALICE).expect(200);
    const { token } = res.body;
    const cookie = `${SESSION_COOKIE}=${cookieValue(res.headers['set-cookie'], SESSION_COOKIE)}`;
    await request(server).post('/api/auth/logout').set('Authorization', `Bearer ${token}`).expect(204);
    await request(server).get('/api/auth/me').set('Authorization', `Bearer ${token}`).expect(401);
    await request(server).get('/api/auth/me').set('Cookie', cookie).expect(401);
    await request(server).post('/api/auth/logout').set('Authorization', `Bearer ${token}`).expect(401);
  });

  it('stops a token working once its user is made inactive, and after it expires', async () => {
    const carol = await f.addUser({ email: 'carol@example.com', password: 'carols password' });
    const { token } = (await login(server, { email: 'carol@example.com', password: 'carols password' }).expect(200)).body;
    await request(server).get('/api/auth/me').set('Authorization', `Bearer ${token}`).expect(200);
    // Written straight to the database, as another instance would: the trigger's notification reaches this instance's
    // session cache a moment after the commit (a write through this instance's API flushes it at once).
    await f.t.db.knex('user').where('id', carol).update({ active: false });
    await eventually(async () => (await request(server).get('/api/auth/me').set('Authorization', `Bearer ${token}`)).status === 401);
    const short = f.server({ sessionTtlMs: 1 });
    const brief = (await login(short, ALICE).expect(200)).body.token;
    await new Promise((r) => setTimeout(r, 20));
    await request(short).get('/api/auth/me').set('Authorization', `Bearer ${brief}`).expect(401);
  });

  it('never lets a password hash leave the server', async () => {
    const hashes = await f.t.db.knex('tessera_credentials').pluck('password_hash') as string[];
    expect(hashes.length).toBeGreaterThan(0);
    const res = await login(server, ALICE).expect(200);
    const bearer = `Bearer ${res.body.token}`;
    const bodies = [
      res.text,
      (await request(server).get('/api/auth/me').set('Authorization', bearer)).text,
      (await login(server, { email: ALICE.email, password: 'wrong' })).text,
      (await request(server).get('/api/health')).text,
    ];
    for (const text of bodies) {
      expect(text).not.toMatch(/\$argon2/);
      for (const hash of hashes) expect(text).not.toContain(hash.split('$').pop());
    }
  });
});
