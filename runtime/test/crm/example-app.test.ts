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

  it('starts with every CRM plugin, its people and its demo data, and a rep sees only their own pipeline', async () => {
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
      const login = async (email: string) => (await api().post('/api/auth/login').send({ email, password: people.find((p) => p.email === email)!.password }).expect(200)).body.token as string;
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
      const list = async (entity: string, filter: object) => (await api().get(`/api/records/${entity}`)
        .query({ filter: JSON.stringify(filter), limit: '500' }).set('Authorization', `Bearer ${exec}`).expect(200)).body.data as Array<Record<string, number | string>>;
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
    } finally {
      await started.server.close();
    }
  });
});
