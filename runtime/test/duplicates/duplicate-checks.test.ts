import request from 'supertest';
import { openProcessFixture, type ProcessFixture } from '../process/support';
import { testEngines } from '../support/databases';
import { loadDuplicatesApp } from './duplicates-app';

describe.each(testEngines())('duplicate checks on %s', (engine) => {
  let p: ProcessFixture;
  let abc: string;
  const api = () => request(p.server);
  const create = (who: string, body: object, query = '') => api().post(`/api/records/company${query}`).set(p.as(who)).send(body);
  const patch = (who: string, id: string, body: object, query = '') => api().patch(`/api/records/company/${id}${query}`).set(p.as(who)).send(body);

  beforeAll(async () => {
    p = await openProcessFixture(engine, await loadDuplicatesApp(), { admin: { roles: ['admin'] }, rep: { roles: ['rep'] } });
    abc = (await create('admin', { name: 'ＡＢＣ公司', city: '北京', phone: '+86 138 0013 8000', creditCode: '91330106MA2CFL8X3Q' }).expect(201)).body.id;
  });
  afterAll(() => p.close());

  it('warns of a record with the same normalized name in the same city, in the request\'s language, unless duplicates are allowed', async () => {
    const res = await create('admin', { name: 'abc 公司', city: '北京' }).expect(409);
    expect(res.type).toBe('application/problem+json');
    expect(res.body).toMatchObject({ status: 409, code: 'duplicate.warning' });
    expect(res.body.errors).toEqual([{
      path: '/name', code: 'duplicate.warning', message: 'A company of this name exists in this city', rule: 'same_name', fields: ['name', 'city'], records: [{ id: abc, title: 'ＡＢＣ公司' }],
    }]);
    const zh = await create('admin', { name: 'ABC 公司。', city: '北京' }).set('Accept-Language', 'zh-CN').expect(409);
    expect(zh.body.errors[0].message).toBe('该城市已有同名公司');
    await create('admin', { name: 'ABC公司', city: '上海' }).expect(201);
    await create('admin', { name: 'ABC公司' }).expect(201);
    await create('admin', { name: 'abc 公司', city: '北京' }, '?allowDuplicates=true').expect(201);
    await create('admin', { name: 'abc', city: '北京' }, '?allowDuplicates=maybe').expect(400);
  });

  it('blocks a record with the same phone or credit code, whatever the request allows', async () => {
    const res = await create('admin', { name: 'Other', phone: '0086 13800138000' }, '?allowDuplicates=true').expect(409);
    expect(res.body.code).toBe('duplicate');
    expect(res.body.errors).toEqual([{ path: '/phone', code: 'duplicate', message: 'a record with the same Phone exists', rule: 'same_phone', fields: ['phone'], records: [{ id: abc, title: 'ＡＢＣ公司' }] }]);
    const both = await create('admin', { name: 'ａｂｃ公司', city: '北京', creditCode: '91330106ma2cfl8x3q' }).set('Accept-Language', 'zh-CN').expect(409);
    expect(both.body.code).toBe('duplicate');
    expect(both.body.errors.map((e: { rule: string; code: string; message: string }) => [e.rule, e.code, e.message])).toEqual([
      ['same_name', 'duplicate.warning', '该城市已有同名公司'], ['same_code', 'duplicate', '已存在信用代码相同的记录'],
    ]);
  });

  it('checks an update against the other records only, and only under rules whose fields it changes', async () => {
    await patch('admin', abc, { phone: '13800138000', name: 'ABC 公司' }).expect(200);
    const other = (await create('admin', { name: 'Globex', city: '北京' }).expect(201)).body.id;
    expect((await patch('admin', other, { phone: '+86 138-0013-8000' }).expect(409)).body.errors[0].rule).toBe('same_phone');
    expect((await patch('admin', other, { name: 'abc公司' }).expect(409)).body.code).toBe('duplicate.warning');
    await patch('admin', other, { name: 'abc公司' }, '?allowDuplicates=true').expect(200);
    // Both now share a name in one city: an edit of another field passes, as the duplicate is not new.
    await patch('admin', other, { rating: 3 }).expect(200);
  });

  it('blocks on a record the caller may not read without naming it, and lists only those they may read', async () => {
    const hidden = await create('rep', { name: 'Rep Co', phone: '138 0013 8000' }).expect(409);
    expect(hidden.body.errors).toEqual([{ path: '/phone', code: 'duplicate', message: 'a record with the same Phone exists', rule: 'same_phone', fields: ['phone'], records: [] }]);
    const own = (await create('rep', { name: 'Twin', city: 'Xi\'an' }).expect(201)).body.id;
    await create('admin', { name: 'twin', city: 'Xi\'an' }, '?allowDuplicates=true').expect(201);
    const warned = await create('rep', { name: 'TWIN', city: 'Xi\'an' }).expect(409);
    expect(warned.body.errors[0].records).toEqual([{ id: own, title: 'Twin' }]);
    const dup = await api().get(`/api/records/company/${own}/duplicates`).set(p.as('rep')).expect(200);
    expect(dup.body).toEqual({ data: [] });
    await api().get(`/api/records/company/${abc}/duplicates`).set(p.as('rep')).expect(404);
  });

  it('answers the readable duplicates of a record, per rule', async () => {
    const res = await api().get(`/api/records/company/${abc}/duplicates`).set(p.as('admin')).set('Accept-Language', 'zh-CN').expect(200);
    expect(res.body.data.map((d: { rule: string; action: string; label: string; records: unknown[] }) => [d.rule, d.action, d.label, d.records.length])).toEqual([
      ['same_name', 'warn', '名称和城市相同', 2],
    ]);
    expect(res.body.data[0].records.every((r: { id: string; title: string }) => r.id !== abc && /abc/i.test(r.title))).toBe(true);
  });

  it('checks bulk items against stored records and against the items before them', async () => {
    const bulk = (records: object[], allOrNothing: boolean, query = '') => api().post(`/api/records/company/bulk${query}`).set(p.as('admin')).send({ records, allOrNothing });
    const refused = await bulk([{ name: 'Bulk A', phone: '021-6666 0001' }, { name: 'Bulk B', phone: '021 66660001' }, { name: 'Bulk C', phone: '13800138000' }], true).expect(409);
    expect(refused.body.code).toBe('duplicate');
    expect(refused.body.errors.map((e: { path: string; rule: string; item?: number; records: unknown[] }) => [e.path, e.rule, e.item, e.records.length])).toEqual([
      ['/records/1/phone', 'same_phone', 0, 0], ['/records/2/phone', 'same_phone', undefined, 1],
    ]);
    expect((await api().get('/api/records/company').query({ filter: JSON.stringify({ name: 'Bulk A' }) }).set(p.as('admin'))).body.data).toEqual([]);
    const each = await bulk([{ name: 'Bulk A', city: 'x' }, { name: 'bulk a', city: 'x' }, { name: 'BULK A', city: 'y' }], false).expect(200);
    expect(each.body.results.map((r: { status: number }) => r.status)).toEqual([201, 409, 201]);
    expect(each.body.results[1].errors[0]).toMatchObject({ code: 'duplicate.warning', rule: 'same_name', item: 0 });
    const allowed = await bulk([{ name: 'Bulk D', city: 'x' }, { name: 'bulk d', city: 'x' }], true, '?allowDuplicates=true').expect(200);
    expect(allowed.body.results.map((r: { status: number }) => r.status)).toEqual([201, 201]);
  });
});
