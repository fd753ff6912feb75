import { createAppModel, entityForm, permissionsFor } from '@tessera/core';
import type { EntityDefinition } from '@tessera/metadata';
import type { Express } from 'express';
import request from 'supertest';
import { testEngines } from '../support/databases';
import { openHttpFixture, type HttpFixture } from './support';

const deal: EntityDefinition = {
  name: 'deal', label: { en: 'Deal', 'zh-CN': '商机' }, pluralLabel: { en: 'Deals', 'zh-CN': '商机' },
  fields: { name: { type: 'text', required: true, label: { en: 'Name', 'zh-CN': '名称' } }, amount: { type: 'currency', min: 0 } },
};
const app = createAppModel({ name: 'meta-api', entities: [{ definition: deal, origin: 'test' }], roles: [{ name: 'sales_rep', label: { en: 'Sales rep' }, permissions: [{ action: ['read', 'create', 'update', 'delete'], subject: 'deal' }] }] });

describe.each(testEngines())('metadata endpoints on %s', (engine) => {
  let f: HttpFixture;
  let server: Express;
  let auth: { Authorization: string };
  beforeAll(async () => {
    f = await openHttpFixture(engine, app);
    server = f.server();
    await f.addUser({ email: 'rep@example.com', password: 'pa55-word!', roles: ['sales_rep'] });
    auth = { Authorization: `Bearer ${(await request(server).post('/api/auth/login').send({ email: 'rep@example.com', password: 'pa55-word!' })).body.token}` };
  });
  afterAll(() => f.t.close());

  it('describes the model a user may see, without system entities for non-admins', async () => {
    const meta = await request(server).get('/api/meta').set(auth);
    expect(meta.status).toBe(200);
    // The model as the rep's roles show it has a hash of its own: a change of roles changes what the client caches.
    expect(meta.body).toMatchObject({ name: 'meta-api', hash: permissionsFor(app, ['sales_rep']).model.hash });
    expect(meta.body.hash).not.toBe(app.hash);
    expect(meta.body.entities.map((e: { name: string }) => e.name)).toEqual(['deal']);
    expect(meta.body.entities[0].fields.map((x: { name: string }) => x.name)).toEqual(expect.arrayContaining(['id', 'version', 'name', 'amount']));
  });

  it('serves the very form schema the server validates with, in the request\'s language', async () => {
    const form = await request(server).get('/api/meta/entities/deal/form').set(auth).set('Accept-Language', 'zh-CN');
    expect(form.body).toEqual(JSON.parse(JSON.stringify(entityForm(app, 'deal', { locale: 'zh-CN', variant: 'create' }))));
    expect(form.body.schema.properties.name.title).toBe('名称');
    const update = await request(server).get('/api/meta/entities/deal/form?variant=update').set(auth);
    expect(update.body.schema.required).toBeUndefined();
    for (const bad of ['/api/meta/entities/deal/form?variant=delete', '/api/meta/entities/deal/form?layout=nope']) expect((await request(server).get(bad).set(auth)).status).toBe(400);
    expect((await request(server).get('/api/meta/entities/user/form').set(auth)).status).toBe(404);
    expect((await request(server).get('/api/meta/entities/__proto__/form').set(auth)).status).toBe(404);
  });

  it('serves an OpenAPI 3.1 document of this app, labelled in the request\'s language', async () => {
    const doc = await request(server).get('/api/openapi.json').set(auth).set('Accept-Language', 'zh-CN');
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toMatch(/^3\.1\./);
    expect(Object.keys(doc.body.paths)).toEqual(expect.arrayContaining(['/api/records/deal', '/api/records/deal/{id}', '/api/records/deal/bulk']));
    expect(JSON.stringify(doc.body.tags)).toContain('商机');
  });
});
