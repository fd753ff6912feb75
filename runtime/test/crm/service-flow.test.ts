import type { AppModel } from '@tessera/core';
import { fireTimer } from '../../src/process/timers';
import { runTick } from '../../src/process/schedules';
import { openProcessFixture, type ProcessFixture } from '../process/support';
import { testEngines } from '../support/databases';
import { eventually } from '../support/eventually';
import { crmAppModel, recordCalls, type Row } from './crm-fixture';

/**
 * crm-service at work on the engine's clock: the case SLA escalation (an unanswered case escalated at its response
 * deadline, an answered one left alone, a deadline moved later waited for again), the warranty expiry alert, and the
 * work order's dispatch sheet printed by the service agent.
 */
const USERS = {
  admin: { roles: ['admin'] },
  manager: { roles: ['service_manager'] },
  agent: { roles: ['service_agent'], manager: 'manager', locale: 'zh-CN' as const },
  engineer: { roles: ['service_agent'], manager: 'manager' },
  peer: { roles: ['service_agent'] },
};
type Who = keyof typeof USERS;
type Instance = { process: string; status: string; waitingAt: Array<{ node: string; dueAt: string | null }> };
const HOUR = 3600_000;
const DAY = 24 * HOUR;

let app: AppModel;
beforeAll(async () => {
  app = await crmAppModel();
});

