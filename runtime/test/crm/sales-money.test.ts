import type { AppModel } from '@tessera/core';
import { appHooks } from '../../src/plugins/app-hooks';
import { PluginRegistry } from '../../src/plugins/plugin-registry';
import { runPluginSchedule } from '../../src/plugins/plugin-schedules';
import { openProcessFixture, type ProcessFixture } from '../process/support';
import { testEngines } from '../support/databases';
import { crmAppModel, recordCalls, type Row } from './crm-fixture';
// The plugin's TypeScript source, as the server loads its build (dist/hooks.js).
import * as salesHooks from '../../../plugins/crm-sales/src/hooks';

/** crm-sales' money code through the API and its schedules: payment plans, targets, commissions and contracts. */
const USERS = { admin: { roles: ['admin'] }, boss: { roles: ['sales_manager'] }, rep: { roles: ['sales_rep'], manager: 'boss' }, peer: { roles: ['sales_rep'], locale: 'zh-CN' as const } };
type Who = keyof typeof USERS;

let app: AppModel;
beforeAll(async () => {
  app = await crmAppModel();
});

describe.each(testEngines())('crm-sales money code on %s', (engine) => {
  let p: ProcessFixture;
  let registry: PluginRegistry;
  const ids: Record<string, string> = {};
  const { api, created, read } = recordCalls(() => p);
  const patch = (who: Who, entity: string, id: string, body: object) => api().patch(`/api/records/${entity}/${id}`).set(p.as(who)).send(body).expect(200);
  const remove = (entity: string, id: string) => api().delete(`/api/records/${entity}/${id}`).set(p.as('admin')).expect(204);
  const list = async (entity: string, filter: object): Promise<Row[]> =>
    (await api().get(`/api/records/${entity}`).query({ filter: JSON.stringify(filter), limit: 100 }).set(p.as('admin')).expect(200)).body.data;
  /** An order of the rep's (or another's) with lines, so that its total follows from them. */
  const order = async (who: Who, orderDate: string, lines: Array<[string, number, number]>, status = 'approved'): Promise<Row> => {
    const o = await created(who, 'order', { account: ids.account, orderDate, status });
    for (const [product, quantity, unitPrice] of lines) await created(who, 'orderLine', { order: o.id, product, quantity, unitPrice });
    return read('admin', 'order', o.id);
  };
  const runSchedule = (name: string, at: string) => runPluginSchedule(
    { app, knex: p.f.t.db.knex, hooks: appHooks(app, p.runtime.hooks, registry), clock: () => new Date(at) },
    registry.schedules.get(`crm-sales.${name}`)!,
  );
  const notices = (who: Who, key: string): Promise<Array<{ title: string; body: string }>> =>
    p.f.t.db.knex('tessera_notifications').where({ user_id: p.ids[who], key: `plugin:crm-sales:${key}` }).select('title', 'body');

  beforeAll(async () => {
    registry = PluginRegistry.of(app, [{ plugin: 'crm-sales', module: salesHooks }]);
    p = await openProcessFixture(engine, app, USERS, { plugins: registry });
    ids.widget = (await created('admin', 'product', { code: 'W-1', name: 'Widget', listPrice: 100, cost: 60 })).id;
    ids.gadget = (await created('admin', 'product', { code: 'G-1', name: 'Gadget', listPrice: 50, cost: 10 })).id;
    ids.account = (await created('rep', 'account', { name: '成都糖酒有限公司' })).id;
    ids.peerAccount = (await created('peer', 'account', { name: '上海冷链物流有限公司' })).id;
    ids.sales = (await created('admin', 'team', { name: '销售中心' })).id;
    ids.east = (await created('admin', 'team', { name: '华东大区', parent: ids.sales })).id;
    await patch('admin', 'user', p.ids.rep!, { team: ids.east });
  });
  afterAll(() => p.close());

  it('rolls confirmed receipts up into their payment plan and moves its status both ways', async () => {
    const o = await order('rep', '2099-03-10', [[ids.widget!, 1, 100]]);
    const plan = await created('rep', 'paymentPlan', { order: o.id, installment: 1, dueDate: '2099-06-30', amount: 100 });
    const first = await created('admin', 'receipt', { order: o.id, paymentPlan: plan.id, paidOn: '2099-04-01', amount: 40 });
    expect(await read('admin', 'paymentPlan', plan.id)).toMatchObject({ receivedAmount: 0, status: 'planned' });
    await patch('admin', 'receipt', first.id, { status: 'confirmed' });
    expect(await read('admin', 'paymentPlan', plan.id)).toMatchObject({ receivedAmount: 40, status: 'partiallyPaid' });
    const second = await created('admin', 'receipt', { order: o.id, paymentPlan: plan.id, paidOn: '2099-05-01', amount: 60, status: 'confirmed' });
    expect(await read('admin', 'paymentPlan', plan.id)).toMatchObject({ receivedAmount: 100, status: 'paid' });
    await patch('admin', 'receipt', second.id, { status: 'reversed' });
    expect(await read('admin', 'paymentPlan', plan.id)).toMatchObject({ receivedAmount: 40, status: 'partiallyPaid' });
    await remove('receipt', first.id);
    expect(await read('admin', 'paymentPlan', plan.id)).toMatchObject({ receivedAmount: 0, status: 'planned' });
    // Moved to another plan: the old one gives it up, the new one takes it.
    const other = await created('rep', 'paymentPlan', { order: o.id, installment: 2, dueDate: '2099-07-31', amount: 60 });
    await patch('admin', 'receipt', second.id, { status: 'confirmed', paymentPlan: other.id });
    expect(await read('admin', 'paymentPlan', other.id)).toMatchObject({ receivedAmount: 60, status: 'paid' });
    expect(await read('admin', 'paymentPlan', plan.id)).toMatchObject({ receivedAmount: 0, status: 'planned' });
  });

  it('flags plans past due and short as overdue once a day, telling the order\'s owner once per plan', async () => {
    const o = await order('rep', '2099-01-02', [[ids.gadget!, 2, 50]]);
    const late = await created('rep', 'paymentPlan', { order: o.id, installment: 1, dueDate: '2099-01-15', amount: 50 });
    const settled = await created('rep', 'paymentPlan', { order: o.id, installment: 2, dueDate: '2099-01-20', amount: 20 });
    const later = await created('rep', 'paymentPlan', { order: o.id, installment: 3, dueDate: '2099-12-31', amount: 30 });
    await created('admin', 'receipt', { order: o.id, paymentPlan: late.id, paidOn: '2099-01-10', amount: 10, status: 'confirmed' });
    await created('admin', 'receipt', { order: o.id, paymentPlan: settled.id, paidOn: '2099-01-10', amount: 20, status: 'confirmed' });
    await runSchedule('paymentPlans', '2099-02-01T01:00:00Z');
    expect((await read('admin', 'paymentPlan', late.id)).status).toBe('overdue');
    expect((await read('admin', 'paymentPlan', settled.id)).status).toBe('paid');
    expect((await read('admin', 'paymentPlan', later.id)).status).toBe('planned');
    await runSchedule('paymentPlans', '2099-02-02T01:00:00Z');
    const told = await notices('rep', `overdue:${late.id}`);
    expect(told.map((n) => n.title)).toEqual([`Payment overdue: instalment 1 of order ${String(o.number)}`]);
    expect(told[0]!.body).toContain('Of the 50 planned, 40 is still to be received.');
    expect(await notices('rep', `overdue:${settled.id}`)).toEqual([]);
    // Paid in full at last: the plan is paid, overdue no more.
    await created('admin', 'receipt', { order: o.id, paymentPlan: late.id, paidOn: '2099-02-03', amount: 40, status: 'confirmed' });
    expect(await read('admin', 'paymentPlan', late.id)).toMatchObject({ receivedAmount: 50, status: 'paid' });
  });

  it('keeps targets\' achieved amounts from orders, for the covering period and the right rep or department', async () => {
    const target = (name: string, body: object) => created('admin', 'salesTarget', { name, year: 2097, targetAmount: 1000, metric: 'orderAmount', ...body });
    const q1 = await target('rep Q1', { periodType: 'quarter', quarter: 1, rep: p.ids.rep });
    const q2 = await target('rep Q2', { periodType: 'quarter', quarter: 2, rep: p.ids.rep });
    const peerQ1 = await target('peer Q1', { periodType: 'quarter', quarter: 1, rep: p.ids.peer });
    const sales = await target('销售中心 2097', { periodType: 'year', department: ids.sales });
    const receipts = await target('rep receipts 2097', { periodType: 'year', rep: p.ids.rep, metric: 'receiptAmount' });
    const achieved = async () => Promise.all([q1, q2, peerQ1, sales, receipts].map(async (t) => (await read('admin', 'salesTarget', t.id)).achievedAmount));

    const o = await order('rep', '2097-02-10', [[ids.widget!, 2, 100]]);
    await order('rep', '2097-02-11', [[ids.widget!, 5, 100]], 'draft');
    expect(await achieved()).toEqual([200, 0, 0, 200, 0]);
    await patch('rep', 'orderLine', (await list('orderLine', { order: o.id }))[0]!.id, { quantity: 3 });
    expect(await achieved()).toEqual([300, 0, 0, 300, 0]);
    await patch('rep', 'order', o.id, { orderDate: '2097-05-05' });
    expect(await achieved()).toEqual([0, 300, 0, 300, 0]);
    await api().post(`/api/records/order/${o.id}/owner`).set(p.as('admin')).send({ ownerId: p.ids.peer }).expect(200);
    // The peer has no department: the department's target loses the order with the rep.
    expect(await achieved()).toEqual([0, 0, 0, 0, 0]);
    await api().post(`/api/records/order/${o.id}/owner`).set(p.as('admin')).send({ ownerId: p.ids.rep }).expect(200);
    await patch('rep', 'order', o.id, { orderDate: '2097-01-20' });
    await created('admin', 'receipt', { order: o.id, paidOn: '2097-03-01', amount: 120, status: 'confirmed' });
    expect(await achieved()).toEqual([300, 0, 0, 300, 120]);
    // A rep moved out of the department takes their business along, and back.
    await patch('admin', 'user', p.ids.rep!, { team: null });
    expect(await achieved()).toEqual([300, 0, 0, 0, 120]);
    await patch('admin', 'user', p.ids.rep!, { team: ids.east });
    expect(await achieved()).toEqual([300, 0, 0, 300, 120]);
    await patch('rep', 'order', o.id, { status: 'cancelled' });
    expect(await achieved()).toEqual([0, 0, 0, 0, 120]);

    const peers = await order('peer', '2097-03-31', [[ids.gadget!, 1, 50]]);
    expect(await achieved()).toEqual([0, 0, 50, 0, 120]);
    await remove('order', peers.id);
    expect(await achieved()).toEqual([0, 0, 0, 0, 120]);
    // A target written after the business is computed from it at once.
    const later = [
      await target('peer 2097-03', { periodType: 'month', month: 3, rep: p.ids.peer }),
      await target('rep receipts 2097-01', { periodType: 'month', month: 1, rep: p.ids.rep, metric: 'receiptAmount' }),
      await target('rep receipts 2097-03', { periodType: 'month', month: 3, rep: p.ids.rep, metric: 'receiptAmount' }),
    ];
    expect(await Promise.all(later.map(async (t) => (await read('admin', 'salesTarget', t.id)).achievedAmount))).toEqual([0, 0, 120]);
  });

  it('creates commission records once per confirmed receipt and active rule, updates them, and voids them when it no longer counts', async () => {
    const rule = (name: string, body: object) => created('admin', 'commissionRule', { name, ratePercent: 3, basis: 'receiptAmount', ...body });
    ids.standard = (await rule('标准回款提成', { validFrom: '2099-01-01' })).id;
    ids.software = (await rule('Widget 加计', { ratePercent: 2, appliesTo: 'product', product: ids.widget })).id;
    ids.orders = (await rule('订单提成', { ratePercent: 4, basis: 'orderAmount' })).id;
    await rule('已停用', { ratePercent: 5, active: false });
    await rule('2098 激励', { ratePercent: 5, validTo: '2098-12-31' });
    const o = await order('rep', '2099-08-01', [[ids.widget!, 1, 100], [ids.gadget!, 2, 50]]);
    const of = async (filter: object) => (await list('commissionRecord', { order: o.id, ...filter })).map((r) => [r.rule, r.rep, r.baseAmount, r.amount, r.status, r.settlementMonth]);
    expect(await of({ receipt: null })).toEqual([[ids.orders, p.ids.rep, 200, 8, 'pending', '2099-08']]);

    const receipt = await created('admin', 'receipt', { order: o.id, paidOn: '2099-09-15', amount: 100 });
    expect(await of({ receipt: receipt.id })).toEqual([]);
    await patch('admin', 'receipt', receipt.id, { status: 'confirmed' });
    await patch('admin', 'receipt', receipt.id, { status: 'confirmed', notes: 'confirmed twice' });
    const byRule = async () => Object.fromEntries((await of({ receipt: receipt.id })).map(([r, ...rest]) => [r, rest]));
    // 3 % of 100; the widget's rule takes its share of the order (100 of 200): 2 % of 50.
    expect(await byRule()).toEqual({ [ids.standard!]: [p.ids.rep, 100, 3, 'pending', '2099-09'], [ids.software!]: [p.ids.rep, 50, 1, 'pending', '2099-09'] });
    const first = (await list('commissionRecord', { receipt: receipt.id })).map((r) => r.id).sort();

    await patch('admin', 'receipt', receipt.id, { amount: 150 });
    expect(await byRule()).toEqual({ [ids.standard!]: [p.ids.rep, 150, 4.5, 'pending', '2099-09'], [ids.software!]: [p.ids.rep, 75, 1.5, 'pending', '2099-09'] });
    await patch('admin', 'receipt', receipt.id, { status: 'reversed' });
    expect((await of({ receipt: receipt.id })).map((r) => r[4])).toEqual(['cancelled', 'cancelled']);
    await patch('admin', 'receipt', receipt.id, { status: 'confirmed' });
    expect((await list('commissionRecord', { receipt: receipt.id, status: 'pending' })).map((r) => r.id).sort()).toEqual(first);

    await remove('receipt', receipt.id);
    expect((await list('commissionRecord', { id: { $in: first } })).map((r) => [r.receipt, r.status])).toEqual([[null, 'cancelled'], [null, 'cancelled']]);
    await patch('rep', 'order', o.id, { status: 'cancelled' });
    expect((await of({ receipt: null, rule: ids.orders })).map((r) => r[4])).toEqual(['cancelled']);
  });

  it('reminds the owner of a contract\'s renewal once, and expires signed contracts past their end', async () => {
    const contract = (name: string, body: object) =>
      created('rep', 'contract', { name, account: ids.account, amount: 1000, startDate: '2098-01-01', status: 'signed', signedDate: '2097-12-20', ...body });
    const renewing = await contract('续约合同', { endDate: '2099-03-31', renewalReminderDays: 30 });
    const ended = await contract('到期合同', { endDate: '2099-01-31' });
    const draft = await contract('草稿合同', { endDate: '2099-01-31', status: 'draft' });
    const far = await contract('远期合同', { endDate: '2099-12-31' });
    const peerContract = await created('peer', 'contract', { name: '同事的合同', account: ids.peerAccount, amount: 500, startDate: '2098-04-05', endDate: '2099-04-04', status: 'signed', signedDate: '2098-04-01' });
    await runSchedule('contracts', '2099-03-05T01:00:00Z');
    await runSchedule('contracts', '2099-03-06T01:00:00Z');
    expect((await notices('rep', `renewal:${renewing.id}:2099-03-31`)).map((n) => n.title)).toEqual(['Contract ends in 26 days: 续约合同']);
    // Told in the owner's language; the default of 30 days before the end applies.
    expect((await notices('peer', `renewal:${peerContract.id}:2099-04-04`)).map((n) => n.title)).toEqual(['合同即将到期（还剩 30 天）：同事的合同']);
    expect(Number((await p.f.t.db.knex('tessera_notifications').where('key', 'like', 'plugin:crm-sales:renewal:%').count({ n: '*' }))[0]!.n)).toBe(2);
    expect((await Promise.all([renewing, ended, draft, far].map((c) => read('admin', 'contract', c.id)))).map((c) => c.status)).toEqual(['signed', 'expired', 'draft', 'signed']);
  });
});
