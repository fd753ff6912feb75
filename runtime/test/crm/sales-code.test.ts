import type { AppModel } from '@tessera/core';
import { PluginRegistry } from '../../src/plugins/plugin-registry';
import { openProcessFixture, type ProcessFixture } from '../process/support';
import { testEngines } from '../support/databases';
import { crmAppModel, recordCalls, type Row } from './crm-fixture';
// The plugin's TypeScript source, as the server loads its build (dist/hooks.js).
import * as salesHooks from '../../../plugins/crm-sales/src/hooks';

/** crm-sales' code through the API: quote and order totals, a lead's conversion, and a quote made an order. */
const USERS = { admin: { roles: ['admin'] }, boss: { roles: ['sales_manager'] }, rep: { roles: ['sales_rep'], manager: 'boss' }, peer: { roles: ['sales_rep'] } };
type Who = keyof typeof USERS;

let app: AppModel;
beforeAll(async () => {
  app = await crmAppModel();
});

describe.each(testEngines())('crm-sales code on %s', (engine) => {
  let p: ProcessFixture;
  const ids: Record<string, string> = {};
  const { api, created, read } = recordCalls(() => p);
  const act = (who: Who, entity: string, id: string, name: string, body: object = {}) => api().post(`/api/records/${entity}/${id}/actions/${name}`).set(p.as(who)).send(body);

  beforeAll(async () => {
    p = await openProcessFixture(engine, app, USERS, { plugins: PluginRegistry.of(app, [{ plugin: 'crm-sales', module: salesHooks }]) });
    ids.stage = (await created('admin', 'salesStage', { name: '需求确认', code: 'qualification', sortOrder: 20, probability: 30, forecastCategory: 'pipeline', active: true })).id;
    ids.widget = (await created('admin', 'product', { code: 'W-1', name: 'Widget', listPrice: 100, cost: 60 })).id;
    ids.gadget = (await created('admin', 'product', { code: 'G-1', name: 'Gadget', listPrice: 50, cost: 10 })).id;
    ids.account = (await created('rep', 'account', { name: '成都糖酒有限公司' })).id;
  });
  afterAll(() => p.close());

  it('keeps a quote\'s subtotal, discount, total and margin current as lines and the discount change', async () => {
    const quote = await created('rep', 'quote', { name: 'Q', account: ids.account, discount: 10 });
    const line = await created('rep', 'quoteLine', { quote: quote.id, product: ids.widget, quantity: 2, unitPrice: 100 });
    await created('rep', 'quoteLine', { quote: quote.id, product: ids.gadget, quantity: 4, unitPrice: 50, discount: 50 });
    // 200 + 100 = 300; 10% off is 30; cost 2×60 + 4×10 = 160; margin (270-160)/270.
    expect(await read('boss', 'quote', quote.id)).toMatchObject({ subtotal: 300, discountAmount: 30, total: 270, grossMargin: 40.74 });
    await api().patch(`/api/records/quoteLine/${line.id}`).set(p.as('rep')).send({ quantity: 1 }).expect(200);
    await api().patch(`/api/records/quote/${quote.id}`).set(p.as('rep')).send({ discount: 0 }).expect(200);
    expect(await read('boss', 'quote', quote.id)).toMatchObject({ subtotal: 200, discountAmount: 0, total: 200, grossMargin: 50 });
    expect(await read('rep', 'quote', quote.id)).not.toHaveProperty('grossMargin');
    ids.quote = quote.id;
  });

  it('converts a lead into an account, a contact and an opportunity in one transaction, as the rep', async () => {
    const lead = await created('rep', 'lead', { name: '王经理', companyName: '上海科技', mobile: '13800138000', estimatedBudget: 5000 });
    const done = (await act('rep', 'lead', lead.id, 'convert').expect(200)).body;
    expect(await read('rep', 'account', done.account)).toMatchObject({ name: '上海科技' });
    expect(await read('rep', 'contact', done.contact)).toMatchObject({ name: '王经理', account: done.account, mobile: '13800138000' });
    expect(await read('rep', 'opportunity', done.opportunity)).toMatchObject({ account: done.account, stage: ids.stage, amount: 5000, sourceLead: lead.id });
    expect(await read('rep', 'lead', lead.id)).toMatchObject({ converted: true, status: 'converted', convertedAccount: done.account, convertedOpportunity: done.opportunity });
    const again = await act('rep', 'lead', lead.id, 'convert').set('Accept-Language', 'zh-CN').expect(422);
    expect(again.body.errors[0].message).toBe('该线索已转换');
    // Matching an account by name; a lead another rep owns is out of reach.
    const second = await created('rep', 'lead', { name: 'Li', companyName: '上海科技', email: 'li@example.com' });
    expect((await act('rep', 'lead', second.id, 'convert', { opportunity: false }).expect(200)).body).toEqual({ account: done.account, contact: expect.any(String) });
    await act('peer', 'lead', second.id, 'convert').expect(404);
  });

  it('undoes a conversion that fails half-way', async () => {
    const lead = await created('rep', 'lead', { name: 'No reach', companyName: 'Nowhere Ltd' });
    await act('rep', 'lead', lead.id, 'convert').expect(422);
    expect((await api().get('/api/records/account').query({ filter: JSON.stringify({ name: 'Nowhere Ltd' }) }).set(p.as('rep')).expect(200)).body.data).toEqual([]);
    expect(await read('rep', 'lead', lead.id)).toMatchObject({ converted: false });
  });

  it('makes an accepted quote an order with its lines; confirmed receipts roll up to the order', async () => {
    await act('rep', 'quote', ids.quote!, 'createOrder').expect(422);
    await api().patch(`/api/records/quote/${ids.quote}`).set(p.as('rep')).send({ status: 'accepted' }).expect(200);
    const { order } = (await act('rep', 'quote', ids.quote!, 'createOrder').expect(200)).body;
    const lines = (await api().get('/api/records/orderLine').query({ filter: JSON.stringify({ order }) }).set(p.as('rep')).expect(200)).body.data;
    expect(lines.map((l: Row) => [l.product, l.quantity, l.unitPrice])).toEqual(expect.arrayContaining([[ids.widget, 1, 100], [ids.gadget, 4, 50]]));
    expect(await read('rep', 'order', order)).toMatchObject({ quote: ids.quote, account: ids.account, total: 200, receivedAmount: 0 });
    const receipt = await created('boss', 'receipt', { order, paidOn: '2026-11-20', amount: 80 });
    expect(await read('rep', 'order', order)).toMatchObject({ receivedAmount: 0 });
    await api().patch(`/api/records/receipt/${receipt.id}`).set(p.as('boss')).send({ status: 'confirmed' }).expect(200);
    expect(await read('rep', 'order', order)).toMatchObject({ receivedAmount: 80, outstanding: 120 });
    await act('rep', 'quote', ids.quote!, 'createOrder').expect(422);
  });
});
