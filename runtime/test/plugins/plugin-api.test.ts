import path from 'node:path';
import { createAppModel } from '@tessera/core';
import type { EntityDefinition, RoleDefinition } from '@tessera/metadata';
import type { Express } from 'express';
import pino from 'pino';
import request from 'supertest';
import type { PluginApi } from '../../src/plugins/plugin-api';
import { PluginLoadError, PluginRegistry } from '../../src/plugins/plugin-registry';
import { ensureNotificationTables } from '../../src/notifications';
import { runPluginSchedule, startPluginSchedules } from '../../src/plugins/plugin-schedules';
import { ProcessRuntime } from '../../src/process/process-runtime';
import { openHttpFixture, type HttpFixture } from '../http/support';
import { testEngines } from '../support/databases';

process.env.PLUGIN_API_PATH = path.resolve(__dirname, '../../src/plugins/plugin-api');
const entities: EntityDefinition[] = [
  { name: 'account', label: { en: 'Account' }, fields: { name: { type: 'text', required: true, maxLength: 20 } } },
  { name: 'quote', label: { en: 'Quote', 'zh-CN': '报价' }, titleField: 'name', fields: {
    name: { type: 'text' }, total: { type: 'currency', readOnly: true }, flagged: { type: 'date', readOnly: true },
  } },
  { name: 'quoteLine', label: { en: 'Quote line' }, ownership: 'none', fields: {
    quote: { type: 'masterDetail', target: 'quote' }, quantity: { type: 'integer' }, unitPrice: { type: 'currency' },
  } },
  { name: 'lead', label: { en: 'Lead' }, fields: {
    company: { type: 'text' }, code: { type: 'text', readOnly: true, maxLength: 10 }, converted: { type: 'boolean', readOnly: true, default: false }, account: { type: 'lookup', target: 'account', readOnly: true },
  } },
];
const roles: RoleDefinition[] = [{ name: 'rep', label: { en: 'Rep' }, permissions: [
  { action: ['read', 'create', 'update'], subject: 'lead', where: { ownerId: '$user.id' } },
  { action: ['read', 'create'], subject: 'account' },
  { action: ['read', 'create', 'update', 'delete'], subject: ['quote', 'quoteLine'] },
] }];
const templates = [{ name: 'big_quote', file: 'templates/big_quote.hbs', sources: {
  en: 'Big quote: {{record.title}}\n{{t record.entity}} {{record.name}} totals {{record.total}} ({{day}}).',
  'zh-CN': '大额报价：{{record.title}}\n{{t record.entity}}「{{record.name}}」合计 {{record.total}}（{{day}}）。',
} }];
const app = createAppModel({
  name: 'plugins', entities: entities.map((definition) => ({ definition, origin: 'sales' })), roles, templates,
  layers: [{ name: 'sales', kind: 'plugin', dir: 'sales', hooks: path.relative(__dirname, path.join(__dirname, 'hooks-fixture.js')) }],
});
const PASSWORD = 'pa55-word!';

describe('loading plugin code', () => {
  it('refuses a hooks module that is missing or registers on an unknown entity', () => {
    const missing = createAppModel({ name: 'x', entities: [], layers: [{ name: 'gone', kind: 'plugin', dir: 'gone', hooks: 'gone/dist/hooks.js' }] });
    expect(() => PluginRegistry.load(missing, __dirname)).toThrow(PluginLoadError);
    expect(() => PluginRegistry.load(missing, __dirname)).toThrow(/gone: its hooks module gone\/dist\/hooks.js cannot be loaded/);
    const bare = createAppModel({ name: 'x', entities: [], layers: app.layers });
    expect(() => PluginRegistry.load(bare, __dirname)).toThrow(/no entity "quoteLine" to register code on/);
  });

  it('refuses a schedule with a bad cron or a name used twice, naming the plugin', () => {
    const registering = (schedule: (api: PluginApi) => void) => () => PluginRegistry.of(app, [{ plugin: 'care', module: { register: schedule } }]);
    const run = async () => undefined;
    expect(registering((api) => api.schedule('daily', { label: { en: 'Daily' }, cron: 'every day', run }))).toThrow('care: schedule "daily" has cron "every day"; expected five fields, such as "0 1 * * *"');
    expect(registering((api) => api.schedule('daily', { label: { en: 'Daily' }, cron: '0 25 * * *', run }))).toThrow(/care: schedule "daily" has cron "0 25 \* \* \*", which is not valid/);
    expect(registering((api) => {
      api.schedule('daily', { label: { en: 'Daily' }, cron: '0 1 * * *', run });
      api.schedule('daily', { label: { en: 'Daily' }, cron: '0 2 * * *', run });
    })).toThrow('care: schedule "daily" is registered twice');
    expect(registering((api) => api.schedule('Daily run', { label: { en: 'Daily' }, cron: '0 1 * * *', run }))).toThrow(/must be a camelCase name/);
  });
});

