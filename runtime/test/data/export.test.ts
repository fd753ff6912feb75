import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { createAppModel, fieldTypes, parseListQuery, type AppModel } from '@tessera/core';
import type { EntityDefinition, RoleDefinition } from '@tessera/metadata';
import { parse } from 'csv-parse/sync';
import { Workbook } from 'exceljs';
import type { Express } from 'express';
import type { Knex } from 'knex';
import pino from 'pino';
import request from 'supertest';
import { prepareExport } from '../../src/data/export/export-records';
import { createServer } from '../../src/http/server';
import { openHttpFixture, type HttpFixture } from '../http/support';
import { testEngines } from '../support/databases';

/** GET /api/records/:entity/export streams the rows and fields the caller may read as CSV or XLSX, in the import's value contract. */
const label = (en: string, zh?: string) => (zh ? { en, 'zh-CN': zh } : { en });
const account: EntityDefinition = { name: 'account', label: label('Account', '客户'), ownership: 'none', fields: { name: { type: 'text', label: label('Name', '名称') } } };
const deal: EntityDefinition = {
  name: 'deal', label: label('Deal', '交易'), pluralLabel: label('Deals', '交易'),
  fields: {
    name: { type: 'text', required: true, label: label('Name', '名称') },
    // Labelled like name in English only: its English header needs the field name to tell them apart.
    title: { type: 'text', label: label('name') },
    amount: { type: 'currency', label: label('Amount', '金额') },
    discountCeiling: { type: 'percent', label: label('Discount ceiling', '折扣上限') },
    stage: { type: 'picklist', options: [{ value: 'new', label: label('New', '新建') }, { value: 'won', label: label('Won', '赢单') }, 'lost'], label: label('Stage', '阶段') },
    tags: { type: 'multiPicklist', options: ['a', { value: 'b', label: label('Bee', '蜜蜂') }] },
    closeDate: { type: 'date' },
    closedAt: { type: 'datetime' },
    hot: { type: 'boolean' },
    quantity: { type: 'integer' },
    data: { type: 'json' },
    account: { type: 'lookup', target: 'account' },
    notes: { type: 'longText' },
    expected: { type: 'formula', expression: 'amount * 2', resultType: 'currency' },
  },
};
const item: EntityDefinition = { name: 'item', label: label('Item'), ownership: 'none', fields: { n: { type: 'integer' }, grp: { type: 'integer' } } };
const roles: RoleDefinition[] = [{
  name: 'sales_rep', label: label('Sales rep'),
  permissions: [
    { action: ['read', 'create', 'export'], subject: 'deal', where: { ownerId: '$user.id' }, fields: { deny: ['discountCeiling'] } },
    { action: 'read', subject: 'account' },
  ],
}];
const app: AppModel = createAppModel({ name: 'export', entities: [account, deal, item].map((definition) => ({ definition, origin: 'test' })), roles });
const PASSWORD = 'pa55-word!';
const ITEMS = 2500;

const EN_HEADERS = ['ID', 'Name', 'name (title)', 'Amount', 'Discount ceiling', 'Stage', 'Tags', 'Close date', 'Closed at', 'Hot', 'Quantity', 'Data', 'Account', 'Notes', 'Expected',
  'Owner', 'Created at', 'Updated at', 'Created by', 'Updated by', 'Version'];
const ZH_HEADERS = ['ID', '名称', 'name', '金额', '折扣上限', '阶段', 'Tags', 'Close date', 'Closed at', 'Hot', 'Quantity', 'Data', 'Account', 'Notes', 'Expected',
  '负责人', '创建时间', '更新时间', '创建人', '修改人', '版本'];

