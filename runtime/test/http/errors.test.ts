import { Router } from 'express';
import knexFactory from 'knex';
import pino from 'pino';
import { Writable } from 'node:stream';
import request from 'supertest';
import type { RouteModule } from '../../src/http/context';
import { Invalidations } from '../../src/db/invalidations';
import { createServer } from '../../src/http/server';
import { testEngines } from '../support/databases';
import { openHttpFixture, testApp, type HttpFixture } from './support';

/** A route test double that fails in the ways a records route can. */
const failing: RouteModule = {
  path: '/boom',
  routes: (ctx) => Router()
    .post('/unique', async () => {
      await ctx.db.knex.transaction(async (trx) => {
        await trx('user').insert({ email: 'twice@example.com', name: 'Twice' });
        await trx('user').insert({ email: 'twice@example.com', name: 'Twice' });
      });
    })
    .get('/uuid', async () => { await ctx.db.knex('user').where('id', 'not-a-uuid'); })
    .get('/range', async () => { await ctx.db.knex.raw('select 2147483648::int'); })
    .get('/reference', async () => { await ctx.db.knex('tessera_credentials').insert({ user_id: '00000000-0000-0000-0000-000000000000', password_hash: 'x' }); })
    .get('/timeout', () => { throw Object.assign(new Error('canceling statement due to statement timeout'), { code: '57014', severity: 'ERROR' }); })
    .get('/serialization', () => { throw Object.assign(new Error('could not serialize access'), { code: '40001', severity: 'ERROR' }); })
    .get('/syntax', async () => { await ctx.db.knex.raw('select * from "user" where'); })
    .get('/unknown', () => { throw new Error('secret detail: select password_hash from tessera_credentials'); })
    .post('/echo', (req, res) => { res.json(req.body); }),
};

// knex prints connection errors to the console unless given a logger.
const quiet = { warn: () => undefined, error: () => undefined, debug: () => undefined, deprecate: () => undefined };
const LEAKS = [/select|insert|from "?user|where/i, /tessera_|_unique|_key|constraint|duplicate/i, /\bat .*\.(ts|js):\d+/, /secret detail/, /not-a-uuid|2147483648/];

describe.each(testEngines())('errors and bodies on %s', (engine) => {
  let f: HttpFixture;
  let logged: string;
  let server: ReturnType<typeof createServer>;
  let bearer: string;
  beforeAll(async () => {
    f = await openHttpFixture(engine);
    await f.addUser({ email: 'root@example.com', password: 'root password' });
    const logger = pino({ level: 'error' }, new Writable({ write(chunk, _enc, done) { logged += String(chunk); done(); } }));
    server = createServer({ app: testApp, db: f.t.db, logger, options: { routes: [failing], bodyLimit: 2048 } });
    bearer = `Bearer ${(await request(server).post('/api/auth/login').send({ email: 'root@example.com', password: 'root password' })).body.token}`;
  });
  beforeEach(() => { logged = ''; });
  afterAll(() => f.t.close());

  it.each([
    ['post', '/api/boom/unique', 409, 'db.unique'],
    ['get', '/api/boom/uuid', 400, 'db.invalid-value'],
    ['get', '/api/boom/range', 400, 'db.out-of-range'],
    ['get', '/api/boom/reference', 409, 'db.reference'],
    ['get', '/api/boom/timeout', 503, 'db.timeout'],
    ['get', '/api/boom/serialization', 409, 'db.serialization'],
    ['get', '/api/boom/syntax', 500, 'internal'],
    ['get', '/api/boom/unknown', 500, 'internal'],
  ] as const)('%s %s answers %i problem+json with no SQL, stack or constraint name', async (method, path, status, code) => {
    const res = await request(server)[method](path).set('Authorization', bearer).expect(status);
    expect(res.type).toBe('application/problem+json');
    expect(res.body).toMatchObject({ type: 'about:blank', status, code, title: expect.any(String), detail: expect.any(String) });
    for (const leak of LEAKS) expect(res.text).not.toMatch(leak);
    if (status === 500) expect(logged).toMatch(code === 'internal' && path.endsWith('unknown') ? /secret detail/ : /syntax error/);
  });

  it('answers 413 for a body over the limit, 415 for a wrong content type, 400 for malformed JSON', async () => {
    const post = () => request(server).post('/api/boom/echo').set('Authorization', bearer);
    const big = await post().send({ text: 'x'.repeat(4096) }).expect(413);
    expect(big.body).toMatchObject({ status: 413, code: 'body.too-large' });
    for (const [type, body] of [['text/plain', '{"a":1}'], ['application/x-www-form-urlencoded', 'role=admin'], ['multipart/form-data; boundary=x', '--x--']]) {
      const res = await post().set('Content-Type', type!).send(body).expect(415);
      expect(res.type).toBe('application/problem+json');
    }
    const bad = await post().set('Content-Type', 'application/json').send('{"a": 1,').expect(400);
    expect(bad.body).toMatchObject({ status: 400, code: 'body.malformed' });
    expect(bad.text).not.toMatch(/position|token|Unexpected/i);
    await post().set('Content-Type', 'application/json').send('"just a string"').expect(400);
    await post().set('Content-Type', 'application/json; charset=latin1').send('{}').expect(415);
    expect((await post().send({ a: 1 }).expect(200)).body).toEqual({ a: 1 });
  });

  it('checks the body before authentication, and the login body too', async () => {
    await request(server).post('/api/auth/login').set('Content-Type', 'text/plain').send('{"email":"a","password":"b"}').expect(415);
    await request(server).post('/api/auth/login').set('Content-Type', 'application/json').send('{').expect(400);
  });

  it('answers health 503 as problem+json when the database is unreachable', async () => {
    const knex = knexFactory({ client: 'pg', connection: { host: '127.0.0.1', port: 1 }, acquireConnectionTimeout: 1000, log: quiet });
    const invalidations = new Invalidations(() => Promise.reject(new Error('the database is down')));
    try {
      const down = createServer({ app: testApp, db: { knex, kind: 'postgres', stats: { statements: 0 }, invalidations, close: () => knex.destroy() } });
      const res = await request(down).get('/api/health').expect(503);
      expect(res.body).toMatchObject({ status: 503, code: 'health.database' });
      await request(down).get('/api/auth/me').set('Authorization', `Bearer ${'A'.repeat(43)}`).expect(503);
    } finally {
      await invalidations.close();
      await knex.destroy();
    }
  });

  it('sends security headers and no X-Powered-By', async () => {
    const res = await request(server).get('/api/health').expect(200);
    expect(res.headers['x-powered-by']).toBeUndefined();
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });
});