describe.each(testEngines())('plugin code on %s', (engine) => {
  let f: HttpFixture;
  let server: Express;
  const tokens: Record<string, string> = {};
  const as = (who: string) => ({ Authorization: `Bearer ${tokens[who]!}` });

  beforeAll(async () => {
    f = await openHttpFixture(engine, app);
    server = f.server({}, PluginRegistry.load(app, __dirname));
    await f.addUser({ email: 'rep@example.com', password: PASSWORD, roles: ['rep'] });
    await f.addUser({ email: 'other@example.com', password: PASSWORD, roles: ['rep'] });
    for (const who of ['rep', 'other']) tokens[who] = (await request(server).post('/api/auth/login').send({ email: `${who}@example.com`, password: PASSWORD }).expect(200)).body.token;
  });
  afterAll(() => f.t.close());

  it('runs write handlers in the write\'s transaction: a quote\'s total follows its lines, with history', async () => {
    const quote = (await request(server).post('/api/records/quote').set(as('rep')).send({ name: 'Q1' }).expect(201)).body;
    const line = async (body: object) => (await request(server).post('/api/records/quoteLine').set(as('rep')).send({ quote: quote.id, ...body }).expect(201)).body;
    const total = async () => (await request(server).get(`/api/records/quote/${quote.id}`).set(as('rep')).expect(200)).body.total;
    const first = await line({ quantity: 2, unitPrice: 10 });
    await line({ quantity: 1, unitPrice: 5.5 });
    expect(await total()).toBe(25.5);
    await request(server).patch(`/api/records/quoteLine/${first.id}`).set(as('rep')).send({ quantity: 3 }).expect(200);
    expect(await total()).toBe(35.5);
    await request(server).delete(`/api/records/quoteLine/${first.id}`).set(as('rep')).expect(204);
    expect(await total()).toBe(5.5);
    const history = (await request(server).get(`/api/records/quote/${quote.id}/history`).set(as('rep')).expect(200)).body.data;
    expect(history.filter((h: { action: string }) => h.action === 'update').map((h: { changes: { total: { new: number } } }) => h.changes.total.new)).toEqual([5.5, 35.5, 25.5, 20]);
  });

  it('sets the values a save handler answers before the checks, on create and on update, as the caller sees them', async () => {
    const first = (await request(server).post('/api/records/lead').set(as('rep')).send({ company: 'Acme' }).expect(201)).body;
    expect(first.code).toBe('ACM-1');
    const second = (await request(server).post('/api/records/lead').set(as('rep')).send({ company: 'Acme' }).expect(201)).body;
    expect(second.code).toBe('ACM-2');
    const renamed = (await request(server).patch(`/api/records/lead/${second.id}`).set(as('rep')).send({ company: 'Globex' }).expect(200)).body;
    expect(renamed).toMatchObject({ company: 'Globex', code: 'GLO-1', version: 2 });
    const history = (await request(server).get(`/api/records/lead/${second.id}/history`).set(as('rep')).expect(200)).body.data;
    expect(history[0].changes).toEqual({ company: { old: 'Acme', new: 'Globex' }, code: { old: 'ACM-2', new: 'GLO-1' } });
    const untouched = (await request(server).patch(`/api/records/lead/${second.id}`).set(as('rep')).send({ company: 'Globex' }).expect(200)).body;
    expect(untouched.code).toBe('GLO-1');
  });

  it('refuses a value a save handler got wrong, as it refuses a body, and stores nothing', async () => {
    const before = (await request(server).get('/api/records/lead').query({ count: 'true' }).set(as('rep')).expect(200)).body.page.total;
    const refused = await request(server).post('/api/records/lead').set(as('rep')).send({ company: '?' }).expect(400);
    expect(refused.body.errors).toEqual([expect.objectContaining({ path: '/code', code: 'type' })]);
    expect((await request(server).get('/api/records/lead').query({ count: 'true' }).set(as('rep')).expect(200)).body.page.total).toBe(before);
  });

  it('runs a record action in one transaction, with the caller\'s roles for what it does as them', async () => {
    const lead = (await request(server).post('/api/records/lead').set(as('rep')).send({ company: 'Acme' }).expect(201)).body;
    const converted = (await request(server).post(`/api/records/lead/${lead.id}/actions/convert`).set(as('rep')).send({}).expect(200)).body;
    const after = (await request(server).get(`/api/records/lead/${lead.id}`).set(as('rep')).expect(200)).body;
    expect(after).toMatchObject({ converted: true, account: converted.account });
    const again = await request(server).post(`/api/records/lead/${lead.id}/actions/convert`).set({ ...as('rep'), 'Accept-Language': 'zh-CN' }).send({}).expect(422);
    expect(again.body).toMatchObject({ code: 'action.refused', errors: [{ code: 'action.refused', message: '线索已转换' }] });
  });

  it('lists record actions in the OpenAPI document, in the caller\'s language', async () => {
    const doc = (await request(server).get('/api/openapi.json').set({ ...as('rep'), 'Accept-Language': 'zh-CN' }).expect(200)).body;
    expect(doc.paths['/api/records/lead/{id}/actions/convert'].post).toMatchObject({ operationId: 'lead.action.convert', summary: '转换' });
  });

  it('undoes everything an action did when it fails, and checks the caller may act on the record', async () => {
    const lead = (await request(server).post('/api/records/lead').set(as('rep')).send({ company: 'Too long a company name to be an account' }).expect(201)).body;
    const accounts = async () => (await request(server).get('/api/records/account').set(as('rep')).expect(200)).body.data.length;
    const before = await accounts();
    await request(server).post(`/api/records/lead/${lead.id}/actions/convert`).set(as('rep')).send({}).expect(400);
    expect(await accounts()).toBe(before);
    expect((await request(server).get(`/api/records/lead/${lead.id}`).set(as('rep')).expect(200)).body.converted).toBe(false);
    await request(server).post(`/api/records/lead/${lead.id}/actions/convert`).set(as('other')).send({}).expect(404);
    await request(server).post(`/api/records/lead/${lead.id}/actions/nope`).set(as('rep')).send({}).expect(404);
  });

  describe('a schedule', () => {
    const registry = PluginRegistry.load(app, __dirname);
    const bigQuotes = registry.schedules.get('sales.bigQuotes')!;
    const target = (day: string) => ({ app, knex: f.t.db.knex, hooks: undefined, clock: () => new Date(`${day}T01:00:00Z`) });
    const quote = async (name: string, unitPrice: number) => {
      const q = (await request(server).post('/api/records/quote').set(as('rep')).send({ name }).expect(201)).body;
      await request(server).post('/api/records/quoteLine').set(as('rep')).send({ quote: q.id, quantity: 1, unitPrice }).expect(201);
      return q.id as string;
    };
    // Notices are kept in the process runtime's tables, which a server always has.
    beforeAll(() => ensureNotificationTables(f.t.db.knex));
    const flagged = async (id: string) => (await request(server).get(`/api/records/quote/${id}`).set(as('rep')).expect(200)).body.flagged;
    const notices = async () => (await request(server).get('/api/notifications').set(as('rep')).expect(200)).body.data as Array<{ title: string; body: string; record_id?: string; recordId?: string }>;

    it('writes and tells in one transaction on its day, and a second run tells nobody twice', async () => {
      const big = await quote('Big one', 150);
      const small = await quote('Small one', 20);
      await runPluginSchedule(target('2027-02-10'), bigQuotes);
      expect([await flagged(big), await flagged(small)]).toEqual(['2027-02-10', null]);
      const told = (await notices()).filter((n) => n.title === 'Big quote: Big one');
      expect(told).toHaveLength(1);
      expect(told[0]!.body).toBe('Quote Big one totals 150 (2027-02-10).');
      await request(server).patch(`/api/records/quoteLine/${(await request(server).get('/api/records/quoteLine').query({ filter: JSON.stringify({ quote: small }) }).set(as('rep'))).body.data[0].id}`)
        .set(as('rep')).send({ unitPrice: 200 }).expect(200);
      await runPluginSchedule(target('2027-02-11'), bigQuotes);
      expect([await flagged(big), await flagged(small)]).toEqual(['2027-02-11', '2027-02-11']);
      expect((await notices()).filter((n) => n.title === 'Big quote: Big one')).toHaveLength(1);
    });

    it('undoes all of a run that fails, what it wrote and what it told', async () => {
      const first = await quote('Cheap then big', 120);
      const failing = await quote('fails', 500);
      const before = (await notices()).length;
      await expect(runPluginSchedule(target('2027-03-01'), bigQuotes)).rejects.toThrow('the schedule failed half-way');
      expect([await flagged(first), await flagged(failing)]).toEqual([null, null]);
      expect((await notices()).length).toBe(before);
    });

    it('is put on its cron in the job queue when the server starts, and taken off when the code no longer registers it', async () => {
      const runtime = await ProcessRuntime.create(app, f.t.db, pino({ level: 'silent' }));
      try {
        await startPluginSchedules(runtime.jobs, target('2027-03-01'), registry);
        expect(await runtime.jobs.schedules()).toEqual(expect.arrayContaining([{ name: 'tessera_plugin_sales.bigQuotes', cron: '0 1 * * *' }]));
        await startPluginSchedules(runtime.jobs, target('2027-03-01'), PluginRegistry.none(app));
        expect((await runtime.jobs.schedules()).map((s) => s.name)).not.toContain('tessera_plugin_sales.bigQuotes');
      } finally {
        await runtime.stop();
      }
    });
  });
});
