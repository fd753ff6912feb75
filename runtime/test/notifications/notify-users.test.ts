import { createAppModel } from '@tessera/core';
import type { Knex } from 'knex';
import { ensureNotificationTables, enqueueWebhook, notifyUsers } from '../../src/notifications';
import type { HttpFixture } from '../http/support';
import { testEngines } from '../support/databases';
import { addRecipient, openNotificationFixture, outboxRows } from './support';

const app = createAppModel({ name: 'notify-test', entities: [] });
const task = {
  task: { id: 't1' }, process: { label: { en: 'Deal approval', 'zh-CN': '商机审批' } },
  record: { title: 'Big deal', entity: { en: 'Deal', 'zh-CN': '商机' } }, submitter: { name: 'Ann' }, link: '/tasks/t1',
};
const RECORD = '6f1c1f0e-8d0a-4c1e-9a53-2b1d3f3a9e10';

describe.each(testEngines())('notifyUsers on %s', (engine) => {
  let f: HttpFixture;
  let knex: Knex;
  let en: string;
  let zh: string;
  let noMail: string;
  let inactive: string;
  const savedSmtp = process.env.SMTP_URL;

  beforeAll(async () => {
    f = await openNotificationFixture(engine);
    knex = f.t.db.knex;
    en = await addRecipient(knex, { email: 'en@example.com', name: 'Eve', locale: 'en' });
    zh = await addRecipient(knex, { email: 'zh@example.com', name: '张三', locale: 'zh-CN' });
    // The user entity requires an e-mail; an empty one (an imported user, say) must still get no mail.
    noMail = await addRecipient(knex, { email: '', name: 'Nils', locale: null });
    inactive = await addRecipient(knex, { email: 'gone@example.com', name: 'Gone', active: false });
  });
  beforeEach(async () => {
    process.env.SMTP_URL = 'smtp://127.0.0.1:2525';
    await knex('tessera_notifications').delete();
    await knex('tessera_outbox').delete();
  });
  afterAll(async () => {
    if (savedSmtp === undefined) delete process.env.SMTP_URL;
    else process.env.SMTP_URL = savedSmtp;
    await f.t.close();
  });

  const notify = (n: Partial<Parameters<typeof notifyUsers>[2]> = {}) => knex.transaction((trx) => notifyUsers(trx, app, {
    userIds: [en, zh], template: 'task_assigned', data: task, key: 'task:t1:1', entity: 'deal', recordId: RECORD, link: '/tasks/t1', ...n,
  }));

  it('writes one notification and one e-mail row per user, each in the user\'s language', async () => {
    await notify();
    const notes = await knex('tessera_notifications').orderBy('title');
    expect(notes).toHaveLength(2);
    const byUser = Object.fromEntries(notes.map((n) => [n.user_id, n]));
    expect(byUser[en]).toMatchObject({ key: 'task:t1:1', title: 'Deal approval: a task for you on Big deal', entity: 'deal', record_id: RECORD, link: '/tasks/t1', read_at: null });
    expect(byUser[en].body).toContain('Ann started Deal approval on Deal "Big deal".');
    expect(byUser[zh]).toMatchObject({ title: '商机审批：Big deal 待您处理' });
    expect(byUser[zh].body).toContain('Ann 对商机「Big deal」发起了商机审批。');
    const rows = await outboxRows(knex);
    expect(rows.map((r) => [r.kind, r.status, r.attempts, r.key])).toEqual(expect.arrayContaining([
      ['email', 'pending', 0, `email:${en}:task:t1:1`], ['email', 'pending', 0, `email:${zh}:task:t1:1`],
    ]));
    expect(rows).toHaveLength(2);
    const mail = Object.fromEntries(rows.map((r) => [(r.payload as { to: string }).to, r.payload]));
    expect(mail['en@example.com']).toMatchObject({ subject: 'Deal approval: a task for you on Big deal', locale: 'en' });
    expect(mail['zh@example.com']).toMatchObject({ subject: '商机审批：Big deal 待您处理', locale: 'zh-CN' });
    expect((mail['zh@example.com'] as { text: string }).text).toContain('打开任务：/tasks/t1');
  });

  it('is idempotent by key: the same key for the same user writes nothing twice, a new key or user does', async () => {
    await notify();
    await notify();
    await notify({ userIds: [en, zh, en] });
    expect(await knex('tessera_notifications').count({ n: '*' })).toEqual([{ n: '2' }]);
    expect(await outboxRows(knex)).toHaveLength(2);
    await notify({ key: 'task:t1:2', userIds: [en] });
    expect(await knex('tessera_notifications').where({ user_id: en }).orderBy('key').pluck('key')).toEqual(['task:t1:1', 'task:t1:2']);
    expect(await outboxRows(knex)).toHaveLength(3);
  });

  it('writes nothing at all when the caller\'s transaction rolls back', async () => {
    await expect(knex.transaction(async (trx) => {
      await notifyUsers(trx, app, { userIds: [en], template: 'task_assigned', data: task, key: 'k' });
      await enqueueWebhook(trx, { url: 'https://hooks.example.com/x', body: { a: 1 }, key: 'k' });
      throw new Error('the business change failed');
    })).rejects.toThrow('the business change failed');
    expect(await knex('tessera_notifications').count({ n: '*' })).toEqual([{ n: '0' }]);
    expect(await outboxRows(knex)).toEqual([]);
  });

  it('sends only on the channels asked for, and writes no e-mail without SMTP_URL', async () => {
    await notify({ channels: ['app'], key: 'app-only' });
    expect(await outboxRows(knex)).toEqual([]);
    await notify({ channels: ['email'], key: 'mail-only' });
    expect(await knex('tessera_notifications').where({ key: 'mail-only' }).count({ n: '*' })).toEqual([{ n: '0' }]);
    expect(await outboxRows(knex)).toHaveLength(2);
    delete process.env.SMTP_URL;
    await notify({ key: 'no-smtp' });
    expect(await knex('tessera_notifications').where({ key: 'no-smtp' }).count({ n: '*' })).toEqual([{ n: '2' }]);
    expect(await outboxRows(knex)).toHaveLength(2);
  });

  it('tells inactive and unknown users nothing, ignores ids that are not UUIDs, mails nobody without an address, and uses the app\'s language for users without one', async () => {
    await notify({ userIds: [inactive, noMail, '00000000-0000-4000-8000-000000000000', 'not-a-uuid'], key: 'misc' });
    const notes = await knex('tessera_notifications');
    expect(notes.map((n) => [n.user_id, n.title])).toEqual([[noMail, 'Deal approval: a task for you on Big deal']]);
    expect(await outboxRows(knex)).toEqual([]);
    const zhApp = createAppModel({ name: 'zh-app', entities: [], defaultLocale: 'zh-CN' });
    await knex.transaction((trx) => notifyUsers(trx, zhApp, { userIds: [noMail], template: 'task_assigned', data: task, key: 'zh-default' }));
    expect(await knex('tessera_notifications').where({ key: 'zh-default' }).pluck('title')).toEqual(['商机审批：Big deal 待您处理']);
  });

  it('fails the caller\'s transaction on a template that does not exist, naming it', async () => {
    await expect(notify({ template: 'no_such_template' })).rejects.toThrow(/no template "no_such_template"/);
    expect(await knex('tessera_notifications').count({ n: '*' })).toEqual([{ n: '0' }]);
  });

  it('queues webhooks idempotently by key, with POST by default', async () => {
    await knex.transaction(async (trx) => {
      await enqueueWebhook(trx, { url: 'https://hooks.example.com/a', body: { n: 1 }, key: 'w1' });
      await enqueueWebhook(trx, { url: 'https://hooks.example.com/a', body: { n: 2 }, key: 'w1' });
      await enqueueWebhook(trx, { url: 'https://hooks.example.com/b', method: 'PUT', body: [1, 'two'], key: 'w2' });
    });
    const rows = await outboxRows(knex);
    expect(rows.map((r) => [r.key, r.kind, r.payload])).toEqual([
      ['webhook:w1', 'webhook', { url: 'https://hooks.example.com/a', method: 'POST', body: { n: 1 } }],
      ['webhook:w2', 'webhook', { url: 'https://hooks.example.com/b', method: 'PUT', body: [1, 'two'] }],
    ]);
    await expect(knex.transaction((trx) => enqueueWebhook(trx, { url: 'https://x.example.com', body: { big: 1n }, key: 'w3' }))).rejects.toThrow(/BigInt/);
  });

  it('can create its tables again, inside a transaction too, without harm', async () => {
    await ensureNotificationTables(knex);
    await knex.transaction((trx) => ensureNotificationTables(trx));
    await notify({ channels: ['app'] });
    expect(await knex('tessera_notifications').count({ n: '*' })).toEqual([{ n: '2' }]);
  });
});
