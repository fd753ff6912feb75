import type { AppModel } from '@tessera/core';
import { appHooks } from '../../src/plugins/app-hooks';
import { pluginRecords, systemContext } from '../../src/plugins/plugin-records';
import { runPluginSchedule } from '../../src/plugins/plugin-schedules';
import { PluginRegistry } from '../../src/plugins/plugin-registry';
import { openProcessFixture, type ProcessFixture } from '../process/support';
import { testEngines } from '../support/databases';
import { crmAppModel, recordCalls, type Row } from './crm-fixture';
// The plugin's TypeScript source, as the server loads its build (dist/hooks.js).
import * as marketingHooks from '../../../plugins/crm-marketing/src/hooks';

/** crm-marketing's code: care rules applied each morning, and campaign results kept from leads and opportunities. */
const USERS = { admin: { roles: ['admin'] }, marketer: { roles: ['marketer'] }, rep: { roles: ['sales_rep'] }, rep2: { roles: ['sales_rep'] } };
type Who = keyof typeof USERS;

let app: AppModel;
beforeAll(async () => {
  app = await crmAppModel();
});

describe.each(testEngines())('crm-marketing code on %s', (engine) => {
  let p: ProcessFixture;
  let registry: PluginRegistry;
  const ids: Record<string, string> = {};
  let phones = 13900000000;
  const { api, created, read } = recordCalls(() => p);
  const patch = (who: Who, entity: string, id: string, body: object) => api().patch(`/api/records/${entity}/${id}`).set(p.as(who)).send(body).expect(200);
  const contact = (who: Who, name: string, more: object = {}) => created(who, 'contact', { name, account: ids.account, mobile: String((phones += 1)), ...more });
  const rule = (body: object) => created('marketer', 'careRule', { active: true, ...body });
  /** Runs the care rules at 09:00 Beijing time (01:00 UTC) of a day. */
  const runCare = (day: string) => runPluginSchedule(
    { app, knex: p.f.t.db.knex, hooks: appHooks(app, p.runtime.hooks, registry), clock: () => new Date(`${day}T01:00:00Z`) },
    registry.schedules.get('crm-marketing.careRules')!,
  );
  /** The care tasks a rule made, by contact (or account, for a contract without a signer). */
  const tasksOf = async (ruleId: string): Promise<Row[]> => (await api().get('/api/records/activity').set(p.as('admin'))
    .query({ filter: JSON.stringify({ careKey: { $startsWith: `${ruleId}:` } }), limit: 100 }).expect(200)).body.data;
  const notices = async (who: Who, prefix: string): Promise<Array<{ key: string; title: string }>> =>
    p.f.t.db.knex('tessera_notifications').where({ user_id: p.ids[who] }).andWhere('key', 'like', `plugin:crm-marketing:care:${prefix}%`);

  beforeAll(async () => {
    registry = PluginRegistry.of(app, [{ plugin: 'crm-marketing', module: marketingHooks }]);
    p = await openProcessFixture(engine, app, USERS, { plugins: registry });
    ids.account = (await created('rep', 'account', { name: '成都糖酒有限公司' })).id;
    ids.open = (await created('admin', 'salesStage', { name: '需求确认', code: 'qualification', sortOrder: 20, probability: 30, active: true })).id;
    ids.won = (await created('admin', 'salesStage', { name: '赢单', code: 'won', sortOrder: 90, probability: 100, forecastCategory: 'closed', isWon: true })).id;
  });
  afterAll(() => p.close());

  it('gives the owner of each key contact a task and a notice on the birthday, once, and on no other day', async () => {
    const wang = await contact('rep', '王芳', { keyContact: true, birthday: '1988-03-15' });
    const li = await contact('rep2', '李强', { keyContact: true, birthday: '1975-03-15' });
    await contact('rep', '赵敏', { keyContact: false, birthday: '1990-03-15' });
    await contact('rep', '孙磊', { keyContact: true, birthday: '1990-03-16' });
    const birthday = await rule({ name: '关键联系人生日关怀', occasion: 'birthday', action: 'task', keyContactsOnly: true });

    await runCare('2027-03-14');
    expect(await tasksOf(birthday.id)).toEqual([]);
    await runCare('2027-03-15');
    await runCare('2027-03-15');
    const tasks = await tasksOf(birthday.id);
    expect(tasks.map((t) => [t.contact, t.assignedTo]).sort()).toEqual([[wang.id, p.ids.rep], [li.id, p.ids.rep2]].sort());
    expect(tasks.find((t) => t.contact === wang.id)).toMatchObject({
      subject: '生日关怀 Birthday: 王芳', type: 'task', status: 'planned', priority: 'high', account: ids.account, careKey: `${birthday.id}:2027-03-15:${wang.id}`,
    });
    // The rep reads the task assigned to them, and is told once.
    await api().get(`/api/records/activity/${tasks[0]!.assignedTo === p.ids.rep ? tasks[0]!.id : tasks[1]!.id}`).set(p.as('rep')).expect(200);
    const told = await notices('rep', birthday.id);
    expect(told).toHaveLength(1);
    expect(told[0]!.title).toContain('王芳');
    expect(await notices('rep2', birthday.id)).toHaveLength(1);
  });

  it('keeps a 29 February birthday on 28 February of a common year, and counts the days before', async () => {
    const leap = await contact('rep', '周杰', { keyContact: true, birthday: '1992-02-29' });
    const early = await rule({ name: '生日前三天', occasion: 'birthday', daysBefore: 3, action: 'task' });
    await runCare('2027-02-24');
    expect(await tasksOf(early.id)).toEqual([]);
    await runCare('2027-02-25');
    expect((await tasksOf(early.id)).map((t) => [t.contact, t.careKey])).toEqual([[leap.id, `${early.id}:2027-02-28:${leap.id}`]]);
  });

  it('sends the Spring Festival greeting task on the rule\'s date, only for contacts who agreed to marketing', async () => {
    const willing = await contact('rep', '陈晨', { marketingConsent: true, consentDate: '2026-05-01' });
    await contact('rep', '刘洋', { marketingConsent: true, consentDate: '2026-05-01', unsubscribed: true });
    await contact('rep', '黄磊', { keyContact: true });
    const festival = await rule({
      name: '2027 春节祝福', occasion: 'springFestival', occasionDate: '2027-02-06', daysBefore: 7, action: 'greeting', template: 'greeting_spring_festival', keyContactsOnly: false,
    });
    await runCare('2027-01-29');
    expect(await tasksOf(festival.id)).toEqual([]);
    await runCare('2027-01-30');
    const [task, ...more] = await tasksOf(festival.id);
    expect(more).toEqual([]);
    expect(task).toMatchObject({ contact: willing.id, assignedTo: p.ids.rep, subject: '春节祝福 Spring Festival greeting: 陈晨', dueAt: expect.stringMatching(/^2027-02-06T01:00/) });
    expect(task!.description).toContain('greeting_spring_festival');
    expect((await notices('rep', festival.id)).map((n) => n.key)).toEqual([`plugin:crm-marketing:care:${festival.id}:2027-02-06:${willing.id}`]);
  });

  it('gives the contract\'s owner a task on the anniversary of its signing', async () => {
    const signer = await contact('rep', '吴刚');
    const body = { account: ids.account, amount: 200000, startDate: '2025-06-01', endDate: '2028-05-31', status: 'signed', customerSigner: signer.id };
    const contract = await created('rep', 'contract', { ...body, name: '年度供货合同', signedDate: '2025-05-20' });
    await created('rep', 'contract', { ...body, name: '当年新签', signedDate: '2027-05-20' });
    await created('rep', 'contract', { ...body, name: '草稿', status: 'draft', signedDate: '2024-05-20' });
    const anniversary = await rule({ name: '合同签约周年回访', occasion: 'contractAnniversary', action: 'task' });
    await runCare('2027-05-19');
    expect(await tasksOf(anniversary.id)).toEqual([]);
    await runCare('2027-05-20');
    const tasks = await tasksOf(anniversary.id);
    expect(tasks).toEqual([expect.objectContaining({
      subject: '合同周年关怀 Contract anniversary: 年度供货合同', assignedTo: p.ids.rep, account: ids.account, contact: signer.id, careKey: `${anniversary.id}:2027-05-20:${contract.id}`,
    })]);
    expect(await notices('rep', anniversary.id)).toHaveLength(1);
  });

  it('keeps a campaign\'s leads, opportunities, won revenue and ROI current', async () => {
    const a = await created('marketer', 'campaign', { name: '成都糖酒会', type: 'exhibition', status: 'planned' });
    const b = await created('marketer', 'campaign', { name: '春季研讨会', type: 'seminar', status: 'planned', actualCost: 500 });
    const results = async (c: Row) => {
      const r = await read('admin', 'campaign', c.id);
      return [r.leadsGenerated, r.opportunitiesCreated, r.wonRevenue];
    };
    const l1 = await created('marketer', 'lead', { name: '张伟', campaign: a.id });
    const l2 = await created('marketer', 'lead', { name: '杨柳', campaign: a.id });
    expect(await results(a)).toEqual([2, 0, 0]);
    await patch('marketer', 'lead', l2.id, { campaign: b.id });
    expect([await results(a), await results(b)]).toEqual([[1, 0, 0], [1, 0, 0]]);

    const opp = { account: ids.account, closeDate: '2027-06-30' };
    const o1 = await created('rep', 'opportunity', { ...opp, name: '糖酒会订单', stage: ids.open, amount: 1000, campaign: a.id });
    expect(await results(a)).toEqual([1, 1, 0]);
    await patch('rep', 'opportunity', o1.id, { stage: ids.won });
    await patch('rep', 'opportunity', o1.id, { amount: 1500 });
    expect(await results(a)).toEqual([1, 1, 1500]);

    // An opportunity opened from a lead comes from the lead's campaign.
    const o2 = await created('rep', 'opportunity', { ...opp, name: '研讨会商机', stage: ids.open, sourceLead: l2.id });
    expect((await read('admin', 'opportunity', o2.id)).campaign).toBe(b.id);
    await patch('rep', 'opportunity', o1.id, { campaign: b.id });
    expect([await results(a), await results(b)]).toEqual([[1, 0, 0], [1, 2, 1500]]);
    expect((await read('admin', 'campaign', b.id)).roi).toBe(200);

    // A write that moves no total leaves the campaign as it was.
    const version = (await read('admin', 'campaign', b.id)).version;
    await patch('marketer', 'lead', l2.id, { name: '杨柳青' });
    expect((await read('admin', 'campaign', b.id)).version).toBe(version);

    await api().delete(`/api/records/lead/${l1.id}`).set(p.as('admin')).expect(204);
    await api().delete(`/api/records/opportunity/${o1.id}`).set(p.as('admin')).expect(204);
    expect([await results(a), await results(b)]).toEqual([[0, 0, 0], [1, 1, 0]]);
  });

  it('counts a campaign\'s leads past a page of 500', async () => {
    const big = await created('marketer', 'campaign', { name: '线上直播', type: 'online', status: 'planned' });
    // Written without hooks, all at one instant (so a page ends among equal creation times), then counted by one more.
    await p.f.t.db.knex.transaction(async (trx) => {
      const quiet = pluginRecords(systemContext(app, trx, null, undefined));
      for (let i = 0; i < 520; i += 1) await quiet.create('lead', { name: `观众 ${i}`, campaign: big.id });
      const lead = app.entities.lead!;
      await trx(lead.table).where(lead.fields.campaign!.column, big.id).update({ [lead.fields.createdAt!.column]: '2027-01-01T00:00:00Z' });
    });
    await created('marketer', 'lead', { name: '最后一位', campaign: big.id });
    expect((await read('admin', 'campaign', big.id)).leadsGenerated).toBe(521);
  });
});
