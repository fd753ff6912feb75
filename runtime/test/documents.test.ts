import { createAppModel } from '@tessera/core';
import type { EntityDefinition } from '@tessera/metadata';
import type { Express } from 'express';
import request from 'supertest';
import { openHttpFixture, type HttpFixture } from './http/support';
import { testEngines } from './support/databases';

const order: EntityDefinition = {
  name: 'order', label: { en: 'Order', 'zh-CN': '订单' }, titleField: 'number',
  fields: {
    number: { type: 'text', required: true, label: { en: 'Number', 'zh-CN': '编号' } },
    customer: { type: 'text', label: { en: 'Customer', 'zh-CN': '客户' } },
    cost: { type: 'currency', label: { en: 'Cost', 'zh-CN': '成本' } },
  },
  documents: [{ name: 'invoice', template: 'order_invoice', label: { en: 'Invoice', 'zh-CN': '发票' } }],
};
const INVOICE = {
  default: 'Invoice {{record.number}}\n\n<h1>{{t record.entity}} {{record.title}}</h1>\n<p class="customer">{{record.customer}}</p>\n<p class="cost">{{record.cost}}</p>\n',
  'zh-CN': '发票 {{record.number}}\n<h1>{{t record.entity}} {{record.title}}</h1>\n<p class="customer">客户：{{record.customer}}</p>\n<p class="cost">{{record.cost}}</p>\n',
};
// Reps read and write their own orders but never see the cost; the boss reads every order, cost included.
const app = createAppModel({
  name: 'documents-test',
  entities: [{ definition: order, origin: 'test' }],
  templates: [{ name: 'order_invoice', file: 'templates/order_invoice.hbs', sources: INVOICE }],
  roles: [
    { name: 'rep', label: { en: 'Rep' }, permissions: [{ action: ['read', 'create', 'update'], subject: 'order', where: { ownerId: '$user.id' }, fields: { deny: ['cost'] } }] },
    { name: 'boss', label: { en: 'Boss' }, permissions: [{ action: ['read', 'update'], subject: 'order' }] },
  ],
});
const USERS = { rep: ['rep'], peer: ['rep'], boss: ['boss'] } as const;

describe.each(testEngines())('record documents on %s', (engine) => {
  let f: HttpFixture;
  let server: Express;
  let orderId: string;
  const auth: Record<string, { Authorization: string }> = {};
  const document = (who: keyof typeof USERS, path: string, locale = 'en') =>
    request(server).get(`/api/records/${path}`).set(auth[who]!).set('Accept-Language', locale);

  beforeAll(async () => {
    f = await openHttpFixture(engine, app);
    server = f.server();
    for (const [who, roles] of Object.entries(USERS)) {
      await f.addUser({ email: `${who}@example.com`, password: 'pa55-word!', roles: [...roles] });
      auth[who] = { Authorization: `Bearer ${(await request(server).post('/api/auth/login').send({ email: `${who}@example.com`, password: 'pa55-word!' })).body.token}` };
    }
    orderId = (await request(server).post('/api/records/order').set(auth.rep!).send({ number: 'A&B <7>', customer: '<script>alert("x")</script>' }).expect(201)).body.id;
    await request(server).patch(`/api/records/order/${orderId}`).set(auth.boss!).send({ cost: 123.45 }).expect(200);
  });
  afterAll(() => f.t.close());

  it('renders a whole HTML page: the template\'s first line as the title, the record\'s values escaped', async () => {
    const res = await document('rep', `order/${orderId}/documents/invoice`).expect(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.text).toMatch(/^<!doctype html>\n<html lang="en">/);
    expect(res.text).toContain('<title>Invoice A&amp;B &lt;7&gt;</title>');
    expect(res.text).toContain('<h1>Order A&amp;B &lt;7&gt;</h1>');
    expect(res.text).toContain('<p class="customer">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</p>');
    expect(res.text).not.toContain('<script>');
    expect(res.text.trimEnd()).toMatch(/<\/p>\n<\/body>\n<\/html>$/);
  });

  it('renders in the request\'s language', async () => {
    const res = await document('rep', `order/${orderId}/documents/invoice`, 'zh-CN,zh;q=0.9').expect(200);
    expect(res.text).toContain('<html lang="zh-CN">');
    expect(res.text).toContain('<title>发票 A&amp;B &lt;7&gt;</title>');
    expect(res.text).toContain('<h1>订单 A&amp;B &lt;7&gt;</h1>');
    expect(res.text).toContain('客户：&lt;script&gt;');
  });

  it('leaves out a field hidden from the caller, and shows it to one who may read it', async () => {
    expect((await document('rep', `order/${orderId}/documents/invoice`).expect(200)).text).toContain('<p class="cost"></p>');
    expect((await document('boss', `order/${orderId}/documents/invoice`).expect(200)).text).toContain('<p class="cost">123.45</p>');
  });

  it('answers 404 for a record out of the caller\'s rows, an unknown document, a bad or unknown id and an unknown entity', async () => {
    const cases: Array<[keyof typeof USERS, string, string]> = [
      ['peer', `order/${orderId}/documents/invoice`, 'record.not-found'],
      ['rep', `order/${orderId}/documents/receipt`, 'document.not-found'],
      ['rep', `order/${orderId}/documents/__proto__`, 'document.not-found'],
      ['rep', 'order/not-a-uuid/documents/invoice', 'record.not-found'],
      ['rep', 'order/00000000-0000-4000-8000-000000000000/documents/invoice', 'record.not-found'],
      ['rep', `invoice/${orderId}/documents/invoice`, 'entity.not-found'],
    ];
    for (const [who, path, code] of cases) {
      const res = await document(who, path);
      expect([path, res.status, res.headers['content-type'], res.body.code]).toEqual([path, 404, 'application/problem+json; charset=utf-8', code]);
    }
  });

  it('lists each entity\'s documents in the metadata and in the OpenAPI document', async () => {
    const meta = await request(server).get('/api/meta').set(auth.rep!).expect(200);
    const entity = meta.body.entities.find((e: { name: string }) => e.name === 'order');
    expect(entity.documents).toEqual([{ name: 'invoice', label: { en: 'Invoice', 'zh-CN': '发票' } }]);
    const openapi = await request(server).get('/api/openapi.json').set(auth.rep!).set('Accept-Language', 'zh-CN').expect(200);
    expect(openapi.body.paths['/api/records/order/{id}/documents/invoice'].get.summary).toBe('发票');
  });
});
