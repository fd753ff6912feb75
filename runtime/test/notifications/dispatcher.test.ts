import { createServer as createNetServer, type AddressInfo, type Socket } from 'node:net';
import { createAppModel } from '@tessera/core';
import type { Knex } from 'knex';
import { enqueueWebhook, notifyUsers, OutboxDispatcher, verifyWebhookSignature, type DeliveryConfig } from '../../src/notifications';
import { claimDue, enqueue, markSent } from '../../src/notifications/outbox-store';
import type { HttpFixture } from '../http/support';
import { testEngines } from '../support/databases';
import { eventually } from '../support/eventually';
import { addRecipient, closedPort, openNotificationFixture, outboxRows, silentLogger, startReceiver, startSmtpServer, testConfig } from './support';

const app = createAppModel({ name: 'dispatch-test', entities: [] });
const data = { task: { id: 't9' }, process: { label: { en: 'Discount approval' } }, record: { title: 'ACME renewal', entity: { en: 'Deal' } }, link: 'https://crm.example.com/tasks/t9' };
const SECRET = 'whsec-test';

describe.each(testEngines())('OutboxDispatcher on %s', (engine) => {
  let f: HttpFixture;
  let knex: Knex;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let userId: string;
  const savedSmtp = process.env.SMTP_URL;
  const dispatchers: OutboxDispatcher[] = [];

  /** A dispatcher on the test database (stopped after each test), with SMTP to the test server unless told otherwise. */
  const dispatcher = (env: Record<string, string> = {}, overrides: Partial<DeliveryConfig> = {}) => {
    const d = new OutboxDispatcher(f.t.db, testConfig({ SMTP_URL: smtp.url, MAIL_FROM: 'CRM <crm@example.com>', TESSERA_WEBHOOK_SECRET: SECRET, ...env }, overrides), silentLogger);
    dispatchers.push(d);
    return d;
  };
  const notify = (key: string) => knex.transaction((trx) => notifyUsers(trx, app, { userIds: [userId], template: 'task_assigned', data, key }));
  const webhook = (path: string, key = path) => knex.transaction((trx) => enqueueWebhook(trx, { url: `${receiver.url}${path}`, body: { event: 'x', key }, key }));

  beforeAll(async () => {
    f = await openNotificationFixture(engine);
    knex = f.t.db.knex;
    [smtp, receiver] = await Promise.all([startSmtpServer(), startReceiver()]);
    process.env.SMTP_URL = smtp.url;
    userId = await addRecipient(knex, { email: 'rep@example.com', name: 'Rep', locale: 'en' });
  });
  beforeEach(async () => {
    await knex('tessera_outbox').delete();
    smtp.received.length = 0;
    receiver.calls.length = 0;
    receiver.answer.clear();
    receiver.delay.clear();
  });
  afterEach(async () => {
    await Promise.all(dispatchers.splice(0).map((d) => d.stop()));
  });
  afterAll(async () => {
    if (savedSmtp === undefined) delete process.env.SMTP_URL;
    else process.env.SMTP_URL = savedSmtp;
    await Promise.all([smtp.close(), receiver.close()]);
    await f.t.close();
  });

  it('delivers e-mail over SMTP with the recipient, subject, body and a Message-ID made from the outbox id', async () => {
    await notify('mail-1');
    expect(await dispatcher().drain()).toBe(1);
    const [row] = await outboxRows(knex);
    expect(row).toMatchObject({ status: 'sent', attempts: 1, last_error: null, lease_until: null });
    expect(row!.sent_at).toEqual(expect.any(String));
    expect(smtp.received).toHaveLength(1);
    const mail = smtp.received[0]!;
    expect(mail.to).toEqual(['rep@example.com']);
    expect(mail.from).toBe('crm@example.com');
    expect(mail.headers['subject']).toBe('Discount approval: a task for you on ACME renewal');
    expect(mail.headers['message-id']).toBe(`<outbox-${row!.id}@tessera>`);
    expect(mail.text).toContain('Discount approval is running on Deal "ACME renewal".');
    expect(mail.text).toContain('Open the task: https://crm.example.com/tasks/t9');
    expect(mail.raw).toMatch(/Content-Type: text\/html/);
    expect(await dispatcher().drain()).toBe(0);
    expect(smtp.received).toHaveLength(1);
  });

  it('sends a mail\'s one-click unsubscribe link as List-Unsubscribe headers (RFC 8058)', async () => {
    const url = 'https://crm.example.com/api/links/crm-marketing/unsubscribe/abc.def';
    await knex.transaction((trx) => enqueue(trx, 'email', [{ key: 'mail-unsubscribe', payload: { to: 'member@example.com', subject: 'News', text: 'Hello', locale: 'en', unsubscribeUrl: url } }]));
    expect(await dispatcher().drain()).toBe(1);
    const mail = smtp.received.find((m) => m.to.includes('member@example.com'))!;
    expect(mail.headers['list-unsubscribe']).toBe(`<${url}>`);
    expect(mail.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
  });

  it('retries e-mail with backoff while the SMTP server is down', async () => {
    await notify('mail-down');
    const down = `smtp://127.0.0.1:${await closedPort()}`;
    expect(await dispatcher({ SMTP_URL: down, TESSERA_OUTBOX_BACKOFF_MS: '60000' }).drain()).toBe(1);
    const [row] = await outboxRows(knex);
    expect(row).toMatchObject({ status: 'pending', attempts: 1 });
    expect(row!.last_error).toMatch(/ECONNREFUSED|connect/i);
    const [{ wait }] = (await knex.raw(`select extract(epoch from next_at - now()) as wait from tessera_outbox`)).rows as [{ wait: string }];
    expect(Number(wait)).toBeGreaterThan(50);
    expect(Number(wait)).toBeLessThanOrEqual(60);
  });

  it('gives e-mail up as dead with its last error once the tries are used up', async () => {
    await notify('mail-dead');
    const down = `smtp://127.0.0.1:${await closedPort()}`;
    const d = dispatcher({ SMTP_URL: down, TESSERA_OUTBOX_MAX_ATTEMPTS: '3' });
    expect(await d.drain()).toBe(3);
    const [row] = await outboxRows(knex);
    expect(row).toMatchObject({ status: 'dead', attempts: 3, next_at: null, lease_until: null });
    expect(row!.last_error).toMatch(/ECONNREFUSED|connect/i);
    expect(await d.drain()).toBe(0);
  });

  it('leaves e-mail queued on an instance without SMTP, and delivers it on one with SMTP', async () => {
    await notify('mail-later');
    expect(await new OutboxDispatcher(f.t.db, testConfig(), silentLogger).drain()).toBe(0);
    expect(await outboxRows(knex)).toMatchObject([{ status: 'pending', attempts: 0 }]);
    expect(await dispatcher().drain()).toBe(1);
    expect(smtp.received).toHaveLength(1);
  });

  it('calls a webhook once, as signed JSON with the delivery id, and marks it sent', async () => {
    await webhook('/hook');
    expect(await dispatcher().drain()).toBe(1);
    const [row] = await outboxRows(knex);
    expect(row).toMatchObject({ status: 'sent', attempts: 1 });
    expect(receiver.calls).toHaveLength(1);
    const call = receiver.calls[0]!;
    expect(call).toMatchObject({ method: 'POST', path: '/hook' });
    expect(JSON.parse(call.body)).toEqual({ event: 'x', key: '/hook' });
    expect(call.headers['content-type']).toBe('application/json');
    expect(call.headers['x-tessera-delivery']).toBe(row!.id);
    const signed = { secret: SECRET, body: call.body, timestamp: call.headers['x-tessera-timestamp'] as string, signature: call.headers['x-tessera-signature'] as string };
    expect(verifyWebhookSignature(signed)).toBe(true);
    expect(verifyWebhookSignature({ ...signed, secret: 'wrong' })).toBe(false);
    expect(await dispatcher().drain()).toBe(0);
    expect(receiver.calls).toHaveLength(1);
    await knex.transaction((trx) => enqueueWebhook(trx, { url: `${receiver.url}/put`, method: 'PUT', body: [1], key: 'put' }));
    expect(await dispatcher().drain()).toBe(1);
    expect(receiver.calls[1]).toMatchObject({ method: 'PUT', path: '/put', body: '[1]' });
  });

  it('refuses a private address unless allowed: the row goes dead at once and nothing is called', async () => {
    await webhook('/private');
    await knex.transaction((trx) => enqueueWebhook(trx, { url: `http://localhost:${receiver.port}/by-name`, body: {}, key: 'by-name' }));
    expect(await dispatcher({ TESSERA_WEBHOOK_ALLOW_PRIVATE: '0' }).drain()).toBe(2);
    const rows = await outboxRows(knex);
    expect(rows.map((r) => [r.status, r.attempts])).toEqual([['dead', 1], ['dead', 1]]);
    expect(rows[0]!.last_error).toBe('refused to connect to 127.0.0.1: not a public address (set TESSERA_WEBHOOK_ALLOW_PRIVATE=1 to allow it)');
    expect(rows[1]!.last_error).toMatch(/^refused to connect to localhost \((127\.0\.0\.1|::1)\): not a public address/);
    expect(receiver.calls).toEqual([]);
  });

  it('sends no webhook unsigned: without a secret the row goes dead, and is sent once retried with one', async () => {
    await webhook('/unsigned');
    expect(await dispatcher({ TESSERA_WEBHOOK_SECRET: '' }).drain()).toBe(1);
    const [row] = await outboxRows(knex);
    expect([row!.status, row!.last_error]).toEqual(['dead', 'TESSERA_WEBHOOK_SECRET is not set: webhooks are only sent signed']);
    expect(receiver.calls).toEqual([]);
    await knex('tessera_outbox').where({ id: row!.id }).update({ status: 'pending', attempts: 0, next_at: knex.fn.now() });
    expect(await dispatcher().drain()).toBe(1);
    expect(receiver.calls).toHaveLength(1);
  });

  it('gives up a URL that is not http or https at once', async () => {
    await knex.transaction(async (trx) => {
      await enqueueWebhook(trx, { url: 'ftp://files.example.com/drop', body: {}, key: 'ftp' });
      await enqueueWebhook(trx, { url: 'no url at all', body: {}, key: 'garbage' });
    });
    expect(await dispatcher().drain()).toBe(2);
    expect((await outboxRows(knex)).map((r) => [r.status, r.last_error])).toEqual([
      ['dead', 'webhook URLs must be http or https, not ftp:'], ['dead', 'the webhook URL is not a URL'],
    ]);
  });

  it('retries a webhook that answers 500, and gives one that answers 410 up at once', async () => {
    receiver.answer.set('/flaky', 500);
    receiver.answer.set('/gone', 410);
    await webhook('/flaky');
    await webhook('/gone');
    expect(await dispatcher({ TESSERA_OUTBOX_BACKOFF_MS: '60000' }).drain()).toBe(2);
    const rows = Object.fromEntries((await outboxRows(knex)).map((r) => [r.key, r]));
    expect(rows['webhook:/flaky']).toMatchObject({ status: 'pending', attempts: 1, last_error: 'the receiver answered 500: receiver says no' });
    expect(rows['webhook:/gone']).toMatchObject({ status: 'dead', attempts: 1, last_error: 'the receiver answered 410: receiver says no' });
    receiver.answer.delete('/flaky');
    await knex('tessera_outbox').where({ key: 'webhook:/flaky' }).update({ next_at: knex.fn.now() });
    expect(await dispatcher().drain()).toBe(1);
    expect(await knex('tessera_outbox').where({ key: 'webhook:/flaky' }).first('status', 'attempts')).toEqual({ status: 'sent', attempts: 2 });
    expect(receiver.calls.map((c) => c.path).sort()).toEqual(['/flaky', '/flaky', '/gone']);
  });

  it('times a silent receiver out and retries it', async () => {
    // Accepts connections and never answers; it holds the sockets to end them itself (a paused socket never sees its end).
    const sockets: Socket[] = [];
    const silent = createNetServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as AddressInfo;
    try {
      await knex.transaction((trx) => enqueueWebhook(trx, { url: `http://127.0.0.1:${port}/`, body: {}, key: 'silent' }));
      expect(await dispatcher({ TESSERA_WEBHOOK_TIMEOUT_MS: '200', TESSERA_OUTBOX_BACKOFF_MS: '60000' }).drain()).toBe(1);
      expect(await outboxRows(knex)).toMatchObject([{ status: 'pending', attempts: 1, last_error: 'no answer within 200 ms' }]);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });

  it('delivers again a row whose dispatcher crashed mid-send (its lease ran out), and not one whose lease holds', async () => {
    await webhook('/crashed');
    await webhook('/busy');
    await knex('tessera_outbox').update({ status: 'sending', attempts: 1 });
    await knex('tessera_outbox').where({ key: 'webhook:/crashed' }).update({ lease_until: knex.raw(`now() - interval '1 minute'`), next_at: knex.raw(`now() - interval '1 minute'`) });
    await knex('tessera_outbox').where({ key: 'webhook:/busy' }).update({ lease_until: knex.raw(`now() + interval '5 minutes'`), next_at: knex.raw(`now() + interval '5 minutes'`) });
    expect(await dispatcher().drain()).toBe(1);
    expect(receiver.calls.map((c) => c.path)).toEqual(['/crashed']);
    const rows = Object.fromEntries((await outboxRows(knex)).map((r) => [r.key, r]));
    expect(rows['webhook:/crashed']).toMatchObject({ status: 'sent', attempts: 2 });
    expect(rows['webhook:/busy']).toMatchObject({ status: 'sending', attempts: 1 });
  });

  it('gives up a crashed row that has no tries left instead of sending it again', async () => {
    await webhook('/exhausted');
    await knex('tessera_outbox').update({ status: 'sending', attempts: 3, lease_until: knex.raw(`now() - interval '1 second'`), next_at: knex.raw(`now() - interval '1 second'`) });
    expect(await dispatcher({ TESSERA_OUTBOX_MAX_ATTEMPTS: '3' }).drain()).toBe(0);
    expect(await outboxRows(knex)).toMatchObject([{ status: 'dead', last_error: 'try 3 of 3 was interrupted (its lease ran out)' }]);
    expect(receiver.calls).toEqual([]);
  });

  it('shares the table between dispatchers draining at once: every row is delivered exactly once', async () => {
    await knex.transaction(async (trx) => {
      for (let i = 0; i < 25; i++) await enqueueWebhook(trx, { url: `${receiver.url}/many/${i}`, body: { i }, key: `many-${i}` });
    });
    const handled = await Promise.all([dispatcher({ TESSERA_OUTBOX_BATCH: '4' }).drain(), dispatcher({ TESSERA_OUTBOX_BATCH: '4' }).drain()]);
    expect(handled[0]! + handled[1]!).toBe(25);
    expect(receiver.calls.map((c) => c.path).sort()).toEqual(Array.from({ length: 25 }, (_, i) => `/many/${i}`).sort());
    expect(new Set((await outboxRows(knex)).map((r) => `${r.status}:${r.attempts}`))).toEqual(new Set(['sent:1']));
  });

  it('drops the late outcome of a claim that was lost to another dispatcher', async () => {
    await webhook('/fenced');
    const [claimed] = await claimDue(knex, ['webhook'], { leaseMs: 1, batchSize: 10 });
    await new Promise((r) => setTimeout(r, 5));
    const [again] = await claimDue(knex, ['webhook'], { leaseMs: 60_000, batchSize: 10 });
    expect([claimed!.attempts, again!.attempts]).toEqual([1, 2]);
    expect(await markSent(knex, claimed!)).toBe(false);
    expect(await outboxRows(knex)).toMatchObject([{ status: 'sending', attempts: 2 }]);
    expect(await markSent(knex, again!)).toBe(true);
    expect(await outboxRows(knex)).toMatchObject([{ status: 'sent' }]);
  });

  it('once started, delivers what a transaction queued as soon as it commits, and nothing from one that rolled back', async () => {
    const d = dispatcher({ TESSERA_OUTBOX_POLL_MS: '60000' });
    d.start();
    // Past its first poll (drain queues behind it), the dispatcher would not look again for a minute: only a wake can deliver.
    await new Promise((r) => setTimeout(r, 20));
    await d.drain();
    await expect(knex.transaction(async (trx) => {
      await enqueueWebhook(trx, { url: `${receiver.url}/rolled-back`, body: {}, key: 'rolled-back' });
      throw new Error('rolled back');
    })).rejects.toThrow('rolled back');
    await notify('woken');
    await webhook('/woken');
    await eventually(() => smtp.received.length === 1 && receiver.calls.length === 1);
    expect(receiver.calls.map((c) => c.path)).toEqual(['/woken']);
    await d.stop();
    expect((await outboxRows(knex)).map((r) => r.status)).toEqual(['sent', 'sent']);
  });

  it('stop() waits for the batch in flight', async () => {
    receiver.delay.set('/slow', 300);
    await webhook('/slow');
    const d = dispatcher();
    d.start();
    await eventually(async () => (await outboxRows(knex))[0]?.status === 'sending');
    await d.stop();
    expect(receiver.calls.map((c) => c.path)).toEqual(['/slow']);
    expect(await outboxRows(knex)).toMatchObject([{ status: 'sent', attempts: 1 }]);
  });
});
