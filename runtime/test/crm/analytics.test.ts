import { chartParams, parseAggregateQuery, renderIssue, type AppModel } from '@tessera/core';
import type { Chart } from '@tessera/metadata';
import type { Express } from 'express';
import request from 'supertest';
import { openHttpFixture, type HttpFixture } from '../http/support';
import { testEngines } from '../support/databases';
import { crmAppModel } from './crm-fixture';

/** crm-analytics' dashboards: every chart is a request the aggregate API takes, and the new charts answer right. */
const PASSWORD = 'crm-pa55-word!';
// boss manages rep, both in East; peer is in West.
const USERS = { admin: ['admin'], boss: ['sales_manager'], rep: ['sales_rep'], peer: ['sales_rep'] } as const;
type Who = keyof typeof USERS;
type Row = Record<string, unknown>;

let app: AppModel;
beforeAll(async () => {
  app = await crmAppModel();
});

const chartOf = (dashboard: string, name: string): Chart => {
  const chart = app.dashboards[dashboard]?.charts.find((c) => c.name === name);
  if (!chart) throw new Error(`no chart ${dashboard}.${name}`);
  return chart;
};

describe('the crm-analytics dashboards', () => {
  it('ask only what parseAggregateQuery takes, chart by chart', () => {
    const charts = Object.values(app.dashboards).flatMap((d) => d.charts.map((c) => ({ at: `${d.name}.${c.name}`, chart: c })));
    expect(charts.length).toBeGreaterThan(40);
    const refused = charts.flatMap(({ at, chart }) => {
      const parsed = parseAggregateQuery(app, chart.entity, chartParams(chart));
      return parsed.ok ? [] : parsed.issues.map((i) => `${at}: ${renderIssue({ ...i, file: '' }).message}`);
    });
    expect(refused).toEqual([]);
  });
});