/** Collects a response body as bytes, whatever its type. */
const binary = (res: NodeJS.ReadableStream, done: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

const csvRows = (body: Buffer): string[][] => {
  expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  return parse(body.subarray(3).toString('utf8'), { relax_column_count: false });
};

async function xlsxRows(body: Buffer): Promise<unknown[][]> {
  const workbook = new Workbook();
  await workbook.xlsx.load(body as never);
  const rows: unknown[][] = [];
  workbook.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}

describe.each(testEngines())('export on %s', (engine) => {
  let f: HttpFixture;
  let server: Express;
  const tokens: Record<string, string> = {};
  let acme: string;
  const exportOf = (who: string, entity: string, query: Record<string, string>, headers: Record<string, string> = {}) =>
    request(server).get(`/api/records/${entity}/export`).query(query).set({ Authorization: `Bearer ${tokens[who]!}`, ...headers });
  const file = async (who: string, entity: string, query: Record<string, string>, headers: Record<string, string> = {}) =>
    (await exportOf(who, entity, query, headers).buffer(true).parse(binary).expect(200)).body as Buffer;
  const listOf = async (who: string, entity: string, query: Record<string, string>) =>
    (await request(server).get(`/api/records/${entity}`).query(query).set({ Authorization: `Bearer ${tokens[who]!}` }).expect(200)).body.data as Array<Record<string, unknown>>;

  beforeAll(async () => {
    f = await openHttpFixture(engine, app);
    server = f.server();
    await f.addUser({ email: 'admin@example.com', password: PASSWORD, roles: ['admin'] });
    await f.addUser({ email: 'rep@example.com', password: PASSWORD, roles: ['sales_rep'] });
    for (const who of ['admin', 'rep']) {
      tokens[who] = (await request(server).post('/api/auth/login').send({ email: `${who}@example.com`, password: PASSWORD }).expect(200)).body.token;
    }
    const create = async (who: string, entity: string, body: Record<string, unknown>) =>
      (await request(server).post(`/api/records/${entity}`).set({ Authorization: `Bearer ${tokens[who]!}` }).send(body).expect(201)).body.id as string;
    acme = await create('admin', 'account', { name: 'Acme' });
    await create('admin', 'deal', {
      name: 'Alpha, "quoted"', title: 'Alpha', amount: 1234567.89, discountCeiling: 12.5, stage: 'won', tags: ['a', 'b'], closeDate: '2026-11-23',
      closedAt: '2026-11-23T18:00:00+08:00', hot: true, quantity: 3, data: { k: [1, '二'] }, account: acme, notes: 'line 1\nline 2',
    });
    await create('admin', 'deal', { name: '上海项目', amount: 0.5, stage: 'new', hot: false, tags: [] });
    await create('rep', 'deal', { name: 'Rep deal', amount: 10, stage: 'lost' });
    const items = Array.from({ length: ITEMS }, (_v, i) => ({ id: randomUUID(), n: i, grp: i % 3 }));
    for (let i = 0; i < ITEMS; i += 500) await f.t.db.knex('item').insert(items.slice(i, i + 500));
  });
  afterAll(() => f.t.close());

  it('answers a CSV file with a BOM, labels as headers and every value in the contract', async () => {
    const res = await exportOf('admin', 'deal', { sort: 'name' }).buffer(true).parse(binary).expect(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="deal.csv"');
    const [headers, ...rows] = csvRows(res.body);
    expect(headers).toEqual(EN_HEADERS);
    expect(rows.map((r) => r[1])).toEqual(['Alpha, "quoted"', 'Rep deal', '上海项目']);
    const [admin] = await listOf('admin', 'deal', { filter: JSON.stringify({ title: 'Alpha' }) });
    expect(rows[0]).toEqual([
      admin!.id, 'Alpha, "quoted"', 'Alpha', '1234567.89', '12.5', 'Won', 'a; Bee', '2026-11-23', '2026-11-23T10:00:00.000Z', 'true', '3', '{"k":[1,"二"]}', acme,
      'line 1\nline 2', '2469135.78', admin!.ownerId, admin!.createdAt, admin!.updatedAt, admin!.createdBy, admin!.updatedBy, '1',
    ]);
    expect(rows[2]!.slice(1, 10)).toEqual(['上海项目', '', '0.5', '', 'New', '', '', '', 'false']);
  });

  it('answers an XLSX workbook with numeric cells for numbers and text for the rest', async () => {
    const res = await exportOf('admin', 'deal', { format: 'xlsx', sort: 'name' }).buffer(true).parse(binary).expect(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers['content-disposition']).toBe('attachment; filename="deal.xlsx"');
    const [headers, first, , last] = await xlsxRows(res.body);
    expect(headers).toEqual(EN_HEADERS);
    expect(first!.slice(1, 12)).toEqual(['Alpha, "quoted"', 'Alpha', 1234567.89, 12.5, 'Won', 'a; Bee', '2026-11-23', '2026-11-23T10:00:00.000Z', 'true', 3, '{"k":[1,"二"]}']);
    expect(first![20]).toBe(1);
    // Empty cells are absent from the row.
    expect(last!.slice(1, 10)).toEqual(['上海项目', undefined, 0.5, undefined, 'New', undefined, undefined, undefined, 'false']);
  });

  it('reads back, cell by cell, to the values the list answers (CSV and XLSX)', async () => {
    const listed = await listOf('admin', 'deal', { sort: 'name' });
    const names = app.entities.deal!.fieldNames.filter((n) => n !== 'id');
    const columns = ['id', ...names.filter((n) => !['ownerId', 'createdAt', 'updatedAt', 'createdBy', 'updatedBy', 'version'].includes(n)), 'ownerId', 'createdAt', 'updatedAt', 'createdBy', 'updatedBy', 'version'];
    const csv = csvRows(await file('admin', 'deal', { sort: 'name' })).slice(1);
    const xlsx = (await xlsxRows(await file('admin', 'deal', { sort: 'name', format: 'xlsx' }))).slice(1);
    for (const rows of [csv, xlsx]) {
      const read = rows.map((row) => Object.fromEntries(columns.map((name, i) => {
        const field = app.entities.deal!.fields[name]!;
        const coerced = fieldTypes.get(field.type).coerce(String(row[i] ?? ''), field.definition as never, 'csv');
        return [name, coerced.ok ? coerced.value : coerced];
      })));
      // An empty list and no list are both an empty cell, which reads back as no value.
      expect(read).toEqual(listed.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, Array.isArray(v) && !v.length ? null : v]))));
    }
  });

  it('writes headers and labels in Chinese for Accept-Language zh-CN or ?locale=zh-CN', async () => {
    for (const [query, headers] of [[{ sort: 'name' }, { 'Accept-Language': 'zh-CN,zh;q=0.9' }], [{ sort: 'name', locale: 'zh-CN' }, {}]] as const) {
      const [head, first] = csvRows(await file('admin', 'deal', query, headers));
      expect(head).toEqual(ZH_HEADERS);
      expect(first!.slice(5, 7)).toEqual(['赢单', 'a; 蜜蜂']);
    }
    const [head] = await xlsxRows(await file('admin', 'deal', { format: 'xlsx' }, { 'Accept-Language': 'zh-CN' }));
    expect(head).toEqual(ZH_HEADERS);
  });

  it('holds only the rows a row rule lets the caller read, and never a field they may not read', async () => {
    const [head, ...rows] = csvRows(await file('rep', 'deal', {}));
    expect(head).not.toContain('Discount ceiling');
    expect(head).toEqual(EN_HEADERS.filter((h) => h !== 'Discount ceiling'));
    expect(rows.map((r) => r[1])).toEqual(['Rep deal']);
    const xlsx = await xlsxRows(await file('rep', 'deal', { format: 'xlsx' }));
    expect(xlsx.map((r) => r[1])).toEqual(['Name', 'Rep deal']);
  });

  it('never exports a write-only field: users without their password', async () => {
    const [head, ...rows] = csvRows(await file('admin', 'user', { sort: 'email' }));
    expect(head.slice(0, 7)).toEqual(['ID', 'E-mail', 'Name', 'Roles', 'Manager', 'Department', 'Language']);
    expect(head).not.toContain('Password');
    expect(rows.map((r) => [r[1], r[3]])).toEqual([['admin@example.com', 'admin'], ['rep@example.com', 'sales_rep']]);
  });

  it('applies the filter, bracket conditions, sort and fields of a list', async () => {
    const byFilter = csvRows(await file('admin', 'deal', { filter: JSON.stringify({ amount: { $gt: 1 } }), sort: '-amount', fields: 'amount,name' }));
    expect(byFilter).toEqual([['ID', 'Name', 'Amount'], [expect.any(String), 'Alpha, "quoted"', '1234567.89'], [expect.any(String), 'Rep deal', '10']]);
    const bracket = csvRows(await file('admin', 'deal', { 'where[stage][$in]': 'new,lost', 'where[account]': acme }));
    expect(bracket).toHaveLength(1);
    const lookup = csvRows(await file('admin', 'deal', { 'where[account.name]': 'Acme', fields: 'name' }));
    expect(lookup.slice(1).map((r) => r[1])).toEqual(['Alpha, "quoted"']);
  });

  it('answers 400 for a hidden field in fields, filter or sort, as a list does', async () => {
    for (const [query, path] of [
      [{ fields: 'discountCeiling' }, '/query/fields'], [{ sort: 'discountCeiling' }, '/query/sort'],
      [{ filter: JSON.stringify({ discountCeiling: { $gt: 1 } }) }, '/query/filter/discountCeiling'], [{ 'where[discountCeiling]': '1' }, '/query/where[discountCeiling]'],
    ] as const) {
      const res = await exportOf('rep', 'deal', query).expect(400);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
    }
    await exportOf('admin', 'deal', { fields: 'discountCeiling' }).expect(200);
  });

  it('answers 400 for bad input (format, locale, paging, unknown parameters) and 404 for an entity out of reach', async () => {
    for (const [query, path, code] of [
      [{ format: 'pdf' }, '/query/format', 'query.value'], [{ locale: 'fr' }, '/query/locale', 'query.value'],
      [{ limit: '10' }, '/query/limit', 'query.value'], [{ cursor: 'x' }, '/query/cursor', 'query.value'], [{ offset: '1' }, '/query/offset', 'query.value'],
      [{ count: 'true' }, '/query/count', 'query.value'], [{ expand: 'account' }, '/query/expand', 'query.value'],
      [{ nope: '1' }, '/query/nope', 'query.parameter'], [{ filter: '{oops' }, '/query/filter', 'query.json'], [{ sort: 'nothing' }, '/query/sort', 'query.field'],
    ] as const) {
      const res = await exportOf('admin', 'deal', query).expect(400);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ path, code })]));
    }
    const unknown = await exportOf('admin', 'deal', { nope: '1' }).expect(400);
    expect(unknown.body.errors[0].message).toContain('format, locale');
    const zh = await exportOf('admin', 'deal', { format: 'pdf', locale: 'zh-CN' }).expect(400);
    expect(zh.body.errors[0].message).toContain('以下之一');
    await exportOf('admin', 'nothing', {}).expect(404);
    await exportOf('rep', 'user', {}).expect(404);
    // Reading accounts does not allow taking them all out: export is its own action.
    expect((await exportOf('rep', 'account', {}).expect(403)).body.code).toBe('record.forbidden');
    await request(server).get('/api/records/deal/export').expect(401);
  });

  it('walks more rows than a page holds, each once and in order, in both formats', async () => {
    const csv = csvRows(await file('admin', 'item', { sort: 'grp', fields: 'n,grp' }));
    expect(csv).toHaveLength(ITEMS + 1);
    const ids = await f.t.db.knex('item').select('id', 'n', 'grp').orderBy([{ column: 'grp' }, { column: 'id' }]);
    expect(csv.slice(1)).toEqual(ids.map((r: { id: string; n: number; grp: number }) => [r.id, String(r.n), String(r.grp)]));
    const xlsx = await xlsxRows(await file('admin', 'item', { format: 'xlsx', sort: '-n' }));
    expect(xlsx.slice(1).map((r) => r[1])).toEqual(Array.from({ length: ITEMS }, (_v, i) => ITEMS - 1 - i));
  });

  it('reads a page only when the reader has taken the rows before it', async () => {
    let reads = 0;
    const knex = f.t.db.knex;
    const client = knex.client as { acquireConnection(): Promise<unknown>; releaseConnection(c: unknown): Promise<unknown> };
    const counting = { client: { acquireConnection: () => (reads++, client.acquireConnection()), releaseConnection: (c: unknown) => client.releaseConnection(c) } } as unknown as Knex;
    const parsed = parseListQuery(app, 'item', new URLSearchParams());
    if (!parsed.ok) throw new Error('parse');
    const exported = await prepareExport({ db: counting, app, request: { query: parsed.query, format: 'csv', locale: 'en' }, options: { values: { now: new Date(), today: '2026-01-01' } }, pageSize: 50 });
    const held: Array<() => void> = [];
    let stalled = true;
    let bytes = 0;
    const slow = new Writable({
      highWaterMark: 1024,
      write: (chunk: Buffer, _encoding, done) => {
        bytes += chunk.length;
        if (stalled) held.push(() => done());
        else done();
      },
    });
    const written = exported.writeTo(slow);
    await new Promise((resolve) => setTimeout(resolve, 300));
    // 50 pages in all; a stalled reader leaves the export a few pages in, held in the streams' buffers.
    expect(reads).toBeLessThan(10);
    stalled = false;
    held.splice(0).forEach((done) => done());
    expect(await written).toBe(ITEMS);
    expect(reads).toBe(ITEMS / 50);
    expect(bytes).toBeGreaterThan(ITEMS * 40);
  });

  it('stops quietly when the client goes away mid-file, and serves on', async () => {
    let logged = '';
    const logger = pino({ level: 'error' }, new Writable({ write(chunk, _encoding, done) { logged += String(chunk); done(); } }));
    const listening = createServer({ app, db: f.t.db, logger }).listen(0);
    try {
      const { port } = listening.address() as AddressInfo;
      for (const format of ['csv', 'xlsx']) {
        await new Promise<void>((resolve) => {
          const req = http.get({ port, path: `/api/records/item/export?format=${format}`, headers: { Authorization: `Bearer ${tokens.admin!}` } }, (res) => {
            res.once('data', () => {
              req.destroy();
              resolve();
            });
          });
          req.on('error', () => undefined);
        });
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    } finally {
      await new Promise((resolve) => listening.close(resolve));
    }
    expect(logged).toBe('');
    await exportOf('admin', 'deal', {}).expect(200);
  });
});