describe.each(testEngines())('crm-service flows on %s', (engine) => {
  let p: ProcessFixture;
  const ids: Record<string, string> = {};
  const { api, created, read } = recordCalls(() => p);
  const escalation = async (caseId: string): Promise<Instance> =>
    ((await api().get(`/api/records/case/${caseId}/processes`).set(p.as('admin')).expect(200)).body.data as Instance[]).find((i) => i.process === 'case_escalation')!;
  const notices = async (who: Who, recordId: string) =>
    ((await api().get('/api/notifications').set(p.as(who)).expect(200)).body.data as Array<{ title: string; body: string; recordId: string }>).filter((n) => n.recordId === recordId);
  /** Runs requests with the engine's clock moved back, so the timers they set are due as soon as it returns. */
  const inThePast = async (ms: number, work: () => Promise<unknown>) => {
    p.shift(-ms);
    try {
      await work();
    } finally {
      p.shift(0);
    }
  };
  const newCase = (subject: string, responseDue: Date, extra: object = {}) =>
    created('agent', 'case', { subject, type: 'request', channel: 'phone', status: 'new', account: ids.account, contact: ids.contact, priority: 'high', assignee: p.ids.agent, slaResponseDue: responseDue.toISOString(), ...extra });

  beforeAll(async () => {
    p = await openProcessFixture(engine, app, USERS, { background: true });
    ids.account = (await created('admin', 'account', { name: '上海 A&B 精密机械有限公司' })).id;
    ids.contact = (await created('admin', 'contact', { name: '李娜', account: ids.account, mobile: '13812345678' })).id;
    ids.product = (await created('admin', 'product', { code: 'CNC-5', name: '五轴加工中心', listPrice: 880000, cost: 600000 })).id;
  });
  afterAll(() => p.close());

  it('escalates a case nobody answered at its response deadline, and tells the service manager and the assignee', async () => {
    let kase: Row | undefined;
    await inThePast(2 * HOUR, async () => {
      kase = await newCase('主轴异响', new Date(Date.now() - HOUR));
      expect(await escalation(kase.id)).toMatchObject({ status: 'running', waitingAt: [{ node: 'waitResponse' }] });
    });
    await eventually(async () => (await read('admin', 'case', kase!.id)).status === 'escalated', 10_000);
    expect(await read('admin', 'case', kase!.id)).toMatchObject({ status: 'escalated', responseBreached: true, resolutionBreached: false });
    await eventually(async () => (await escalation(kase!.id)).status === 'completed', 5000);
    const number = kase!.caseNumber as string;
    expect(await notices('manager', kase!.id)).toEqual([expect.objectContaining({ title: `Case escalated: ${number} 主轴异响` })]);
    expect(await notices('agent', kase!.id)).toEqual([expect.objectContaining({ title: `服务请求已升级：${number} 主轴异响` })]);
    expect(await notices('engineer', kase!.id)).toEqual([]);
  });

  it('leaves a case answered before its deadline as it is', async () => {
    let kase: Row | undefined;
    await inThePast(2 * HOUR, async () => {
      kase = await newCase('无法开机', new Date(Date.now() - HOUR));
      await api().patch(`/api/records/case/${kase.id}`).set(p.as('agent')).send({ status: 'inProgress' }).expect(200);
    });
    await eventually(async () => (await escalation(kase!.id)).status === 'completed', 10_000);
    const after = await read('admin', 'case', kase!.id);
    expect(after).toMatchObject({ status: 'inProgress', responseBreached: false });
    expect(after.firstRespondedAt).toEqual(expect.any(String));
    expect(await notices('manager', kase!.id)).toEqual([]);
    expect(await notices('agent', kase!.id)).toEqual([]);
  });

  it('waits again for a response deadline moved later, and escalates when that one passes unanswered', async () => {
    const later = new Date(Date.now() + HOUR);
    let kase: Row | undefined;
    await inThePast(2 * HOUR, async () => {
      kase = await newCase('控制面板报警', new Date(Date.now() - HOUR));
      await api().patch(`/api/records/case/${kase.id}`).set(p.as('agent')).send({ slaResponseDue: later.toISOString() }).expect(200);
    });
    // The first deadline's timer comes, finds the deadline moved, and waits for the new one.
    await eventually(async () => (await escalation(kase!.id)).waitingAt[0]?.dueAt === later.toISOString(), 10_000);
    expect(await read('admin', 'case', kase!.id)).toMatchObject({ status: 'new', responseBreached: false });
    expect(await notices('manager', kase!.id)).toEqual([]);
    // Two hours on, the new deadline has passed: its timer (due in an hour of real time) is fired now.
    const token = await p.f.t.db.knex('tessera_process_tokens').join('tessera_process_instances as i', 'i.id', 'tessera_process_tokens.instance_id')
      .where({ 'i.record_id': kase!.id, 'i.process': 'case_escalation', 'tessera_process_tokens.status': 'waiting' }).first('tessera_process_tokens.id', 'i.id as instanceId');
    p.shift(2 * HOUR);
    try {
      await fireTimer(p.runtime.engine, p.f.t.db.knex, { kind: 'token', instanceId: token.instanceId, tokenId: token.id });
    } finally {
      p.shift(0);
    }
    expect(await read('admin', 'case', kase!.id)).toMatchObject({ status: 'escalated', responseBreached: true });
    expect(await notices('manager', kase!.id)).toHaveLength(1);
  });

  it('tells the owner of an installed product whose warranty ends in 30 days, and in 7, once a day', async () => {
    const warranty = app.processes.warranty_alert!;
    const inDays = (days: number) => new Date(Date.now() + days * DAY).toISOString().slice(0, 10);
    const asset = (name: string, serialNumber: string, days: number, warrantyType = 'standard') =>
      created('agent', 'installedProduct', { name, serialNumber, status: 'active', account: ids.account, product: ids.product, warrantyType, warrantyEndDate: inDays(days) });
    const soon = await asset('五轴加工中心 #1', 'SN-30', 30);
    const later = await asset('五轴加工中心 #2', 'SN-31', 31);
    const none = await asset('五轴加工中心 #3', 'SN-NONE', 30, 'none');
    const week = await asset('五轴加工中心 #4', 'SN-7', 7, 'extended');
    await runTick(p.runtime.engine, p.f.t.db.knex, warranty, 'warranty-day-1');
    expect((await notices('agent', soon.id)).map((n) => n.title)).toEqual(['保修即将到期（还剩 30 天）：五轴加工中心 #1']);
    expect(await notices('agent', week.id)).toHaveLength(1);
    expect(await notices('agent', later.id)).toEqual([]);
    expect(await notices('agent', none.id)).toEqual([]);
    // A day on (by the engine's clock), the second product's warranty ends in 30 days; the first is not told again.
    p.shift(DAY);
    try {
      await runTick(p.runtime.engine, p.f.t.db.knex, warranty, 'warranty-day-2');
    } finally {
      p.shift(0);
    }
    expect(await notices('agent', later.id)).toHaveLength(1);
    expect(await notices('agent', soon.id)).toHaveLength(1);
    ids.asset = soon.id;
  });

  it('prints a work order\'s dispatch sheet for the service agent, in Chinese, values escaped', async () => {
    const kase = await newCase('主轴更换', new Date(Date.now() + DAY), { installedProduct: ids.asset });
    const order = await created('agent', 'workOrder', {
      subject: '上门更换主轴 <加急>', case: kase.id, installedProduct: ids.asset, type: 'repair', status: 'pending', dispatchTo: p.ids.engineer,
      scheduledAt: '2030-03-04T02:30:00Z', serviceAddress: '上海市闵行区 A&B 路 8 号', inWarranty: true,
    });
    const res = await api().get(`/api/records/workOrder/${order.id}/documents/dispatchSheet`).set(p.as('agent')).set('Accept-Language', 'zh-CN').expect(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.text).toContain(`<title>派工单 ${order.workOrderNumber as string}</title>`);
    expect(res.text).toContain('<h1 style="font-size: 16pt;">上门服务派工单</h1>');
    expect(res.text).toContain('<td colspan="3">上门更换主轴 &lt;加急&gt;</td>');
    expect(res.text).toContain('<td colspan="3">上海 A&amp;B 精密机械有限公司</td>');
    expect(res.text).toContain('<td>李娜</td>');
    expect(res.text).toContain('<td>13812345678</td>');
    expect(res.text).toContain('<td>SN-30</td>');
    expect(res.text).toContain('<td colspan="3">engineer</td>');
    expect(res.text).toContain(`服务请求编号：${kase.caseNumber as string}`);
    expect(res.text).toContain('<td>维修</td>');
    expect(res.text).toContain('保内（免费）');
    expect(res.text).toMatch(/2030年3月4日.*10:30/);
    // The engineer dispatched reads it (in English without Accept-Language); an agent the work order is nothing to does not.
    const engineer = await api().get(`/api/records/workOrder/${order.id}/documents/dispatchSheet`).set(p.as('engineer')).expect(200);
    expect(engineer.text).toContain(`<title>Dispatch sheet ${order.workOrderNumber as string}</title>`);
    expect(engineer.text).toContain('In warranty (free of charge)');
    const peer = await api().get(`/api/records/workOrder/${order.id}/documents/dispatchSheet`).set(p.as('peer'));
    expect([peer.status, peer.body.code]).toEqual([404, 'record.not-found']);
  });
});
