import { createAppModel } from '@tessera/core';
import type { EntityDefinition, RoleDefinition } from '@tessera/metadata';
import type { Express } from 'express';
import request from 'supertest';
import { ensureNotificationTables, OUTBOX_TABLE } from '../../src/notifications';
import { PluginError, type PluginApi } from '../../src/plugins/plugin-api';
import { LINK_SECRET_TABLE, pluginLinkUrl } from '../../src/plugins/plugin-links';
import { pluginMail } from '../../src/plugins/plugin-mail';
import { PluginRegistry } from '../../src/plugins/plugin-registry';
import { runPluginSchedule } from '../../src/plugins/plugin-schedules';
import { openHttpFixture, type HttpFixture } from '../http/support';
import { testEngines } from '../support/databases';

/** Mail to outside addresses and signed links: a newsletter plugin that welcomes subscribers and lets them leave. */
const entities: EntityDefinition[] = [{ name: 'subscriber', label: { en: 'Subscriber' }, titleField: 'name', fields: {
  name: { type: 'text', required: true }, address: { type: 'text', maxLength: 300 }, language: { type: 'text', maxLength: 10 },
  unsubscribed: { type: 'boolean', default: false }, leaves: { type: 'integer', readOnly: true, default: 0 },
} }];
const roles: RoleDefinition[] = [{ name: 'clerk', label: { en: 'Clerk' }, permissions: [{ action: ['read', 'create', 'update'], subject: 'subscriber' }] }];
const templates = [{ name: 'welcome', file: 'templates/welcome.hbs', sources: {
  en: 'Welcome, {{record.name}}\nHello {{record.name}}.\nTo leave: {{leave}}',
  'zh-CN': '欢迎，{{record.name}}\n{{record.name}}，您好。\n退订：{{leave}}',
} }];
const app = createAppModel({ name: 'news', label: { en: 'News', 'zh-CN': '新闻' }, entities: entities.map((definition) => ({ definition, origin: 'news' })), roles, templates });
const ORIGIN = 'https://crm.example.com';

type Row = Record<string, unknown>;
const register = (api: PluginApi) => {
  api.onWrite('subscriber', async ({ action, after, mail }) => {
    if (action === 'create' && after?.address) await mail({ to: String(after.address), template: 'welcome', data: { record: after }, key: `created:${String(after.id)}` });
  });
  api.recordAction('subscriber', 'welcome', {
    label: { en: 'Welcome' },
    run: async ({ record, body, mail, linkUrl }) => {
      const { round = 1, fail = false } = body as { round?: number; fail?: boolean };
      const leave = await linkUrl('leave', { subscriber: String(record.id) });
      const queued = await mail({ to: String(record.address), template: 'welcome', locale: (record.language as string | null) ?? undefined, data: { record, leave }, key: `welcome:${String(record.id)}:${round}` });
      if (fail) throw new PluginError({ en: 'Failed after mailing', 'zh-CN': '发信后失败' });
      return { queued, leave };
    },
  });
  api.link('leave', {
    label: { en: 'Unsubscribe', 'zh-CN': '退订' },
    run: async ({ payload, records }) => {
      const s = await records.get('subscriber', payload.subscriber!);
      if (s.unsubscribed !== true) await records.update('subscriber', s.id as string, { unsubscribed: true, leaves: (s.leaves as number) + 1 });
      return { en: `${String(s.name)} <left>`, 'zh-CN': `${String(s.name)} 已退订` };
    },
  });
  api.link('rejoin', {
    label: { en: 'Subscribe again', 'zh-CN': '重新订阅' },
    run: async () => {
      throw new PluginError({ en: 'Ask us to subscribe you again', 'zh-CN': '请联系我们重新订阅' });
    },
  });
  api.schedule('weekly', {
    label: { en: 'Weekly' }, cron: '0 1 * * 1',
    run: async ({ today, records, mail, linkUrl }) => {
      for (const s of await records.list('subscriber', { unsubscribed: false, address: { $exists: true } })) {
        await mail({ to: String(s.address), template: 'welcome', data: { record: s, leave: await linkUrl('leave', { subscriber: String(s.id) }) }, key: `weekly:${today}:${String(s.id)}` });
      }
    },
  });
};
const registry = PluginRegistry.of(app, [{ plugin: 'news', module: { register } }]);

