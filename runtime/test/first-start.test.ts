import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { startServer } from '../src/start/start-server';
import type { FirstStartCredentials } from '../src/start/first-start';

const label = (en: string, zh: string) => ({ en, 'zh-CN': zh });
const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

/** An app whose first start makes its users and loads its seed data spread over them; a restart does neither again. */
describe('an app\'s first start (embedded PGlite)', () => {
  let dir: string;
  const write = async (file: string, value: unknown) => {
    await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await writeFile(path.join(dir, file), JSON.stringify(value));
  };
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'tessera-first-start-'));
    await write('app.json', {
      name: 'demo', label: label('Demo', '演示'),
      firstStart: {
        seed: true,
        users: [
          { email: 'boss@example.com', name: '老板', roles: ['rep'] },
          { email: 'rep@example.com', name: '销售', roles: ['rep'], manager: 'boss@example.com', team: id(9) },
        ],
      },
    });
    await write('entities/deal.json', { name: 'deal', label: label('Deal', '商机'), fields: {
      name: { type: 'text', required: true, label: label('Name', '名称') },
      reviewer: { type: 'user', label: label('Reviewer', '审核人') },
      approved: { type: 'boolean', readOnly: true, label: label('Approved', '已批准') },
    } });
    await write('roles/rep.json', { name: 'rep', label: label('Rep', '销售'), permissions: [{ action: ['read', 'create'], subject: 'deal', where: { ownerId: '$user.id' } }] });
    await write('seed/teams.json', { entity: 'team', records: [{ id: id(9), name: '华东大区' }] });
    await write('seed/deals.json', { entity: 'deal', records: [{ id: id(1), name: 'Mine', $owner: 'rep@example.com', reviewer: { $user: 'Boss@example.com' }, approved: true }, { id: id(2), name: 'Boss\'s', $owner: 'BOSS@example.com' }, { id: id(3), name: 'Admin\'s' }] });
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('creates the users with their manager and generated passwords, and seeds records owned by them, once', async () => {
    const told: FirstStartCredentials[][] = [];
    const admins: Array<{ email: string; password: string }> = [];
    const start = () => startServer({
      appDir: dir, database: { dataDir: path.join(dir, '.tessera', 'data') }, port: 0, onFirstStartUsers: (u) => told.push([...u]), onGeneratedPassword: (a) => admins.push(a),
    });
    const started = await start();
    if (!started.ok) throw new Error(JSON.stringify(started.failure));
    expect(told).toHaveLength(1);
    expect(told[0]!.map((u) => [u.email, u.roles])).toEqual([['boss@example.com', ['rep']], ['rep@example.com', ['rep']]]);
    const api = () => request(started.server.url);
    const rep = told[0]!.find((u) => u.email === 'rep@example.com')!;
    const { token, user } = (await api().post('/api/auth/login').send({ email: rep.email, password: rep.password }).expect(200)).body;
    const deals = (await api().get('/api/records/deal').set('Authorization', `Bearer ${token}`).expect(200)).body.data;
    expect(deals.map((d: { name: string; ownerId: string }) => [d.name, d.ownerId])).toEqual([['Mine', user.id]]);
    const admin = (await api().post('/api/auth/login').send(admins[0]).expect(200)).body.token;
    const users = (await api().get('/api/records/user').query({ sort: 'email' }).set('Authorization', `Bearer ${admin}`).expect(200)).body.data;
    const boss = users.find((u: { email: string }) => u.email === 'boss@example.com');
    expect(deals[0]).toMatchObject({ reviewer: boss.id, approved: true });
    expect(users.find((u: { email: string }) => u.email === 'rep@example.com')).toMatchObject({ name: '销售', roles: ['rep'], manager: boss.id, team: id(9) });
    await started.server.close();
    const again = await start();
    if (!again.ok) throw new Error(JSON.stringify(again.failure));
    expect(told).toHaveLength(1);
    await again.server.close();
  });

  it.each([
    ['a user\'s department is no team of the seed data', { team: id(8) }, {}, `app.json /firstStart/users/0/team: no team ${id(8)} in the seed data`],
    ['a seed record names a user who is not there', {}, { reviewer: { $user: 'nobody@example.com' } },
      'the app\'s seed data cannot be loaded:\nseed/deals.json /records/0/reviewer: {"$user": e-mail} must name a user in the database or created on the first start (found "nobody@example.com") [seed.user]'],
  ])('refuses to start when %s, naming where', async (_case, user, deal, message) => {
    const other = await mkdtemp(path.join(tmpdir(), 'tessera-first-start-'));
    try {
      const put = (file: string, value: unknown) => mkdir(path.dirname(path.join(other, file)), { recursive: true }).then(() => writeFile(path.join(other, file), JSON.stringify(value)));
      await put('app.json', { name: 'demo', label: label('Demo', '演示'), firstStart: { seed: true, users: [{ email: 'rep@example.com', name: '销售', roles: ['admin'], ...user }] } });
      await put('entities/deal.json', { name: 'deal', label: label('Deal', '商机'), fields: { name: { type: 'text', label: label('Name', '名称') }, reviewer: { type: 'user', label: label('Reviewer', '审核人') } } });
      await put('seed/deals.json', { entity: 'deal', records: [{ id: id(1), name: 'One', ...deal }] });
      const started = await startServer({ appDir: other, database: { dataDir: path.join(other, '.tessera', 'data') }, port: 0 });
      expect(started).toEqual({ ok: false, failure: { reason: 'firstStart', message } });
    } finally {
      await rm(other, { recursive: true, force: true });
    }
  });
});