describe.each(testEngines())('crm-analytics charts on %s', (engine) => {
  let f: HttpFixture;
  let server: Express;
  const ids: Record<string, string> = {};
  const tokens: Record<string, string> = {};
  const as = (who: Who) => ({ Authorization: `Bearer ${tokens[who]!}` });
  const created = async (who: Who, entity: string, body: object): Promise<string> => {
    const res = await request(server).post(`/api/records/${entity}`).set(as(who)).send(body);
    if (res.status !== 201) throw new Error(`${who} POST ${entity}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.id as string;
  };
  // Values that plugin code maintains (read-only to clients) are written straight to the table.
  const store = (entity: string, id: string, values: Row) => {
    const model = app.entities[entity]!;
    return f.t.db.knex(model.table).where('id', id).update(Object.fromEntries(Object.entries(values).map(([k, v]) => [model.fields[k]!.column, v])));
  };
  /** A chart's rows as `who` sees them, numbers as numbers. */
  const chart = async (who: Who, dashboard: string, name: string): Promise<Row[]> => {
    const c = chartOf(dashboard, name);
    const res = await request(server).get(`/api/records/${c.entity}/aggregate?${chartParams(c)}`).set(as(who));
    if (res.status !== 200) throw new Error(`${who} ${dashboard}.${name}: ${res.status} ${JSON.stringify(res.body)}`);
    return (res.body.data as Row[]).map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : v])));
  };

  beforeAll(async () => {
    f = await openHttpFixture(engine, app);
    server = f.server();
    for (const [who, roles] of Object.entries(USERS)) ids[who] = await f.addUser({ email: `${who}@example.com`, password: PASSWORD, roles: [...roles] });
    await request(server).post('/api/auth/login').send({ email: 'admin@example.com', password: PASSWORD }).expect(200).then((r) => (tokens.admin = r.body.token));
    ids.east = await created('admin', 'team', { name: 'East' });
    ids.west = await created('admin', 'team', { name: 'West' });
    const user = app.entities.user!.fields;
    for (const [who, team, manager] of [['boss', 'east'], ['rep', 'east', 'boss'], ['peer', 'west']] as const) {
      await f.t.db.knex('user').where('id', ids[who]).update({ [user.team!.column]: ids[team], ...(manager ? { [user.manager!.column]: ids[manager] } : {}) });
    }
    for (const who of ['boss', 'rep', 'peer'] as const) {
      tokens[who] = (await request(server).post('/api/auth/login').send({ email: `${who}@example.com`, password: PASSWORD }).expect(200)).body.token;
    }
    ids.open = await created('admin', 'salesStage', { name: 'Proposal', code: 'proposal', sortOrder: 30, probability: 50 });
    ids.early = await created('admin', 'salesStage', { name: 'Qualification', code: 'qualification', sortOrder: 10, probability: 20 });
    ids.won = await created('admin', 'salesStage', { name: 'Won', code: 'won', sortOrder: 90, probability: 100, isWon: true });
    ids.lost = await created('admin', 'salesStage', { name: 'Lost', code: 'lost', sortOrder: 100, probability: 0, isLost: true });
    ids.repAccount = await created('rep', 'account', { name: 'Acme', valueTier: 'a' });
    ids.peerAccount = await created('peer', 'account', { name: 'Globex', valueTier: 'b' });
    // rep: won twice, lost once, one open in March; peer: won once, lost once, one open in March, one in April.
    const deal = (who: 'rep' | 'peer', stage: string, amount: number, probability: number, closeDate: string) => created(who, 'opportunity', {
      name: `${who} ${stage} ${amount}`, account: ids[`${who}Account`], stage: ids[stage], amount, probability, closeDate,
      ...(stage === 'lost' ? { lostReason: 'price' } : {}),
    });
    await deal('rep', 'won', 100, 100, '2027-01-10');
    await deal('rep', 'won', 300, 100, '2027-02-10');
    await deal('rep', 'lost', 50, 0, '2027-02-20');
    await deal('rep', 'open', 1000, 40, '2027-03-15');
    await deal('rep', 'early', 200, 20, '2027-03-20');
    await deal('peer', 'won', 700, 100, '2027-01-05');
    await deal('peer', 'lost', 80, 0, '2027-01-25');
    await deal('peer', 'open', 500, 50, '2027-03-01');
    await deal('peer', 'open', 400, 25, '2027-04-01');
  });
  afterAll(() => f?.t.close());

  it('charts the win rate by rep and by department, each viewer over the deals they may read', async () => {
    expect(await chart('admin', 'win_loss', 'winRateByRep')).toEqual(expect.arrayContaining([
      { ownerId: ids.rep, 'share:stage.isWon': 2 / 3, count: 3, 'sum:amount': 450 },
      { ownerId: ids.peer, 'share:stage.isWon': 0.5, count: 2, 'sum:amount': 780 },
    ]));
    const byDepartment = await chart('admin', 'win_loss', 'winRateByDepartment');
    expect(byDepartment.map((r) => [r['ownerId.team'], r['share:stage.isWon'], r.count]).sort()).toEqual([[ids.east, 2 / 3, 3], [ids.west, 0.5, 2]].sort());
    // The manager reads their own and their report's deals: East only.
    expect((await chart('boss', 'win_loss', 'winRateByDepartment')).map((r) => [r['ownerId.team'], r['share:stage.isWon']])).toEqual([[ids.east, 2 / 3]]);
  });

  it('charts expected revenue (amount × probability ÷ 100) by close month', async () => {
    expect(await chart('admin', 'sales_forecast', 'expectedRevenueByMonth')).toEqual([
      { 'closeDate:month': '2027-03', 'sum:expectedRevenue': 1000 * 0.4 + 200 * 0.2 + 500 * 0.5, 'sum:amount': 1700, count: 3 },
      { 'closeDate:month': '2027-04', 'sum:expectedRevenue': 100, 'sum:amount': 400, count: 1 },
    ]);
    expect(await chart('rep', 'sales_forecast', 'expectedRevenueByMonth')).toEqual([{ 'closeDate:month': '2027-03', 'sum:expectedRevenue': 440, 'sum:amount': 1200, count: 2 }]);
  });

  it('puts the funnel\'s stages in their order, lost left out', async () => {
    expect((await chart('admin', 'sales_pipeline', 'salesFunnel')).map((r) => [r['stage.sortOrder'], r.stage, r.count]))
      .toEqual([[10, ids.early, 1], [30, ids.open, 3], [90, ids.won, 3]]);
  });

  it('charts target attainment as achieved ÷ target, null for a zero target', async () => {
    const target = (rep: Who, quarter: number, targetAmount: number) => created('admin', 'salesTarget', { name: `${rep} Q${quarter}`, year: 2027, periodType: 'quarter', quarter, rep: ids[rep], targetAmount });
    await store('salesTarget', await target('rep', 1, 1000), { achievedAmount: 400 });
    await store('salesTarget', await target('peer', 1, 2000), { achievedAmount: 700 });
    await store('salesTarget', await target('peer', 2, 0), { achievedAmount: 0 });
    const rows = await chart('admin', 'target_attainment', 'quarterlyByRep');
    expect(rows.map((r) => [r.quarter, r.rep, r['ratio:achievedAmount/targetAmount']])).toEqual(expect.arrayContaining([[1, ids.rep, 0.4], [1, ids.peer, 0.35], [2, ids.peer, null]]));
    expect(rows).toHaveLength(3);
  });

  it('charts order revenue by account value tier, a tier the viewer may not read grouped under null', async () => {
    const order = async (who: 'rep' | 'peer', account: string, total: number) => {
      const id = await created(who, 'order', { account: ids[`${who}Account`], orderDate: '2027-02-01', status: 'approved' });
      await store('order', id, { total, account: ids[account] });
    };
    await order('rep', 'repAccount', 300);
    await order('peer', 'peerAccount', 500);
    // The rep's order for Globex, an account only peer may read.
    await order('rep', 'peerAccount', 200);
    expect(await chart('admin', 'customer_value', 'orderRevenueByTier')).toEqual([
      { 'account.valueTier': 'a', 'sum:total': 300, count: 1, 'countDistinct:account': 1 },
      { 'account.valueTier': 'b', 'sum:total': 700, count: 2, 'countDistinct:account': 1 },
    ]);
    expect(await chart('rep', 'customer_value', 'orderRevenueByTier')).toEqual([
      { 'account.valueTier': 'a', 'sum:total': 300, count: 1, 'countDistinct:account': 1 },
      { 'account.valueTier': null, 'sum:total': 200, count: 1, 'countDistinct:account': 1 },
    ]);
  });

  it('charts the share of cases that missed a deadline, by priority', async () => {
    const open = (priority: string) => created('admin', 'case', { subject: `${priority} case`, account: ids.repAccount, priority });
    await store('case', await open('high'), { responseBreached: true });
    await open('high');
    await store('case', await open('low'), { responseBreached: true, resolutionBreached: true });
    await open('low');
    await open('low');
    expect(await chart('admin', 'service_levels', 'breachRateByPriority')).toEqual([
      { priority: 'high', 'share:responseBreached': 0.5, 'share:resolutionBreached': 0, count: 2 },
      { priority: 'low', 'share:responseBreached': 1 / 3, 'share:resolutionBreached': 1 / 3, count: 3 },
    ]);
  });

  it('charts campaign revenue per cost and cost per lead, null where nothing was spent', async () => {
    const campaign = async (type: string, actualCost: number, wonRevenue: number, leadsGenerated: number) =>
      store('campaign', await created('admin', 'campaign', { name: `${type} ${actualCost}`, type, status: 'planned', actualCost }), { wonRevenue, leadsGenerated });
    await campaign('online', 1000, 5000, 10);
    await campaign('online', 3000, 1000, 30);
    await campaign('seminar', 0, 800, 0);
    expect((await chart('admin', 'campaign_roi', 'roiByType')).map((r) => [r.type, r['ratio:wonRevenue/actualCost'], r['ratio:actualCost/leadsGenerated']]))
      .toEqual([['online', 1.5, 100], ['seminar', null, null]]);
  });
});