describe('registering links', () => {
  it('refuses a link with a bad name or a name used twice, and tells the code of the app\'s templates', () => {
    const registering = (fn: (api: PluginApi) => void) => () => PluginRegistry.of(app, [{ plugin: 'news', module: { register: fn } }]);
    const run = async () => ({ en: 'ok' });
    expect(registering((api) => api.link('Leave now', { label: { en: 'Leave' }, run }))).toThrow('news: link "Leave now" must be a camelCase name');
    expect(registering((api) => {
      api.link('leave', { label: { en: 'Leave' }, run });
      api.link('leave', { label: { en: 'Leave' }, run });
    })).toThrow('news: link "leave" is registered twice');
    let seen: PluginApi['app'] | undefined;
    PluginRegistry.of(app, [{ plugin: 'news', module: { register: (api: PluginApi) => { seen = api.app; } } }]);
    expect([seen!.hasTemplate('welcome'), seen!.hasTemplate('task_assigned'), seen!.hasTemplate('nope')]).toEqual([true, true, false]);
    expect(seen!.label).toEqual({ en: 'News', 'zh-CN': '新闻' });
  });
});

describe.each(testEngines())('plugin mail and links on %s', (engine) => {
  let f: HttpFixture;
  let server: Express;
  let token = '';
  const saved = { smtp: process.env.SMTP_URL, url: process.env.TESSERA_PUBLIC_URL, secret: process.env.TESSERA_LINK_SECRET };
  const as = () => ({ Authorization: `Bearer ${token}` });
  const subscriber = async (body: Row) => (await request(server).post('/api/records/subscriber').set(as()).send(body).expect(201)).body as Row & { id: string };
  const welcome = (id: string, body: Row = {}) => request(server).post(`/api/records/subscriber/${id}/actions/welcome`).set(as()).send(body);
  const outbox = async (key: string) => (await f.t.db.knex(OUTBOX_TABLE).where({ key }).select('kind', 'payload', 'status')) as Array<{ kind: string; payload: Row; status: string }>;
  const read = async (id: string) => (await request(server).get(`/api/records/subscriber/${id}`).set(as()).expect(200)).body as Row;
  const pathOf = (url: string) => {
    expect(url.startsWith(`${ORIGIN}/api/links/news/`)).toBe(true);
    return url.slice(ORIGIN.length);
  };

  beforeAll(async () => {
    process.env.SMTP_URL = 'smtp://127.0.0.1:2525';
    process.env.TESSERA_PUBLIC_URL = `${ORIGIN}/`;
    delete process.env.TESSERA_LINK_SECRET;
    f = await openHttpFixture(engine, app);
    await ensureNotificationTables(f.t.db.knex);
    server = f.server({}, registry);
    await f.addUser({ email: 'clerk@example.com', password: 'pa55-word!', roles: ['clerk'] });
    token = (await request(server).post('/api/auth/login').send({ email: 'clerk@example.com', password: 'pa55-word!' }).expect(200)).body.token;
  });
  afterAll(async () => {
    for (const [name, value] of [['SMTP_URL', saved.smtp], ['TESSERA_PUBLIC_URL', saved.url], ['TESSERA_LINK_SECRET', saved.secret]] as const) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    await f.t.close();
  });

  it('queues an e-mail rendered from the template in the reader\'s language, once per key', async () => {
    const ann = await subscriber({ name: 'Ann & Bob', address: 'ann@example.com' });
    const wang = await subscriber({ name: '王芳', address: 'wang@example.com', language: 'zh-CN' });
    const first = (await welcome(ann.id).expect(200)).body;
    expect(first.queued).toBe(true);
    const [row] = await outbox(`plugin:news:welcome:${ann.id}:1`);
    expect(row).toMatchObject({ kind: 'email', status: 'pending', payload: {
      to: 'ann@example.com', subject: 'Welcome, Ann & Bob', text: `Hello Ann & Bob.\nTo leave: ${first.leave}`, locale: 'en',
    } });
    expect(row!.payload.html).toBe(`Hello Ann &amp; Bob.<br>\nTo leave: ${String(first.leave)}`);
    expect((await welcome(ann.id).expect(200)).body.queued).toBe(false);
    expect(await outbox(`plugin:news:welcome:${ann.id}:1`)).toHaveLength(1);
    await welcome(wang.id).expect(200);
    expect((await outbox(`plugin:news:welcome:${wang.id}:1`))[0]!.payload).toMatchObject({ subject: '欢迎，王芳', locale: 'zh-CN' });
  });

  it('takes the e-mail back with the transaction that queued it', async () => {
    const s = await subscriber({ name: 'Rolled back', address: 'back@example.com' });
    await welcome(s.id, { round: 2, fail: true }).expect(422);
    expect(await outbox(`plugin:news:welcome:${s.id}:2`)).toEqual([]);
  });

  it('mails from write handlers and schedule runs, keyed by the plugin', async () => {
    const s = await subscriber({ name: 'Created', address: 'created@example.com' });
    expect((await outbox(`plugin:news:created:${s.id}`))[0]!.payload).toMatchObject({ to: 'created@example.com', subject: 'Welcome, Created' });
    const target = { app, knex: f.t.db.knex, hooks: undefined, clock: () => new Date('2027-03-01T01:00:00Z') };
    await runPluginSchedule(target, registry.schedules.get('news.weekly')!);
    await runPluginSchedule(target, registry.schedules.get('news.weekly')!);
    const [weekly, ...more] = await outbox(`plugin:news:weekly:2027-03-01:${s.id}`);
    expect(more).toEqual([]);
    expect(String(weekly!.payload.text)).toMatch(new RegExp(`To leave: ${ORIGIN}/api/links/news/leave/[\\w-]+\\.[\\w-]+$`));
  });

  it('refuses an address that is not one, an unsubscribe URL that is not absolute, and a link the plugin did not register, naming the plugin', async () => {
    const mail = (to: string, unsubscribeUrl?: string) => f.t.db.knex.transaction((trx) =>
      pluginMail(app, trx, 'news')({ to, template: 'welcome', data: {}, key: `bad:${to}`, ...(unsubscribeUrl ? { unsubscribeUrl } : {}) }));
    await expect(mail('not an address')).rejects.toThrow('news: cannot mail "not an address": it is not an e-mail address');
    await expect(mail('a@example.com\r\nBcc: b@example.com')).rejects.toThrow(/^news: cannot mail/);
    await expect(mail('a@example.com', '/api/links/news/leave/x.y')).rejects.toThrow('news: the unsubscribe URL "/api/links/news/leave/x.y" is not an absolute http(s) URL');
    await expect(mail('a@example.com', 'javascript:alert(1)')).rejects.toThrow(/is not an absolute http\(s\) URL/);
    await expect(f.t.db.knex.transaction((trx) => pluginLinkUrl(registry.links, trx, 'news')('stay', { subscriber: 'x' }))).rejects.toThrow('news: no link "stay" is registered');
    expect(await f.t.db.knex(OUTBOX_TABLE).where('key', 'like', 'plugin:news:bad:%')).toEqual([]);
  });

  it('queues nothing and answers false when e-mail is not configured', async () => {
    const s = await subscriber({ name: 'Quiet', address: 'quiet@example.com' });
    delete process.env.SMTP_URL;
    try {
      expect((await welcome(s.id, { round: 3 }).expect(200)).body.queued).toBe(false);
    } finally {
      process.env.SMTP_URL = 'smtp://127.0.0.1:2525';
    }
    expect(await outbox(`plugin:news:welcome:${s.id}:3`)).toEqual([]);
  });

  it('runs a link from a mail without a session, as often as its handler decides, in the reader\'s language', async () => {
    const s = await subscriber({ name: 'Leaver', address: 'leaver@example.com' });
    await welcome(s.id).expect(200);
    const text = String((await outbox(`plugin:news:welcome:${s.id}:1`))[0]!.payload.text);
    const link = pathOf(/To leave: (\S+)/.exec(text)![1]!);
    const page = await request(server).get(link).expect(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.text).toContain('<title>Unsubscribe</title>');
    expect(page.text).toContain('<p>Leaver &lt;left&gt;</p>');
    expect(await read(s.id)).toMatchObject({ unsubscribed: true, leaves: 1 });
    const again = await request(server).get(link).set('Accept-Language', 'zh-CN,zh;q=0.9').expect(200);
    expect(again.text).toContain('<p>Leaver 已退订</p>');
    expect(await read(s.id)).toMatchObject({ unsubscribed: true, leaves: 1 });
  });

  it('takes the one-click POST of a mail client (a form body), and HEAD runs nothing', async () => {
    const s = await subscriber({ name: 'Clicker', address: 'clicker@example.com' });
    const link = pathOf((await welcome(s.id).expect(200)).body.leave);
    await request(server).head(link).expect(200);
    expect((await read(s.id)).unsubscribed).toBe(false);
    await request(server).post(link).type('form').send('List-Unsubscribe=One-Click').expect(200);
    expect(await read(s.id)).toMatchObject({ unsubscribed: true, leaves: 1 });
  });

  it('answers 404 to a token whose payload, link or plugin was changed, and the handler\'s refusal as a page', async () => {
    const [a, b] = [await subscriber({ name: 'A', address: 'a@example.com' }), await subscriber({ name: 'B', address: 'b@example.com' })];
    const link = pathOf((await welcome(a.id).expect(200)).body.leave);
    const [body, signature] = link.split('/').pop()!.split('.') as [string, string];
    const otherBody = Buffer.from(JSON.stringify({ subscriber: b.id })).toString('base64url');
    const last = signature.at(-1) === 'A' ? 'B' : 'A';
    for (const forged of [
      `/api/links/news/leave/${otherBody}.${signature}`, `/api/links/news/leave/${body}.${signature.slice(0, -1)}${last}`,
      `/api/links/news/rejoin/${body}.${signature}`, `/api/links/other/leave/${body}.${signature}`, '/api/links/news/leave/made-up',
    ]) {
      const res = await request(server).get(forged).expect(404);
      expect(res.body).toMatchObject({ status: 404, code: 'link.not-found' });
    }
    expect((await read(b.id)).unsubscribed).toBe(false);
    const rejoin = await f.t.db.knex.transaction((trx) => pluginLinkUrl(registry.links, trx, 'news')('rejoin', { subscriber: a.id }));
    const refused = await request(server).post(pathOf(rejoin)).set('Accept-Language', 'zh-CN').expect(422);
    expect(refused.text).toContain('<title>重新订阅</title>');
    expect(refused.text).toContain('<p>请联系我们重新订阅</p>');
  });

  it('signs with TESSERA_LINK_SECRET when set, else with one secret the database keeps for every server', async () => {
    const s = await subscriber({ name: 'Secret', address: 'secret@example.com' });
    const fromDb = (await welcome(s.id).expect(200)).body.leave;
    expect((await welcome(s.id).expect(200)).body.leave).toBe(fromDb);
    expect(Number((await f.t.db.knex(LINK_SECRET_TABLE).count({ n: '*' }))[0]!.n)).toBe(1);
    process.env.TESSERA_LINK_SECRET = 'a secret set by the operator, long enough';
    try {
      const fromEnv = (await welcome(s.id).expect(200)).body.leave;
      expect(fromEnv).not.toBe(fromDb);
      await request(f.server({}, registry)).head(pathOf(fromDb)).expect(404);
      await request(f.server({}, registry)).head(pathOf(fromEnv)).expect(200);
    } finally {
      delete process.env.TESSERA_LINK_SECRET;
    }
    await request(server).head(pathOf(fromDb)).expect(200);
  });

  it('stops a client address that keeps sending refused tokens, valid links included', async () => {
    const s = await subscriber({ name: 'Limited', address: 'limited@example.com' });
    const link = pathOf((await welcome(s.id).expect(200)).body.leave);
    const fresh = f.server({}, registry);
    for (let i = 0; i < 12; i++) await request(fresh).get(`/api/links/news/leave/guess${i}.x`).expect(404);
    const limited = await request(fresh).get(link).expect(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect((await read(s.id)).unsubscribed).toBe(false);
    await request(server).get(link).expect(200);
  });
});
