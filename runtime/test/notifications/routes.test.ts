import { createAppModel } from '@tessera/core';
import type { Express } from 'express';
import type { Knex } from 'knex';
import request from 'supertest';
import { enqueueWebhook, notificationRoutes, notifyUsers, outboxRoutes } from '../../src/notifications';
import type { HttpFixture } from '../http/support';
import { testEngines } from '../support/databases';
import { openNotificationFixture } from './support';

const app = createAppModel({ name: 'routes-test', entities: [], templates: [{ name: 'note', file: 'templates/note.hbs', sources: { default: 'Note {{n}}\nBody {{n}}' } }] });
const PASSWORD = 'pa55-word!';
const RECORD = '0b8e3c2a-3f9d-4a55-8e8f-7c2d9a1b4e60';

describe.each(testEngines())('/api/notifications and /api/outbox on %s', (engine) => {
  let f: HttpFixture;
  let knex: Knex;
  let server: Express;
  const ids = {} as Record<'admin' | 'ann' | 'bob', string>;
  const tokens = {} as Record<'admin' | 'ann' | 'bob', string>;
  const as = (who: keyof typeof tokens) => ({
    get: (path: string) => request(server).get(path).set('Authorization', `Bearer ${tokens[who]}`),
    post: (path: string) => request(server).post(path).set('Authorization', `Bearer ${tokens[who]}`),
  });
  /** Tells a user n things, each in its own transaction (so each has its own created_at), oldest first. */
  const tell = async (user: string, ns: number[], extra: { entity?: string; recordId?: string; link?: string } = {}) => {
    for (const n of ns) await knex.transaction((trx) => notifyUsers(trx, app, { userIds: [user], template: 'note', data: { n }, key: `note:${n}`, channels: ['app'], ...extra }));
  };
  const titles = (res: request.Response) => (res.body.data as Array<{ title: string }>).map((d) => d.title);

  beforeAll(async () => {
    f = await openNotificationFixture(engine);
    knex = f.t.db.knex;
    server = f.server({ routes: [notificationRoutes, outboxRoutes] });
    for (const who of ['admin', 'ann', 'bob'] as const) {
      ids[who] = await f.addUser({ email: `${who}@example.com`, password: PASSWORD, roles: who === 'admin' ? ['admin'] : [] });
      tokens[who] = (await request(server).post('/api/auth/login').send({ email: `${who}@example.com`, password: PASSWORD }).expect(200)).body.token;
    }
  });
  beforeEach(async () => {
    await knex('tessera_notifications').delete();
    await knex('tessera_outbox').delete();
  });
  afterAll(() => f.t.close());

  it('lists the caller\'s own notifications, newest first, with the unread count', async () => {
    await tell(ids.ann, [1, 2], { entity: 'deal', recordId: RECORD, link: '/records/deal/x' });
    await tell(ids.bob, [3]);
    const res = await as('ann').get('/api/notifications').expect(200);
    expect(titles(res)).toEqual(['Note 2', 'Note 1']);
    expect(res.body.unread).toBe(2);
    expect(res.body.page).toEqual({ next: null });
    expect(res.body.data[0]).toEqual({
      id: expect.any(String), title: 'Note 2', body: 'Body 2', entity: 'deal', recordId: RECORD, link: '/records/deal/x',
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/), readAt: null,
    });
    expect(titles(await as('bob').get('/api/notifications').expect(200))).toEqual(['Note 3']);
  });

  it('pages with a cursor, each notification once, even among notifications made in one transaction', async () => {
    await tell(ids.ann, [1, 2, 3]);
    // Five more in one transaction: the same created_at, ordered by id.
    await knex.transaction(async (trx) => {
      for (const n of [4, 5, 6, 7, 8]) await notifyUsers(trx, app, { userIds: [ids.ann], template: 'note', data: { n }, key: `same:${n}`, channels: ['app'] });
    });
    const seen: string[] = [];
    let path = '/api/notifications?limit=3';
    for (let pages = 0; pages < 10; pages++) {
      const res = await as('ann').get(path).expect(200);
      seen.push(...titles(res));
      expect(res.body.data.length).toBeLessThanOrEqual(3);
      if (!res.body.page.next) break;
      path = `/api/notifications?limit=3&cursor=${res.body.page.next}`;
    }
    expect(seen).toHaveLength(8);
    expect(new Set(seen).size).toBe(8);
    expect(seen.slice(5)).toEqual(['Note 3', 'Note 2', 'Note 1']);
  });

  it('marks one read (only the caller\'s own) and then all, and filters the unread', async () => {
    await tell(ids.ann, [1, 2, 3]);
    await tell(ids.bob, [9]);
    const [newest, middle] = (await as('ann').get('/api/notifications').expect(200)).body.data as Array<{ id: string }>;
    const bobs = (await as('bob').get('/api/notifications').expect(200)).body.data[0] as { id: string };

    const read = await as('ann').post(`/api/notifications/${middle!.id}/read`).expect(200);
    expect(read.body).toMatchObject({ id: middle!.id, title: 'Note 2', readAt: expect.any(String) });
    // Reading again keeps the first reading time.
    expect((await as('ann').post(`/api/notifications/${middle!.id}/read`).expect(200)).body.readAt).toBe(read.body.readAt);

    const unread = await as('ann').get('/api/notifications?unread=true').expect(200);
    expect(titles(unread)).toEqual(['Note 3', 'Note 1']);
    expect(unread.body.unread).toBe(2);
    expect(titles(await as('ann').get('/api/notifications?unread=false').expect(200))).toEqual(['Note 3', 'Note 2', 'Note 1']);

    await as('ann').post(`/api/notifications/${bobs.id}/read`).expect(404);
    await as('bob').post(`/api/notifications/${newest!.id}/read`).expect(404);
    await as('ann').post('/api/notifications/not-a-uuid/read').expect(404);
    await as('ann').post('/api/notifications/00000000-0000-4000-8000-000000000000/read').expect(404);
    expect((await as('bob').get('/api/notifications').expect(200)).body.unread).toBe(1);

    expect((await as('ann').post('/api/notifications/read').expect(200)).body).toEqual({ updated: 2 });
    const after = await as('ann').get('/api/notifications').expect(200);
    expect(after.body.unread).toBe(0);
    expect((after.body.data as Array<{ readAt: string | null }>).every((d) => d.readAt)).toBe(true);
    expect(titles(await as('ann').get('/api/notifications?unread=true').expect(200))).toEqual([]);
    expect((await as('bob').get('/api/notifications').expect(200)).body.unread).toBe(1);
  });

  it.each([
    ['limit=0', '/query/limit'], ['limit=201', '/query/limit'], ['limit=ten', '/query/limit'], ['limit=1&limit=2', '/query/limit'],
    ['unread=yes', '/query/unread'], ['cursor=bogus', '/query/cursor'], ['sort=title', '/query/sort'],
    // A cursor of the outbox list is no cursor of this one.
    ['cursor=WyIxMiJd', '/query/cursor'],
  ])('answers 400 to ?%s, pointing at %s', async (query, path) => {
    const res = await as('ann').get(`/api/notifications?${query}`).expect(400);
    expect(res.body).toMatchObject({ status: 400, code: 'query.invalid' });
    expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
  });

  it('needs a signed-in user', async () => {
    await request(server).get('/api/notifications').expect(401);
    await request(server).get('/api/outbox').expect(401);
  });

  it('shows the outbox to admins only, by status, newest first, paged, with URL passwords masked', async () => {
    await knex.transaction(async (trx) => {
      await enqueueWebhook(trx, { url: 'https://user:hunter2@hooks.example.com/a', body: { n: 1 }, key: 'a' });
      await enqueueWebhook(trx, { url: 'https://hooks.example.com/b', body: { n: 2 }, key: 'b' });
      await enqueueWebhook(trx, { url: 'https://hooks.example.com/c', body: { n: 3 }, key: 'c' });
    });
    await knex('tessera_outbox').where({ key: 'webhook:b' }).update({ status: 'dead', attempts: 8, last_error: 'the receiver answered 410', next_at: null });
    const forbidden = await as('ann').get('/api/outbox').expect(403);
    expect(forbidden.body.code).toBe('outbox.forbidden');

    const all = await as('admin').get('/api/outbox').expect(200);
    expect((all.body.data as Array<{ key: string }>).map((d) => d.key)).toEqual(['webhook:c', 'webhook:b', 'webhook:a']);
    expect(all.body.page).toEqual({ next: null });
    expect(all.body.data[2]).toEqual({
      id: expect.stringMatching(/^\d+$/), key: 'webhook:a', kind: 'webhook', status: 'pending', attempts: 0, nextAt: expect.any(String),
      leaseUntil: null, lastError: null, createdAt: expect.any(String), sentAt: null,
      payload: { url: 'https://user:***@hooks.example.com/a', method: 'POST', body: { n: 1 } },
    });
    expect(JSON.stringify(all.body)).not.toContain('hunter2');

    const dead = await as('admin').get('/api/outbox?status=dead').expect(200);
    expect(dead.body.data).toMatchObject([{ key: 'webhook:b', status: 'dead', attempts: 8, lastError: 'the receiver answered 410' }]);

    const first = await as('admin').get('/api/outbox?limit=2').expect(200);
    expect((first.body.data as Array<{ key: string }>).map((d) => d.key)).toEqual(['webhook:c', 'webhook:b']);
    const second = await as('admin').get(`/api/outbox?limit=2&cursor=${first.body.page.next}`).expect(200);
    expect(second.body).toMatchObject({ data: [{ key: 'webhook:a' }], page: { next: null } });

    await as('admin').get('/api/outbox?status=lost').expect(400);
    await as('admin').get('/api/outbox?cursor=abc').expect(400);
  });

  it('lets an admin send a dead delivery again, and nothing else', async () => {
    await knex.transaction(async (trx) => {
      await enqueueWebhook(trx, { url: 'https://hooks.example.com/dead', body: {}, key: 'dead' });
      await enqueueWebhook(trx, { url: 'https://hooks.example.com/live', body: {}, key: 'live' });
    });
    await knex('tessera_outbox').where({ key: 'webhook:dead' }).update({ status: 'dead', attempts: 8, last_error: 'refused', next_at: null });
    const [dead, live] = await knex('tessera_outbox').orderBy('id').pluck('id') as string[];

    await as('ann').post(`/api/outbox/${dead}/retry`).expect(403);
    const retried = await as('admin').post(`/api/outbox/${dead}/retry`).expect(200);
    expect(retried.body).toMatchObject({ id: String(dead), status: 'pending', attempts: 0, nextAt: expect.any(String), lastError: 'refused' });
    expect(await knex('tessera_outbox').where({ id: dead }).first('status', 'attempts')).toEqual({ status: 'pending', attempts: 0 });

    const conflict = await as('admin').post(`/api/outbox/${live}/retry`).expect(409);
    expect(conflict.body.code).toBe('outbox.not-dead');
    await as('admin').post('/api/outbox/999999999/retry').expect(404);
    await as('admin').post('/api/outbox/abc/retry').expect(404);
    await as('admin').post('/api/outbox/99999999999999999999999/retry').expect(404);
  });
});
