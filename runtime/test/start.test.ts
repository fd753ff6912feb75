import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { startServer, type RunningServer } from '../src/start/start-server';

describe('starting Tessera on the quickstart app (embedded PGlite)', () => {
  let dir: string;
  const passwords: Array<{ email: string; password: string }> = [];
  const start = () => startServer({ appDir: dir, database: { dataDir: path.join(dir, '.tessera', 'data') }, port: 0, onGeneratedPassword: (a) => passwords.push(a) });
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'tessera-start-'));
    // The example's own .tessera folder (left by `npm start`) holds a database of its own: never copy it.
    await cp(path.resolve(__dirname, '../../examples/quickstart'), dir, { recursive: true, filter: (source) => !source.split(path.sep).includes('.tessera') });
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const editDeal = async (edit: (deal: { fields: Record<string, unknown> }) => void) => {
    const file = path.join(dir, 'entities', 'deal.json');
    const deal = JSON.parse(await readFile(file, 'utf8'));
    edit(deal);
    await writeFile(file, JSON.stringify(deal));
  };

  it('migrates, creates the admin once, serves the API, and picks up a new field on the next start', async () => {
    let started = await start();
    if (!started.ok) throw new Error(JSON.stringify(started.failure));
    let server: RunningServer = started.server;
    expect(passwords).toHaveLength(1);
    const api = () => request(server.url);
    expect((await api().get('/api/health')).body).toEqual({ status: 'ok', database: 'ok' });
    const { token } = (await api().post('/api/auth/login').send(passwords[0])).body;
    const company = await api().post('/api/records/company').set('Authorization', `Bearer ${token}`).send({ name: '上海糖酒有限公司' });
    expect(company.status).toBe(201);
    expect((await api().post('/api/records/deal').set('Authorization', `Bearer ${token}`).send({ name: 'Q1', company: company.body.id, source: 'web' })).status).toBe(400);
    await server.close();

    await editDeal((deal) => { deal.fields.source = { type: 'picklist', options: ['web', 'referral'], label: { en: 'Source', 'zh-CN': '来源' } }; });
    started = await start();
    if (!started.ok) throw new Error(JSON.stringify(started.failure));
    server = started.server;
    expect(started.server.migration.status).toBe('applied');
    expect(passwords).toHaveLength(1);
    const created = await api().post('/api/records/deal').set('Authorization', `Bearer ${token}`).send({ name: 'Q1', company: company.body.id, source: 'web', amount: 100, probability: 30 });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ source: 'web', expected: 30 });
    await server.close();
  });

  it('refuses to start over a destructive change, changing nothing', async () => {
    await editDeal((deal) => { delete deal.fields.source; });
    const started = await start();
    expect(started.ok).toBe(false);
    if (started.ok) return;
    expect(started.failure).toMatchObject({ reason: 'migration', result: { status: 'refused', reason: 'destructive' } });
  });
});
