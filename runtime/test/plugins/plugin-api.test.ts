import path from 'node:path';
import { createAppModel } from '@tessera/core';
import type { EntityDefinition, RoleDefinition } from '@tessera/metadata';
import type { Express } from 'express';
import request from 'supertest';
import { PluginLoadError, PluginRegistry } from '../../src/plugins/plugin-registry';
import { openHttpFixture, type HttpFixture } from '../http/support';
import { testEngines } from '../support/databases';

process.env.PLUGIN_API_PATH = path.resolve(__dirname, '../../src/plugins/plugin-api');
const entities: EntityDefinition[] = [
  { name: 'account', label: { en: 'Account' }, fields: { name: { type: 'text', required: true, maxLength: 20 } } },
  { name: 'quote', label: { en: 'Quote' }, fields: { name: { type: 'text' }, total: { type: 'currency', readOnly: true } } },
  { name: 'quoteLine', label: { en: 'Quote line' }, ownership: 'none', fields: {
    quote: { type: 'masterDetail', target: 'quote' }, quantity: { type: 'integer' }, unitPrice: { type: 'currency' },
  } },
  { name: 'lead', label: { en: 'Lead' }, fields: {
    company: { type: 'text' }, converted: { type: 'boolean', readOnly: true, default: false }, account: { type: 'lookup', target: 'account', readOnly: true },
  } },
];
const roles: RoleDefinition[] = [{ name: 'rep', label: { en: 'Rep' }, permissions: [
  { action: ['read', 'create', 'update'], subject: 'lead', where: { ownerId: '$user.id' } },
  { action: ['read', 'create'], subject: 'account' },
  { action: ['read', 'create', 'update', 'delete'], subject: ['quote', 'quoteLine'] },
] }];
const app = createAppModel({
  name: 'plugins', entities: entities.map((definition) => ({ definition, origin: 'sales' })), roles,
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
});
