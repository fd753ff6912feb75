import request from 'supertest';
import { testEngines } from '../support/databases';
import { openHttpFixture, type HttpFixture } from './support';

const DAVE = { email: 'dave@example.com', password: 'daves long password' };

describe.each(testEngines())('login rate limiting on %s', (engine) => {
  let f: HttpFixture;
  beforeAll(async () => {
    f = await openHttpFixture(engine);
    await f.addUser(DAVE);
  });
  afterAll(() => f.t.close());

  it('answers 429 with Retry-After on the 11th failed login for an email, even to a new server on the same database', async () => {
    const first = f.server();
    await request(first).post('/api/auth/login').send(DAVE).expect(200);
    for (let i = 1; i <= 10; i++) await request(first).post('/api/auth/login').send({ ...DAVE, password: `guess ${i}` }).expect(401);
    const blocked = await request(first).post('/api/auth/login').send({ email: DAVE.email.toUpperCase(), password: 'guess 11' }).expect(429);
    expect(blocked.type).toBe('application/problem+json');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(800);
    expect(Number(blocked.headers['retry-after'])).toBeLessThanOrEqual(900);
    // A restart, or another instance: the counters are in the database, and even the right password waits.
    const second = f.server();
    await request(second).post('/api/auth/login').send(DAVE).expect(429);
    // Another email from the same address is not blocked yet.
    await request(second).post('/api/auth/login').send({ email: 'eve@example.com', password: 'x' }).expect(401);
  });

  it('lets the email in again once its failures leave the window', async () => {
    await f.t.db.knex('tessera_login_attempts').where('email', DAVE.email).update({ at: f.t.db.knex.raw(`now() - interval '16 minutes'`) });
    await request(f.server()).post('/api/auth/login').send(DAVE).expect(200);
  });

  it('limits failures per client address across emails', async () => {
    const server = f.server({ trustProxy: true, loginLimits: { perIp: 3 } });
    const from = (ip: string, n: number) => request(server).post('/api/auth/login').set('X-Forwarded-For', ip).send({ email: `user${n}@example.com`, password: 'x' });
    for (let n = 0; n < 3; n++) await from('203.0.113.7', n).expect(401);
    await from('203.0.113.7', 99).expect(429);
    await from('203.0.113.8', 99).expect(401);
  });

  it('forgets an email\'s failures after a successful login', async () => {
    const server = f.server({ loginLimits: { perIp: 1000 } });
    for (let i = 0; i < 9; i++) await request(server).post('/api/auth/login').send({ ...DAVE, password: 'bad' }).expect(401);
    await request(server).post('/api/auth/login').send(DAVE).expect(200);
    for (let i = 0; i < 9; i++) await request(server).post('/api/auth/login').send({ ...DAVE, password: 'bad' }).expect(401);
    await request(server).post('/api/auth/login').send(DAVE).expect(200);
  });
});
