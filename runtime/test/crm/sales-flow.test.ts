import type { AppModel } from '@tessera/core';
import { openProcessFixture, type ProcessFixture } from '../process/support';
import { testEngines } from '../support/databases';
import { crmAppModel, recordCalls } from './crm-fixture';

/**
 * The CRM roles and the sales plugin at work: a rep's own pipeline from account to quote lines, who else sees it,
 * the fields kept from reps, the sales rules, and the quote discount approval from submit to the rep's notice.
 */
const USERS = {
  admin: { roles: ['admin'] },
  exec: { roles: ['executive'] },
  boss: { roles: ['sales_manager'], manager: 'exec' },
  rep: { roles: ['sales_rep'], manager: 'boss', locale: 'zh-CN' as const },
  peer: { roles: ['sales_rep'] },
  agent: { roles: ['service_agent'] },
  marketer: { roles: ['marketer'] },
};
type Who = keyof typeof USERS;

let app: AppModel;
beforeAll(async () => {
  app = await crmAppModel();
});

describe.each(testEngines())('sales with the CRM roles on %s', (engine) => {
  let p: ProcessFixture;
  const ids: Record<string, string> = {};
  const { api, created } = recordCalls(() => p);
  const get = (who: Who, path: string) => api().get(`/api/records/${path}`).set(p.as(who));
  const patch = (who: Who, path: string, body: object) => api().patch(`/api/records/${path}`).set(p.as(who)).send(body);
  const inbox = async (who: Who, recordId: string) => ((await api().get('/api/tasks?assignee=me&status=open').set(p.as(who)).expect(200)).body.data as Array<{ id: string; node: string; record: { id: string } }>)
    .filter((t) => t.record.id === recordId);

  beforeAll(async () => {
    p = await openProcessFixture(engine, app, USERS);
    const stage = (name: string, code: string, sortOrder: number, probability: number, extra: object = {}) =>
      created('admin', 'salesStage', { name, code, sortOrder, probability, forecastCategory: 'pipeline', ...extra });
    ids.open = (await stage('需求确认', 'qualification', 20, 30)).id;
    ids.won = (await stage('赢单', 'won', 50, 100, { forecastCategory: 'closed', isWon: true })).id;
    ids.lost = (await stage('输单', 'lost', 60, 0, { forecastCategory: 'omitted', isLost: true })).id;
    ids.product = (await created('admin', 'product', { code: 'P-100', name: '智能网关', unit: 'unit', listPrice: 100, cost: 60 })).id;
    ids.account = (await created('rep', 'account', { name: '杭州云启科技有限公司', creditCode: '91330106MA2K88881Y' })).id;
    ids.contact = (await created('rep', 'contact', { name: '王磊', account: ids.account, mobile: '13912345678' })).id;
    ids.opportunity = (await created('rep', 'opportunity', { name: '网关升级项目', account: ids.account, stage: ids.open, closeDate: '2030-06-30', amount: 50000, probability: 30 })).id;
    ids.quote = (await created('rep', 'quote', { name: '网关升级报价', account: ids.account, opportunity: ids.opportunity, discount: 25 })).id;
    ids.line = (await created('rep', 'quoteLine', { quote: ids.quote, product: ids.product, quantity: 2, unitPrice: 100, discount: 10 })).id;
  });
  afterAll(() => p.close());

  it('lets a rep build their pipeline, with formulas computed', async () => {
    expect((await get('rep', `opportunity/${ids.opportunity}`).expect(200)).body.expectedRevenue).toBe(15000);
    expect((await get('rep', `quoteLine/${ids.line}`).expect(200)).body).toMatchObject({ lineTotal: 180, productName: '智能网关' });
    expect((await get('rep', `quote/${ids.quote}`).expect(200)).body.number).toMatch(/^Q-\d{4}-\d{4}$/);
  });

  it('hides a rep\'s records from a peer, and shows them to the manager and the executive', async () => {
    for (const path of [`account/${ids.account}`, `contact/${ids.contact}`, `opportunity/${ids.opportunity}`, `quote/${ids.quote}`, `quoteLine/${ids.line}`]) {
      await get('peer', path).expect(404);
      await get('boss', path).expect(200);
      await get('exec', path).expect(200);
    }
    expect((await get('peer', 'opportunity').expect(200)).body.data).toEqual([]);
    await patch('boss', `opportunity/${ids.opportunity}`, { nextStep: '安排技术交流' }).expect(200);
    await patch('exec', `opportunity/${ids.opportunity}`, { nextStep: '高层拜访' }).expect(403);
  });

  it('keeps costs and margins from reps, not from managers', async () => {
    const asRep = (await get('rep', `product/${ids.product}`).expect(200)).body;
    expect(asRep).not.toHaveProperty('cost');
    expect(asRep).not.toHaveProperty('marginRate');
    expect((await get('boss', `product/${ids.product}`).expect(200)).body).toMatchObject({ cost: 60, marginRate: 40 });
    expect((await get('rep', `quote/${ids.quote}`).expect(200)).body).not.toHaveProperty('grossMargin');
    expect((await get('boss', `quote/${ids.quote}`).expect(200)).body).toHaveProperty('grossMargin');
  });

  it('applies the sales rules through the stage lookup, in the reader\'s language', async () => {
    const opp = await created('rep', 'opportunity', { name: '备件采购', account: ids.account, stage: ids.open, closeDate: '2030-03-31' });
    const won = await patch('rep', `opportunity/${opp.id}`, { stage: ids.won }).set('Accept-Language', 'zh-CN').expect(422);
    expect(won.body.errors).toEqual([expect.objectContaining({ path: '/amount', code: 'rule:won_needs_amount', message: '赢单的商机必须填写金额' })]);
    const lost = await patch('rep', `opportunity/${opp.id}`, { stage: ids.lost }).expect(422);
    expect(lost.body.errors).toEqual([expect.objectContaining({ path: '/lostReason', code: 'rule:lost_needs_reason' })]);
    await patch('rep', `opportunity/${opp.id}`, { stage: ids.won, amount: 8000 }).expect(200);
  });

  it('lets service agents read customers but not change them, and marketers change only marketing preferences', async () => {
    await get('agent', `account/${ids.account}`).expect(200);
    await patch('agent', `contact/${ids.contact}`, { title: '总经理' }).expect(403);
    await patch('marketer', `contact/${ids.contact}`, { emailOptOut: true }).expect(200);
    await patch('marketer', `contact/${ids.contact}`, { title: '总经理' }).expect(403);
    await get('marketer', `opportunity/${ids.opportunity}`).expect(404);
  });

  it('approves a quote discount above 20% by the manager, then a sales manager, locking the quote and telling the rep', async () => {
    await api().post(`/api/records/quote/${ids.quote}/submit`).set(p.as('rep')).send({}).expect(201);
    expect((await patch('rep', `quote/${ids.quote}`, { notes: '加急' }).expect(409)).body.code).toBe('record.locked');
    for (const node of ['manager', 'sales']) {
      const [task] = await inbox('boss', ids.quote!);
      expect(task?.node).toBe(node);
      await api().post(`/api/tasks/${task!.id}/decision`).set(p.as('boss')).send({ decision: 'approve' }).expect(200);
    }
    expect((await get('rep', `quote/${ids.quote}`).expect(200)).body).toMatchObject({ approvalStatus: 'approved', status: 'approved' });
    const notices = (await p.f.t.db.knex('tessera_notifications').where({ user_id: p.ids.rep })) as Array<{ title: string }>;
    expect(notices.map((n) => n.title)).toContainEqual(expect.stringMatching(/^报价单 Q-\d{4}-\d{4} 折扣审批已通过$/));
  });
});
