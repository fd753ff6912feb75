import request from 'supertest';
import { testEngines } from '../support/databases';
import { loadProcessApp } from './process-app';
import { openProcessFixture, type ProcessFixture } from './support';

const USERS = {
  rep: { roles: ['rep'], manager: 'boss' },
  rep2: { roles: ['rep'], manager: 'boss' },
  boss: { roles: ['manager'], manager: 'vp' },
  vp: { roles: ['manager'] },
  fin1: { roles: ['finance'] },
  fin2: { roles: ['finance'] },
  fin3: { roles: ['finance'], locale: 'zh-CN' as const },
  admin: { roles: ['admin'] },
};

type Task = { id: string; node: string; status: string; revision: number; record: { id: string; title?: string }; assignee: string };

describe.each(testEngines())('approval chains on %s', (engine) => {
  let p: ProcessFixture;
  const api = () => request(p.server);
  const newDeal = async (who: string, values: Record<string, unknown>) =>
    (await api().post('/api/records/deal').set(p.as(who)).send({ name: `Deal ${Math.random().toString(36).slice(2, 8)}`, ...values }).expect(201)).body as { id: string; version: number };
  const submit = (who: string, id: string, body?: object) => api().post(`/api/records/deal/${id}/submit`).set(p.as(who)).send(body);
  const inbox = async (who: string, recordId?: string): Promise<Task[]> =>
    ((await api().get('/api/tasks?assignee=me&status=open').set(p.as(who)).expect(200)).body.data as Task[]).filter((t) => !recordId || t.record.id === recordId);
  const decide = (who: string, taskId: string, body: object) => api().post(`/api/tasks/${taskId}/decision`).set(p.as(who)).send(body);
  const only = async (who: string, recordId: string): Promise<Task> => {
    const tasks = await inbox(who, recordId);
    expect(tasks).toHaveLength(1);
    return tasks[0]!;
  };
  const record = async (id: string) => (await api().get(`/api/records/deal/${id}`).set(p.as('admin')).expect(200)).body;
  const instance = async (id: string) => (await api().get(`/api/records/deal/${id}/processes`).set(p.as('admin')).expect(200)).body.data[0];
  const steps = async (id: string) => ((await api().get(`/api/records/deal/${id}/history`).set(p.as('admin')).expect(200)).body.data as Array<{ action: string; step?: Record<string, string> }>)
    .filter((h) => h.action === 'process').map((h) => h.step!).reverse();
  const notifications = async (who: string) => (await p.f.t.db.knex('tessera_notifications').where({ user_id: p.ids[who] })) as Array<{ key: string; title: string }>;

  beforeAll(async () => {
    p = await openProcessFixture(engine, await loadProcessApp(), USERS);
  });
  afterAll(() => p.close());

  it('runs DESIGN.md\'s discount approval: manager, then finance by quorum, locking the record and telling the submitter', async () => {
    const deal = await newDeal('rep', { discount: 25, amount: 1000 });
    const started = await submit('rep', deal.id, { comment: 'please' }).expect(201);
    expect(started.body).toMatchObject({ process: 'discount_approval', status: 'running', waitingAt: [{ node: 'mgr' }] });

    // Locked while it runs: the owner's edits and deletes answer 409, and nothing changes.
    const locked = await api().patch(`/api/records/deal/${deal.id}`).set(p.as('rep')).send({ discount: 5 }).expect(409);
    expect(locked.body.code).toBe('record.locked');
    await api().delete(`/api/records/deal/${deal.id}`).set(p.as('rep')).expect(409);
    expect((await record(deal.id)).discount).toBe(25);
    await submit('rep', deal.id).expect(409);

    const mgr = await only('boss', deal.id);
    expect(mgr).toMatchObject({ node: 'mgr', record: { title: expect.stringMatching(/^Deal /) } });
    expect(await inbox('rep', deal.id)).toEqual([]);
    const asked = (await notifications('boss')).find((n) => n.key === `task:${mgr.id}:${mgr.revision}`) as { title: string; body: string; link: string } | undefined;
    expect(asked).toMatchObject({ title: `Discount approval: a task for you on ${mgr.record.title}`, link: `/tasks/${mgr.id}` });
    expect(asked!.body).toMatch(/^rep started Discount approval on Deal "Deal .*"\.\nIt is waiting for your decision by /);
    // The same approval sent twice at once: exactly one counts.
    const twice = await Promise.all([decide('boss', mgr.id, { decision: 'approve', comment: 'fine by me' }), decide('boss', mgr.id, { decision: 'approve', comment: 'fine by me' })]);
    expect(twice.map((r) => r.status).sort()).toEqual([200, 409]);
    await decide('boss', mgr.id, { decision: 'approve' }).expect(409);

    // Finance decides by quorum 2 of 3; two decisions at the same moment each count once.
    const fin = await Promise.all(['fin1', 'fin2', 'fin3'].map((u) => only(u, deal.id)));
    expect(fin.map((t) => t.node)).toEqual(['fin', 'fin', 'fin']);
    const [a, b] = await Promise.all([decide('fin1', fin[0]!.id, { decision: 'approve' }), decide('fin2', fin[1]!.id, { decision: 'approve' })]);
    expect([a.status, b.status]).toEqual([200, 200]);
    await decide('fin3', fin[2]!.id, { decision: 'approve' }).expect(409);
    const tasks = await p.f.t.db.knex('tessera_tasks').where({ node: 'fin' }).whereIn('assignee', [p.ids.fin1, p.ids.fin2, p.ids.fin3]).andWhereRaw('instance_id = ?', [started.body.id]);
    expect(tasks.map((t: { status: string }) => t.status).sort()).toEqual(['approved', 'approved', 'cancelled']);

    expect(await instance(deal.id)).toMatchObject({ status: 'approved', waitingAt: [] });
    expect((await record(deal.id)).approvalStatus).toBe('approved');
    expect((await steps(deal.id)).map((s) => `${s.event}${s.node ? `:${s.node}` : ''}`)).toEqual([
      'submitted', 'assigned:mgr', 'approved:mgr', 'assigned:fin', 'assigned:fin', 'assigned:fin', 'approved:fin', 'approved:fin', 'finished',
    ]);
    expect((await steps(deal.id))[0]!.comment).toBe('please');
    const told = (await notifications('rep')).filter((n) => n.key.startsWith(`node:${started.body.id}:tell:`));
    expect(told).toHaveLength(1);
    expect(told[0]!.title).toMatch(/: approved$/);
    // Unlocked once finished.
    await api().patch(`/api/records/deal/${deal.id}`).set(p.as('rep')).send({ amount: 2000 }).expect(200);
  });

  it('rejects at the manager, keeping the comment in history, and tells a Chinese-speaking submitter in Chinese', async () => {
    await p.f.t.db.knex('user').where('id', p.ids.rep2).update({ locale: 'zh-CN' });
    const deal = await newDeal('rep2', { discount: 15 });
    await submit('rep2', deal.id).expect(201);
    await decide('boss', (await only('boss', deal.id)).id, { decision: 'reject', comment: 'too generous' }).expect(200);
    expect(await instance(deal.id)).toMatchObject({ status: 'rejected' });
    expect((await record(deal.id)).approvalStatus).toBe('rejected');
    expect((await steps(deal.id)).find((s) => s.event === 'rejected')).toMatchObject({ node: 'mgr', comment: 'too generous' });
    const told = (await notifications('rep2')).find((n) => n.key.includes(':tell:'));
    expect(told?.title).toMatch(/^交易 .*：rejected$/);
  });

  it('lets the submitter recall while it runs, and nobody else', async () => {
    const deal = await newDeal('rep', { discount: 30 });
    await submit('rep', deal.id).expect(201);
    const task = await only('boss', deal.id);
    await api().post(`/api/records/deal/${deal.id}/recall`).set(p.as('boss')).expect(403);
    await api().post(`/api/records/deal/${deal.id}/recall`).set(p.as('rep')).expect(200);
    await api().post(`/api/records/deal/${deal.id}/recall`).set(p.as('rep')).expect(409);
    expect(await instance(deal.id)).toMatchObject({ status: 'recalled' });
    await decide('boss', task.id, { decision: 'approve' }).expect(409);
    await api().patch(`/api/records/deal/${deal.id}`).set(p.as('rep')).send({ discount: 12 }).expect(200);
    // And submit again, as a new instance.
    await submit('rep', deal.id).expect(201);
    expect(await inbox('boss', deal.id)).toHaveLength(1);
  });

  it('returns to the previous approval, whose approver decides again, or to the submitter', async () => {
    const deal = await newDeal('rep', { discount: 40 });
    await submit('rep', deal.id).expect(201);
    await decide('boss', (await only('boss', deal.id)).id, { decision: 'approve' }).expect(200);
    const fin = await only('fin1', deal.id);
    await decide('fin1', fin.id, { decision: 'return', comment: 'manager, look again' }).expect(200);
    expect(await inbox('fin2', deal.id)).toEqual([]);
    const again = await only('boss', deal.id);
    await decide('boss', again.id, { decision: 'return', to: 'submitter', comment: 'fix the discount' }).expect(200);
    expect(await instance(deal.id)).toMatchObject({ status: 'returned' });
    expect((await notifications('rep')).some((n) => n.key === `returned:${again.id}`)).toBe(true);
    await api().patch(`/api/records/deal/${deal.id}`).set(p.as('rep')).send({ discount: 15 }).expect(200);
    // "previous" with no earlier step is refused, and nothing changes.
    await submit('rep', deal.id).expect(201);
    const first = await only('boss', deal.id);
    const refused = await decide('boss', first.id, { decision: 'return', to: 'previous' }).expect(400);
    expect(refused.body.errors[0].path).toBe('/to');
    expect(await only('boss', deal.id)).toMatchObject({ id: first.id, status: 'open' });
  });

  it('delegates to another user until a date, and refuses to delegate to the submitter', async () => {
    const deal = await newDeal('rep', { discount: 18 });
    await submit('rep', deal.id).expect(201);
    const task = await only('boss', deal.id);
    await decide('boss', task.id, { decision: 'delegate', to: p.ids.rep }).expect(400);
    await decide('boss', task.id, { decision: 'delegate', to: p.ids.vp, until: '2000-01-01T00:00:00Z' }).expect(400);
    const until = new Date(Date.now() + 86_400_000).toISOString();
    const moved = await decide('boss', task.id, { decision: 'delegate', to: p.ids.vp, until, comment: 'on leave' }).expect(200);
    expect(moved.body).toMatchObject({ assignee: p.ids.vp, originalAssignee: p.ids.boss, delegatedUntil: until, record: { id: deal.id, title: expect.stringMatching(/^Deal /) } });
    expect(await inbox('boss', deal.id)).toEqual([]);
    await decide('boss', task.id, { decision: 'approve' }).expect(404);
    await decide('vp', task.id, { decision: 'approve' }).expect(200);
    expect((await steps(deal.id)).find((s) => s.event === 'delegated')).toMatchObject({ to: p.ids.vp, comment: 'on leave' });
    expect((await record(deal.id)).approvalStatus).toBe('approved');
  });

  it('chains the reviewer and two levels of managers in turn, with an approver added on the way and never the submitter', async () => {
    const deal = await newDeal('rep', { discount: 5, reviewer: null });
    await api().patch(`/api/records/deal/${deal.id}`).set(p.as('admin')).send({ reviewer: p.ids.fin1 }).expect(200);
    await submit('rep', deal.id).expect(201);
    expect(await inbox('boss', deal.id)).toEqual([]);
    // Nobody skips a step: the managers' queued tasks take no decision until their turn.
    const queued = await p.f.t.db.knex('tessera_tasks').where({ assignee: p.ids.vp, status: 'queued' }).first('id');
    expect((await decide('vp', queued.id, { decision: 'approve' }).expect(409)).body.code).toBe('task.closed');
    await decide('fin1', (await only('fin1', deal.id)).id, { decision: 'approve' }).expect(200);
    const boss = await only('boss', deal.id);
    // Another rep cannot read this rep's deal, until the process asks them to decide on it.
    await api().get(`/api/records/deal/${deal.id}`).set(p.as('rep2')).expect(404);
    await decide('boss', boss.id, { decision: 'addApprover', to: p.ids.rep2 }).expect(200);
    await decide('boss', boss.id, { decision: 'addApprover', to: p.ids.rep2 }).expect(400);
    expect(await inbox('rep2', deal.id)).toEqual([]);
    await decide('boss', boss.id, { decision: 'approve' }).expect(200);
    expect(await inbox('vp', deal.id)).toEqual([]);
    await api().get(`/api/records/deal/${deal.id}`).set(p.as('rep2')).expect(200);
    await decide('rep2', (await only('rep2', deal.id)).id, { decision: 'approve' }).expect(200);
    await decide('vp', (await only('vp', deal.id)).id, { decision: 'approve' }).expect(200);
    expect(await instance(deal.id)).toMatchObject({ status: 'approved' });
    expect((await steps(deal.id)).filter((s) => s.event === 'assigned').map((s) => s.to)).toEqual([p.ids.fin1, p.ids.boss, p.ids.rep2, p.ids.vp]);

    // The submitter as reviewer is left out: their own submission goes to their managers only.
    const own = await newDeal('rep', { discount: 5 });
    await api().patch(`/api/records/deal/${own.id}`).set(p.as('admin')).send({ reviewer: p.ids.rep }).expect(200);
    await submit('rep', own.id).expect(201);
    expect(await inbox('rep', own.id)).toEqual([]);
    await decide('boss', (await only('boss', own.id)).id, { decision: 'reject' }).expect(200);
    expect(await instance(own.id)).toMatchObject({ status: 'rejected' });
    expect((await record(own.id)).approvalStatus).toBe('rejected');
  });

  it('falls back to an administrator when a step names nobody', async () => {
    const deal = await newDeal('vp', { discount: 50 });
    await submit('vp', deal.id).expect(201);
    await decide('admin', (await only('admin', deal.id)).id, { decision: 'approve' }).expect(200);
  });

  it('answers bad submits and decisions with 4xx and changes nothing', async () => {
    const none = await newDeal('rep', { discount: 0 });
    expect((await submit('rep', none.id).expect(422)).body.code).toBe('process.none');
    await submit('rep2', none.id).expect(404);
    await submit('rep', '00000000-0000-0000-0000-000000000000').expect(404);
    await submit('rep', none.id, { comment: 5 }).expect(400);
    await submit('rep', none.id, { other: 'x' }).expect(400);

    const deal = await newDeal('rep', { discount: 22 });
    await submit('rep', deal.id).expect(201);
    const task = await only('boss', deal.id);
    for (const body of [{}, { decision: 'maybe' }, { decision: 'approve', to: p.ids.vp }, { decision: 'delegate' }, { decision: 'approve', comment: 7 }, { decision: 'approve', revision: 'x' }, []]) {
      const res = await decide('boss', task.id, body).expect(400);
      expect(res.headers['content-type']).toMatch(/problem\+json/);
    }
    await decide('boss', task.id, { decision: 'approve', revision: task.revision + 1 }).expect(412);
    await decide('vp', task.id, { decision: 'approve' }).expect(404);
    await decide('boss', 'not-a-uuid', { decision: 'approve' }).expect(404);
    await decide('boss', '00000000-0000-0000-0000-000000000000', { decision: 'approve' }).expect(404);
    await api().get('/api/tasks?status=nope').set(p.as('boss')).expect(400);
    await api().get('/api/tasks?limit=0').set(p.as('boss')).expect(400);
    await api().get(`/api/tasks?assignee=${p.ids.rep}`).set(p.as('boss')).expect(400);
    await api().get('/api/tasks?cursor=abc').set(p.as('boss')).expect(400);
    expect(await only('boss', deal.id)).toMatchObject({ id: task.id, status: 'open', revision: task.revision });
  });

  it('pages the inbox and shows a task to its assignee and submitter only', async () => {
    const page = await api().get('/api/tasks?limit=1').set(p.as('boss')).expect(200);
    expect(page.body.data).toHaveLength(1);
    const next = await api().get(`/api/tasks?limit=1&cursor=${page.body.page.next}`).set(p.as('boss')).expect(200);
    expect(next.body.data[0].id).not.toBe(page.body.data[0].id);
    const task = page.body.data[0] as Task;
    // Tasks created within one millisecond are paged past one by one, none skipped.
    const open = await p.f.t.db.knex('tessera_tasks').where({ assignee: p.ids.boss, status: 'open' }).orderBy('id').select('id');
    for (const [i, t] of open.entries()) await p.f.t.db.knex('tessera_tasks').where({ id: t.id }).update({ created_at: `2026-01-01T00:00:00.000${String(100 + i)}Z` });
    const seen: string[] = [];
    for (let cursor = ''; ;) {
      const res = await api().get(`/api/tasks?limit=1${cursor ? `&cursor=${cursor}` : ''}`).set(p.as('boss')).expect(200);
      seen.push(...res.body.data.map((t: Task) => t.id));
      if (!res.body.page.next) break;
      cursor = res.body.page.next;
    }
    expect(seen.sort()).toEqual(open.map((t: { id: string }) => t.id).sort());
    expect(open.length).toBeGreaterThan(1);
    await api().get(`/api/tasks/${task.id}`).set(p.as('boss')).expect(200);
    await api().get(`/api/tasks/${task.id}`).set(p.as('fin2')).expect(404);
    const processes = await api().get('/api/processes').set(p.as('rep')).expect(200);
    expect(processes.body.data.map((d: { name: string }) => d.name)).toContain('discount_approval');
    await api().get('/api/processes/discount_approval/instances').set(p.as('rep')).expect(403);
    const counts = await api().get('/api/processes/discount_approval/instances').set(p.as('admin')).expect(200);
    expect(counts.body.byStatus.approved).toBeGreaterThanOrEqual(1);
    expect(counts.body.waitingAt.mgr).toBeGreaterThanOrEqual(1);
  });
});
