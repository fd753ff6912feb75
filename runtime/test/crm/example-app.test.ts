import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import request from 'supertest';
import type { FirstStartCredentials } from '../../src/start/first-start';
import { startServer } from '../../src/start/start-server';

/** `npm start`'s app: the first start creates the example company's people and loads its demo data, each sees their share. */
describe('examples/crm on its first start (embedded PGlite)', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'tessera-crm-example-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('starts with every CRM plugin, its people and its demo data: a rep sees only their own pipeline, an agent the cases assigned to him', async () => {
    const people: FirstStartCredentials[] = [];
    // The app folder itself (its plugins are found in the repository's plugins/), with a database of the test's own.
    const appDir = path.resolve(__dirname, '../../../examples/crm');
    const started = await startServer({
      appDir, database: { dataDir: path.join(dir, 'data') }, port: 0, onFirstStartUsers: (u) => people.push(...u),
    });
    if (!started.ok) throw new Error(JSON.stringify(started.failure));
    try {
      expect(people.map((p) => p.roles[0]).sort()).toEqual(expect.arrayContaining(['executive', 'marketer', 'sales_manager', 'sales_rep', 'service_agent', 'service_manager']));
      const api = () => request(started.server.url);
      const session = async (email: string) => (await api().post('/api/auth/login').send({ email, password: people.find((p) => p.email === email)!.password }).expect(200)).body as { token: string; user: { id: string } };
      const login = async (email: string) => (await session(email)).token;
      const count = async (token: string, entity: string) => (await api().get(`/api/records/${entity}`).query({ count: 'true', limit: '1' }).set('Authorization', `Bearer ${token}`).expect(200)).body.page.total as number;
      const exec = await login('zhou.jianguo@tianshu.example.com');
      const rep = await login('chen.hao@tianshu.example.com');
      const all = await count(exec, 'opportunity');
      const mine = await count(rep, 'opportunity');
      expect(all).toBeGreaterThanOrEqual(150);
      expect(mine).toBeGreaterThan(0);
      expect(mine).toBeLessThan(all);
      expect(await count(exec, 'account')).toBeGreaterThanOrEqual(100);
      const found = (await api().get('/api/search').query({ q: '糖酒' }).set('Authorization', `Bearer ${exec}`).expect(200)).body.data;
      expect(found.length).toBeGreaterThan(0);

      // The seed ran the plugins' write hooks: each demo order's total is the sum of its lines, as if entered by hand.
      const listAs = async (token: string, entity: string, filter: object) => (await api().get(`/api/records/${entity}`)
        .query({ filter: JSON.stringify(filter), limit: '500' }).set('Authorization', `Bearer ${token}`).expect(200)).body.data as Array<Record<string, number | string | boolean | null>>;
      const list = (entity: string, filter: object) => listAs(exec, entity, filter);
      const orders = await list('order', {});
      const lines = await list('orderLine', {});
      const sums = new Map<string, number>();
      for (const l of lines) sums.set(l.order as string, (sums.get(l.order as string) ?? 0) + Number(l.lineTotal));
      expect(orders.length).toBeGreaterThan(0);
      for (const o of orders) expect(Number(o.total)).toBeCloseTo(sums.get(o.id as string) ?? 0, 2);
      expect(orders.filter((o) => Number(o.total) > 0).length).toBeGreaterThan(orders.length / 2);
      // People are in their departments, so the regions' order targets count their members' orders.
      const targets = await list('salesTarget', { department: { $exists: true }, metric: 'orderAmount' });
      expect(targets.filter((t) => Number(t.achievedAmount) > 0).length).toBeGreaterThan(0);

      // Seed records carry the statuses the processes set and name people by e-mail: cases are handled by the agents,
      // some by a colleague of the agent who took them (seen only through the assignment), the escalated ones by the
      // service manager, and the new ones wait unassigned.
      const agent = await session('ma.chao@tianshu.example.com');
      const manager = await session('sun.li@tianshu.example.com');
      const cases = await list('case', {});
      expect(new Set(cases.map((c) => c.status))).toEqual(new Set(['new', 'assigned', 'inProgress', 'suspended', 'escalated', 'resolved', 'closed']));
      expect(cases.filter((c) => c.status === 'new').every((c) => c.assignee === null)).toBe(true);
      expect(cases.filter((c) => c.status === 'escalated').every((c) => c.assignee === manager.user.id)).toBe(true);
      expect(cases.some((c) => c.responseBreached === true) && cases.some((c) => c.resolutionBreached === true)).toBe(true);
      expect(cases.filter((c) => c.status === 'closed').every((c) => c.firstRespondedAt && c.resolvedAt && c.closedAt && c.resolution)).toBe(true);
      const assigned = await listAs(agent.token, 'case', { assignee: agent.user.id });
      expect(assigned.length).toBeGreaterThan(0);
      expect(assigned.some((c) => c.ownerId !== agent.user.id)).toBe(true);
      expect((await listAs(agent.token, 'workOrder', { dispatchTo: agent.user.id, status: { $in: ['dispatched', 'inProgress'] } })).length).toBeGreaterThan(0);

      // Most knowledge articles are published, so an agent's case about a device is offered articles on it.
      const [t200] = await list('product', { code: 'TS-T200' });
      const [deviceCase] = await listAs(agent.token, 'case', { assignee: agent.user.id, status: { $in: ['assigned', 'inProgress'] }, 'installedProduct.product': t200!.id });
      expect((await list('installedProduct', { id: deviceCase!.installedProduct }))[0]!.product).toBe(t200!.id);
      const suggested = (await api().post(`/api/records/case/${deviceCase!.id}/actions/suggestArticles`).set('Authorization', `Bearer ${agent.token}`).send({}).expect(200)).body.data as Array<{ id: string }>;
      expect(suggested.length).toBeGreaterThan(0);
      const articles = await list('knowledgeArticle', { id: { $in: suggested.map((a) => a.id) } });
      expect(articles.length).toBe(suggested.length);
      expect(articles.every((a) => a.status === 'published' && a.publishedOn)).toBe(true);

      // Approvals and conversions: what was approved says so, and converted leads point at what they became.
      expect((await list('quote', { status: { $in: ['sent', 'accepted'] }, discount: { $gt: 10 } })).every((q) => q.approvalStatus === 'approved')).toBe(true);
      expect((await list('quote', { approvalStatus: 'approved' })).length).toBeGreaterThan(0);
      expect((await list('contract', { status: { $in: ['signed', 'expired'] } })).every((c) => c.approvalStatus === 'approved' && c.ourSigner)).toBe(true);
      expect((await list('campaign', { status: { $in: ['inProgress', 'completed'] }, budget: { $gt: 0 } })).length).toBeGreaterThan(0);
      const converted = await list('lead', { status: 'converted' });
      expect(converted.length).toBeGreaterThan(0);
      const opportunities = new Map((await list('opportunity', { id: { $in: converted.map((l) => l.convertedOpportunity) } })).map((o) => [o.id, o]));
      for (const lead of converted) expect(opportunities.get(lead.convertedOpportunity as string)?.account).toBe(lead.convertedAccount);
    } finally {
      await started.server.close();
    }
  });
});
