import request from 'supertest';
import { Jobs } from '../../src/jobs/jobs';
import { ProcessVersions, publishProcesses } from '../../src/process/versions';
import { runTick } from '../../src/process/schedules';
import { lockInstance } from '../../src/process/store';
import { fireTimer } from '../../src/process/timers';
import { testEngines } from '../support/databases';
import { eventually } from '../support/eventually';
import { loadProcessApp } from './process-app';
import { openProcessFixture, type ProcessFixture } from './support';

const USERS = { rep: { roles: ['rep'], manager: 'boss' }, boss: { roles: ['manager'] }, fin1: { roles: ['finance'] }, fin2: { roles: ['finance'] }, admin: { roles: ['admin'] } };
const HOUR = 3600_000;

type Instance = { id: string; process: string; status: string; version: number; waitingAt: Array<{ node: string }> };

describe.each(testEngines())('process nodes, actions and triggers on %s', (engine) => {
  let p: ProcessFixture;
  const api = () => request(p.server);
  const newDeal = async (values: Record<string, unknown>) =>
    (await api().post('/api/records/deal').set(p.as('rep')).send({ name: `Deal ${Math.random().toString(36).slice(2, 8)}`, ...values }).expect(201)).body as { id: string; name: string };
  const start = (id: string, process: string) => api().post(`/api/records/deal/${id}/processes/${process}`).set(p.as('rep'));
  const only = async (who: string, recordId: string) => {
    const tasks = ((await api().get('/api/tasks').set(p.as(who)).expect(200)).body.data as Array<{ id: string; record: { id: string } }>).filter((t) => t.record.id === recordId);
    expect(tasks).toHaveLength(1);
    return tasks[0]!;
  };
  const approve = (who: string, taskId: string) => api().post(`/api/tasks/${taskId}/decision`).set(p.as(who)).send({ decision: 'approve' }).expect(200);
  const instances = async (id: string) => (await api().get(`/api/records/deal/${id}/processes`).set(p.as('admin')).expect(200)).body.data as Instance[];
  const record = async (id: string) => (await api().get(`/api/records/deal/${id}`).set(p.as('admin')).expect(200)).body;
  const notes = (dealId: string) => p.f.t.db.knex('note').where({ deal: dealId }).select('text');

  beforeAll(async () => {
    p = await openProcessFixture(engine, await loadProcessApp(), USERS, { background: true });
  });
  afterAll(() => p.close());

  it('splits into parallel branches and joins them once both decided', async () => {
    const deal = await newDeal({ reviewer: null });
    await api().patch(`/api/records/deal/${deal.id}`).set(p.as('admin')).send({ reviewer: p.ids.boss }).expect(200);
    const started = await start(deal.id, 'parallel_review').expect(201);
    expect(started.body.waitingAt.map((w: { node: string }) => w.node).sort()).toEqual(['fin', 'rev']);
    await approve('boss', (await only('boss', deal.id)).id);
    expect((await instances(deal.id))[0]).toMatchObject({ status: 'running' });
    expect((await instances(deal.id))[0].waitingAt.map((w: { node: string }) => w.node).sort()).toEqual(['fin', 'join']);
    // 50% of two finance users is one approval; the other's task is cancelled.
    await approve('fin2', (await only('fin2', deal.id)).id);
    expect((await instances(deal.id))[0]).toMatchObject({ status: 'approved', waitingAt: [] });
    expect((await record(deal.id)).approvalStatus).toBe('approved');
  });

  it('runs a subprocess and waits for it before going on', async () => {
    const deal = await newDeal({});
    await api().patch(`/api/records/deal/${deal.id}`).set(p.as('admin')).send({ reviewer: p.ids.boss }).expect(200);
    await start(deal.id, 'parent').expect(201);
    const byProcess = async () => Object.fromEntries((await instances(deal.id)).map((i) => [i.process, i]));
    const { child, parent } = await byProcess();
    expect([child!.process, child!.status, parent!.process, parent!.status]).toEqual(['child', 'running', 'parent', 'running']);
    expect(parent!.waitingAt).toEqual([expect.objectContaining({ node: 'sub' })]);
    await approve('boss', (await only('boss', deal.id)).id);
    const after = await byProcess();
    expect([after.child!.status, after.parent!.status]).toEqual(['approved', 'completed']);
    expect(await notes(deal.id)).toEqual([{ text: 'child approved' }]);
    expect((await record(deal.id)).approvalStatus).toBe('approved');
  });

  it('cancels the subprocess an instance waits for when the instance ends', async () => {
    const deal = await newDeal({ reviewer: p.ids.boss });
    const parent = await start(deal.id, 'parent').expect(201);
    await p.f.t.db.knex.transaction(async (trx) => {
      const instance = (await lockInstance(trx, parent.body.id))!;
      await p.runtime.engine.end(await p.runtime.engine.open(trx, instance, null), 'cancelled', { event: 'cancelled' });
    });
    expect((await instances(deal.id)).map((i) => `${i.process}:${i.status}`).sort()).toEqual(['child:cancelled', 'parent:cancelled']);
    expect(await p.f.t.db.knex('tessera_tasks').whereIn('instance_id', p.f.t.db.knex('tessera_process_instances').select('id').where({ record_id: deal.id })).andWhere({ status: 'open' })).toEqual([]);
  });

  it('starts on create, waits an hour as a job, then assigns the record and queues a webhook', async () => {
    const small = await newDeal({ amount: 10 });
    expect(await instances(small.id)).toEqual([]);
    p.shift(-2 * HOUR);
    const deal = await newDeal({ amount: 2_000_000, reviewer: p.ids.boss });
    expect((await instances(deal.id))[0]).toMatchObject({ process: 'big_deal', status: 'running', waitingAt: [{ node: 'pause' }] });
    p.shift(0);
    await eventually(async () => (await instances(deal.id))[0]!.status === 'completed', 8000);
    expect((await record(deal.id)).ownerId).toBe(p.ids.boss);
    const [instance] = await instances(deal.id);
    const hooks = await p.f.t.db.knex('tessera_outbox').where('key', 'like', `webhook:node:${instance!.id}:hook:%`);
    expect(hooks).toHaveLength(1);
    expect(hooks[0].payload).toMatchObject({ url: 'https://hooks.example.com/deals' });
  });

  it('renders a webhook body from a template as JSON, whatever the values hold', async () => {
    const deal = await newDeal({ name: 'A & "B" \\', amount: 5 });
    const started = await start(deal.id, 'hook_template').expect(201);
    const [hook] = await p.f.t.db.knex('tessera_outbox').where('key', 'like', `webhook:node:${started.body.id}:hook:%`);
    expect(hook.payload).toEqual({ url: 'https://hooks.example.com/t', method: 'PUT', body: { deal: 'A & "B" \\', amount: 5, by: 'hook_template' } });
    // A template that does not render fails its instance, naming the template, and queues nothing.
    const broken = await start(deal.id, 'broken_hook').expect(201);
    expect(broken.body).toMatchObject({ status: 'failed', error: expect.stringContaining('template "broken_hook"') });
    expect(await p.f.t.db.knex('tessera_outbox').where('key', 'like', `webhook:node:${broken.body.id}:%`)).toEqual([]);
  });

  it('starts on an update of the fields it watches when the entry holds, computing the values it creates', async () => {
    const deal = await newDeal({});
    await api().patch(`/api/records/deal/${deal.id}`).set(p.as('rep')).send({ amount: 5 }).expect(200);
    await api().patch(`/api/records/deal/${deal.id}`).set(p.as('rep')).send({ stage: 'lost' }).expect(200);
    expect(await notes(deal.id)).toEqual([]);
    await api().patch(`/api/records/deal/${deal.id}`).set(p.as('rep')).send({ stage: 'won' }).expect(200);
    await api().patch(`/api/records/deal/${deal.id}`).set(p.as('rep')).send({ amount: 6 }).expect(200);
    expect(await notes(deal.id)).toEqual([{ text: `won: ${deal.name}` }]);
  });

  it('waits until a date field, on the engine\'s clock', async () => {
    const past = await newDeal({ followUpOn: '2020-01-01' });
    await start(past.id, 'follow_up').expect(201);
    expect((await instances(past.id))[0]).toMatchObject({ status: 'completed' });
    const tomorrow = new Date(Date.now() + 24 * HOUR).toISOString().slice(0, 10);
    const later = await newDeal({ followUpOn: tomorrow });
    const started = await start(later.id, 'follow_up').expect(201);
    expect(started.body.waitingAt).toEqual([{ node: 'until', label: null, dueAt: `${tomorrow}T00:00:00.000Z` }]);
    const token = await p.f.t.db.knex('tessera_process_tokens').where({ instance_id: started.body.id, status: 'waiting' }).first('id');
    // A timer that comes early (by the engine's clock) waits on; once the clock has passed the date, it goes on, once.
    await fireTimer(p.runtime.engine, p.f.t.db.knex, { kind: 'token', instanceId: started.body.id, tokenId: token.id });
    expect((await instances(later.id))[0]).toMatchObject({ status: 'running' });
    p.shift(48 * HOUR);
    await fireTimer(p.runtime.engine, p.f.t.db.knex, { kind: 'token', instanceId: started.body.id, tokenId: token.id });
    await fireTimer(p.runtime.engine, p.f.t.db.knex, { kind: 'token', instanceId: started.body.id, tokenId: token.id });
    p.shift(0);
    expect((await instances(later.id))[0]).toMatchObject({ status: 'completed' });
    const reminders = await p.f.t.db.knex('tessera_notifications').where({ user_id: p.ids.rep }).andWhere('key', 'like', `node:${started.body.id}:remind:%`);
    expect(reminders).toHaveLength(1);
  });

  it('runs a scheduled process on every record its entry selects, once per tick', async () => {
    const plain = await newDeal({});
    const discounted = await newDeal({ discount: 5 });
    const hourly = p.runtime.engine.app.processes.hourly!;
    const started = await runTick(p.runtime.engine, p.f.t.db.knex, hourly, 'tick-1');
    expect(started).toBeGreaterThanOrEqual(1);
    expect(await runTick(p.runtime.engine, p.f.t.db.knex, hourly, 'tick-1')).toBe(0);
    expect(await notes(plain.id)).toEqual([{ text: 'hourly check' }]);
    expect(await notes(discounted.id)).toEqual([]);
    const jobs = await Jobs.schemaFor(p.f.t.db);
    expect((await p.f.t.db.knex.raw(`select name, cron from "${jobs}".schedule where name like 'tessera_schedule_%'`)).rows).toEqual([{ name: 'tessera_schedule_hourly', cron: '0 * * * *' }]);
  });

  it('fails an instance whose action is refused, visibly, and keeps the record as it was', async () => {
    const deal = await newDeal({ discount: 3 });
    const started = await start(deal.id, 'bad_update').expect(201);
    expect(started.body).toMatchObject({ status: 'failed', error: expect.stringContaining('A discount above 90% is not allowed') });
    expect((await record(deal.id)).discount).toBe(3);
  });

  it('cancels the instances of a deleted record', async () => {
    const deal = await newDeal({});
    await api().patch(`/api/records/deal/${deal.id}`).set(p.as('admin')).send({ reviewer: p.ids.boss }).expect(200);
    const started = await start(deal.id, 'child').expect(201);
    await api().delete(`/api/records/deal/${deal.id}`).set(p.as('rep')).expect(204);
    expect((await p.f.t.db.knex('tessera_process_instances').where({ id: started.body.id }).first()).status).toBe('cancelled');
    expect(await p.f.t.db.knex('tessera_tasks').where({ instance_id: started.body.id, status: 'open' })).toEqual([]);
  });

  it('publishes a changed process as a new version while running instances keep theirs', async () => {
    const deal = await newDeal({});
    await api().patch(`/api/records/deal/${deal.id}`).set(p.as('admin')).send({ reviewer: p.ids.boss }).expect(200);
    const running = await start(deal.id, 'child').expect(201);
    expect(running.body.version).toBe(1);
    const changed = await loadProcessApp({
      child: {
        name: 'child', entity: 'deal', trigger: { on: 'manual' }, nodes: [{ id: 'rev2', type: 'approval', approvers: { role: 'finance' } }, { id: 'done', type: 'end' }],
        edges: [{ from: 'start', to: 'rev2' }, { from: 'rev2', to: 'done', on: 'approved' }, { from: 'rev2', to: 'done', on: 'rejected' }],
      },
    });
    expect((await publishProcesses(p.f.t.db.knex, changed)).get('child')).toBe(2);
    expect((await publishProcesses(p.f.t.db.knex, changed)).get('child')).toBe(2);
    expect((await new ProcessVersions(p.f.t.db.knex).get('child', 1)).nodes[0]!.id).toBe('rev');
    // The instance started on version 1 goes on through version 1's nodes.
    await approve('boss', (await only('boss', deal.id)).id);
    expect(await notes(deal.id)).toEqual([{ text: 'child approved' }]);
  });
});
