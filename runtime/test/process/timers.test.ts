import request from 'supertest';
import { testEngines } from '../support/databases';
import { eventually } from '../support/eventually';
import { loadProcessApp } from './process-app';
import { openProcessFixture, type ProcessFixture } from './support';

const USERS = { rep: { roles: ['rep'], manager: 'boss' }, boss: { roles: ['manager'], manager: 'vp' }, vp: { roles: ['manager'] }, fin1: { roles: ['finance'] }, admin: { roles: ['admin'] } };
const HOUR = 3600_000;
const DAY = 24 * HOUR;

/** Timeouts and delegations run as jobs on the engine's clock: set in the past, they come due as soon as the clock is back. */
describe.each(testEngines())('timers on %s', (engine) => {
  let p: ProcessFixture;
  const api = () => request(p.server);
  const newDeal = async (values: Record<string, unknown>) =>
    (await api().post('/api/records/deal').set(p.as('rep')).send({ name: `Deal ${Math.random().toString(36).slice(2, 8)}`, ...values }).expect(201)).body as { id: string };
  const open = async (who: string, recordId: string) =>
    ((await api().get('/api/tasks').set(p.as(who)).expect(200)).body.data as Array<{ id: string; record: { id: string }; assignee: string }>).filter((t) => t.record.id === recordId);
  const instance = async (id: string) => (await api().get(`/api/records/deal/${id}/processes`).set(p.as('admin')).expect(200)).body.data[0];
  const events = async (id: string) => ((await api().get(`/api/records/deal/${id}/history`).set(p.as('admin')).expect(200)).body.data as Array<{ step?: { event: string } }>)
    .filter((h) => h.step).map((h) => h.step!.event).reverse();
  /** Starts a process with the engine's clock moved back, so its timers are due as soon as the clock returns. */
  const startInThePast = async (ms: number, send: () => Promise<unknown>) => {
    p.shift(-ms);
    try {
      await send();
    } finally {
      p.shift(0);
    }
  };

  beforeAll(async () => {
    p = await openProcessFixture(engine, await loadProcessApp(), USERS, { background: true });
  });
  afterAll(() => p.close());

  it('escalates a task nobody decided to the assignee\'s manager, once', async () => {
    const deal = await newDeal({ discount: 15 });
    await startInThePast(3 * DAY, () => api().post(`/api/records/deal/${deal.id}/submit`).set(p.as('rep')).expect(201));
    await eventually(async () => (await open('vp', deal.id)).length === 1, 8000);
    expect(await open('boss', deal.id)).toEqual([]);
    // The escalated task has a new timeout from now: it does not escalate again.
    await new Promise((r) => setTimeout(r, 1500));
    expect((await events(deal.id)).filter((e) => e === 'escalated')).toHaveLength(1);
    await api().post(`/api/tasks/${(await open('vp', deal.id))[0]!.id}/decision`).set(p.as('vp')).send({ decision: 'approve' }).expect(200);
    expect(await instance(deal.id)).toMatchObject({ status: 'approved' });
  });

  it.each([
    ['approve', 'approved'],
    ['reject', 'rejected'],
  ])('%ss a task when its time is up', async (then, status) => {
    const deal = await newDeal({ reviewer: null });
    await api().patch(`/api/records/deal/${deal.id}`).set(p.as('admin')).send({ reviewer: p.ids.boss }).expect(200);
    await startInThePast(2 * HOUR, () => api().post(`/api/records/deal/${deal.id}/processes/timeout_${then}`).set(p.as('rep')).expect(201));
    await eventually(async () => (await instance(deal.id)).status === status, 8000);
    expect((await api().get(`/api/records/deal/${deal.id}`).set(p.as('admin'))).body.approvalStatus).toBe(status);
    expect((await instance(deal.id)).tasks[0]).toMatchObject({ status, comment: 'timed out' });
  });

  it('reassigns a task when its time is up', async () => {
    const deal = await newDeal({});
    await api().patch(`/api/records/deal/${deal.id}`).set(p.as('admin')).send({ reviewer: p.ids.boss }).expect(200);
    await startInThePast(2 * HOUR, () => api().post(`/api/records/deal/${deal.id}/processes/timeout_reassign`).set(p.as('rep')).expect(201));
    await eventually(async () => (await open('fin1', deal.id)).length === 1, 8000);
    expect(await open('boss', deal.id)).toEqual([]);
    expect(await events(deal.id)).toContain('reassigned');
  });

  it('gives a delegated task back when the delegation ends', async () => {
    const deal = await newDeal({ discount: 12 });
    await api().post(`/api/records/deal/${deal.id}/submit`).set(p.as('rep')).expect(201);
    const [task] = await open('boss', deal.id);
    await startInThePast(2 * HOUR, () => api().post(`/api/tasks/${task!.id}/decision`).set(p.as('boss'))
      .send({ decision: 'delegate', to: p.ids.vp, until: new Date(Date.now() - HOUR).toISOString() }).expect(200));
    await eventually(async () => (await open('boss', deal.id)).length === 1, 8000);
    expect(await open('vp', deal.id)).toEqual([]);
    expect(await events(deal.id)).toEqual(expect.arrayContaining(['delegated', 'delegationEnded']));
  });
});
