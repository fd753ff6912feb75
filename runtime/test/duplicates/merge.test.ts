import request from 'supertest';
import { openProcessFixture, type ProcessFixture } from '../process/support';
import { testEngines } from '../support/databases';
import { loadDuplicatesApp } from './duplicates-app';

type Row = Record<string, unknown>;

describe.each(testEngines())('merging records on %s', (engine) => {
  let p: ProcessFixture;
  const api = () => request(p.server);
  const knex = () => p.f.t.db.knex;
  const create = async (who: string, entity: string, body: object) =>
    (await api().post(`/api/records/${entity}?allowDuplicates=true`).set(p.as(who)).send(body).expect(201)).body.id as string;
  const merge = (who: string, id: string, body: object) => api().post(`/api/records/company/${id}/merge`).set(p.as(who)).send(body);
  const share = (id: string, user: string, access: string) => api().post(`/api/records/company/${id}/shares`).set(p.as('admin')).send({ user, access }).expect(201);
  const history = async (id: string) => (await knex().raw('select action, changes, step from tessera_history where record_id = ? order by id', [id])).rows as Row[];
  const snapshot = async () => ({
    companies: (await knex()('company').select('id', 'name', 'city', 'version').orderBy('id')),
    contacts: (await knex()('contact').select('id', 'company', 'version').orderBy('id')),
    deals: (await knex()('deal').select('id', 'company', 'partner').orderBy('id')),
    history: (await knex().raw('select id, record_id from tessera_history order by id')).rows,
    shares: (await knex()('tessera_shares').select('record_id', 'user_id', 'access').orderBy(['record_id', 'user_id'])),
  });

  beforeAll(async () => {
    p = await openProcessFixture(engine, await loadDuplicatesApp(), { admin: { roles: ['admin'] }, rep: { roles: ['rep'] }, boss: { roles: ['manager'] } });
  });
  afterAll(() => p.close());

  it('re-points children, moves history and shares, applies the values and deletes the merged records, cancelling their processes', async () => {
    const survivor = await create('admin', 'company', { name: 'Acme', city: 'Beijing' });
    const [m1, m2] = [await create('admin', 'company', { name: 'ACME Co.', city: 'Beijing' }), await create('admin', 'company', { name: 'acme', phone: '13800138000' })];
    const c1 = await create('admin', 'contact', { name: 'Li', company: m1 });
    const c2 = await create('admin', 'contact', { name: 'Wang', company: m2 });
    const deal = await create('admin', 'deal', { name: 'Big deal', company: m1, partner: m2 });
    await share(survivor, p.ids.rep!, 'read');
    await share(m1, p.ids.rep!, 'edit');
    await share(m2, p.ids.boss!, 'read');
    await api().post(`/api/records/company/${m2}/processes/review`).set(p.as('admin')).expect(201);
    expect((await knex()('tessera_process_instances').where('record_id', m2).first('status')).status).toBe('running');

    const res = await merge('admin', survivor, { from: [m1, m2], values: { phone: '+86 138 0013 8000', city: 'Hangzhou' } }).expect(200);
    expect(res.body).toMatchObject({ id: survivor, name: 'Acme', city: 'Hangzhou', phone: '+86 138 0013 8000' });
    expect(res.get('ETag')).toBe(`"${survivor}:${res.body.version as number}"`);

    expect(await knex()('company').whereIn('id', [m1, m2])).toEqual([]);
    expect((await knex()('contact').select('company').whereIn('id', [c1, c2])).map((r) => r.company)).toEqual([survivor, survivor]);
    expect(await knex()('deal').where('id', deal).first('company', 'partner')).toEqual({ company: survivor, partner: survivor });
    // Each re-pointed record has an update in its history, at a new version.
    expect((await history(c1)).map((h) => [h.action, h.changes])).toEqual([['create', expect.anything()], ['update', { company: { old: m1, new: survivor } }]]);
    expect((await history(deal)).map((h) => Object.keys(h.changes as Row))).toEqual([expect.anything(), ['company'], ['partner']]);
    expect((await knex()('contact').where('id', c1).first('version')).version).toBe(2);

    const timeline = await history(survivor);
    // The merged records' own history (the process steps on m2 too) moves with them, ahead of the survivor's update and the merge.
    expect(timeline.map((h) => h.action)).toEqual(['create', 'create', 'create', 'process', 'process', 'update', 'merge']);
    expect(timeline.at(-1)).toEqual({ action: 'merge', changes: {}, step: { merged: [m1, m2] } });
    const shown = await api().get(`/api/records/company/${survivor}/history`).set(p.as('admin')).expect(200);
    expect(shown.body.data[0]).toMatchObject({ action: 'merge', step: { merged: [m1, m2] } });
    // The merged records' deletions stay under their own ids, and the process cancelled by m2's.
    expect((await history(m1)).map((h) => h.action)).toEqual(['delete']);
    expect((await history(m2)).map((h) => [h.action, (h.step as Row | null)?.event])).toEqual([['delete', undefined], ['process', 'cancelled']]);

    // One share a grantee, the widest: the rep's read on the survivor became the edit they had on m1.
    expect(await knex()('tessera_shares').where('entity', 'company').whereIn('record_id', [survivor, m1, m2]).select('record_id', 'user_id', 'access').orderBy('access')).toEqual([
      { record_id: survivor, user_id: p.ids.rep, access: 'edit' }, { record_id: survivor, user_id: p.ids.boss, access: 'read' },
    ]);
    const instances = await knex()('tessera_process_instances').where('record_id', m2).select('status');
    expect(instances.map((i) => i.status)).toEqual(['cancelled']);
  });

  it('changes nothing when a unique key breaks while re-pointing, or the survivor\'s values are refused', async () => {
    const survivor = await create('admin', 'company', { name: 'Initech' });
    const other = await create('admin', 'company', { name: 'Initech Ltd' });
    const third = await create('admin', 'company', { name: 'Initech Group' });
    await create('admin', 'company', { name: 'Phone owner', phone: '021 5555 0000' });
    await create('admin', 'contact', { name: 'Zhao', company: survivor });
    await create('admin', 'contact', { name: 'Zhao', company: other });
    await create('admin', 'contact', { name: 'Qian', company: third });
    await create('admin', 'deal', { name: 'Small deal', company: third });
    await share(third, p.ids.rep!, 'edit');
    await api().patch(`/api/records/company/${third}`).set(p.as('admin')).send({ city: 'Wuhan' }).expect(200);
    const before = await snapshot();
    expect((await merge('admin', survivor, { from: [other] }).expect(409)).body.code).toBe('db.unique');
    expect(await snapshot()).toEqual(before);
    // Refused after every other step has run: the values are the last thing a merge writes.
    expect((await merge('admin', survivor, { from: [third], values: { rating: 'high' } }).expect(400)).body.errors[0].path).toBe('/rating');
    expect(await snapshot()).toEqual(before);
    expect((await merge('admin', survivor, { from: [third], values: { phone: '02155550000' } }).expect(409)).body.code).toBe('duplicate');
    expect(await snapshot()).toEqual(before);
  });

  it('needs update on the survivor and delete on each merged record, like other writes', async () => {
    const own = [await create('boss', 'company', { name: 'Hooli' }), await create('boss', 'company', { name: 'Hooli Inc' })];
    const admins = await create('admin', 'company', { name: 'Hooli XYZ' });
    const reps = [await create('rep', 'company', { name: 'Pied Piper' }), await create('rep', 'company', { name: 'Pied Piper Inc' })];
    expect((await merge('rep', reps[0]!, { from: [reps[1]] }).expect(403)).body.code).toBe('record.forbidden');
    await merge('boss', own[0]!, { from: [admins] }).expect(404);
    await merge('boss', admins, { from: [own[0]] }).expect(404);
    await merge('boss', own[0]!, { from: [own[1]], values: { rating: 1 } }).expect(403);
    await merge('boss', own[0]!, { from: [own[1]] }).expect(200);
    await api().get(`/api/records/company/${own[1]}`).set(p.as('boss')).expect(404);
  });

  it('refuses malformed bodies and system entities', async () => {
    const id = await create('admin', 'company', { name: 'Umbrella' });
    for (const body of [{}, { from: [] }, { from: [id] }, { from: ['x'] }, { from: [p.ids.rep, p.ids.rep] }, { from: [p.ids.rep], values: [] }, { from: [p.ids.rep], extra: 1 }]) {
      expect((await merge('admin', id, body).expect(400)).body.code).toBe('merge.invalid');
    }
    await merge('admin', id, { from: ['00000000-0000-4000-8000-000000000000'] }).expect(404);
    await api().post(`/api/records/company/not-a-uuid/merge`).set(p.as('admin')).send({ from: [id] }).expect(404);
    await api().post(`/api/records/user/${p.ids.rep!}/merge`).set(p.as('admin')).send({ from: [p.ids.boss] }).expect(400);
  });
});
