import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import type { Express } from 'express';
import request from 'supertest';
import { openHttpFixture, type HttpFixture } from '../http/support';
import { testEngines } from '../support/databases';
import { CSV, importApp, importFile, XLSX } from './import-support';

const PASSWORD = 'pa55-word!';

describe.each(testEngines())('imports on %s', (engine) => {
  let f: HttpFixture;
  let server: Express;
  const tokens: Record<string, string> = {};
  const auth = (who: string) => ({ Authorization: `Bearer ${tokens[who]!}` });
  const accounts = async (who = 'admin') => (await request(server).get('/api/records/account').query({ sort: 'code', limit: '500' }).set(auth(who)).expect(200)).body.data as Array<Record<string, unknown>>;

  beforeAll(async () => {
    f = await openHttpFixture(engine, importApp);
    server = f.server();
    await f.addUser({ email: 'admin@example.com', password: PASSWORD, roles: ['admin'] });
    await f.addUser({ email: 'rep@example.com', password: PASSWORD, roles: ['rep'] });
    await f.addUser({ email: 'other@example.com', password: PASSWORD, roles: [] });
    for (const who of ['admin', 'rep', 'other']) {
      tokens[who] = (await request(server).post('/api/auth/login').send({ email: `${who}@example.com`, password: PASSWORD }).expect(200)).body.token;
    }
  });
  afterAll(() => f.t.close());

  it('imports a GB18030 CSV with Chinese headers, labels and separators, writing history for each record', async () => {
    const csv = '编码;名称;类型;信用额度;起始日期\nA001;四川糖酒集团;客户;"1,234.50";2024-03-01\nA002;"Acme; Trading";合作伙伴;;\n\nA003;上海科技;Customer;0;2025-01-02\n';
    const job = await importFile(server, tokens.admin!, 'account', iconv.encode(csv, 'gb18030'), CSV);
    expect(job).toMatchObject({ status: 'succeeded', kind: 'import', entity: 'account', progress: { lines: 3, inserted: 3, failed: 0, percent: 100 } });
    expect(job.result).toMatchObject({ written: true, inserted: 3, updated: 0, unchanged: 0, failed: 0, errors: [] });
    const rows = await accounts();
    expect(rows.map((r) => [r.code, r.name, r.kind, r.credit, r.since])).toEqual([
      ['A001', '四川糖酒集团', 'customer', 1234.5, '2024-03-01'], ['A002', 'Acme; Trading', 'partner', null, null], ['A003', '上海科技', 'customer', 0, '2025-01-02'],
    ]);
    const history = (await request(server).get(`/api/records/account/${rows[0]!.id}/history`).set(auth('admin')).expect(200)).body.data;
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ action: 'create', changes: { name: { old: null, new: '四川糖酒集团' } } });
  });

  it('runs again as an upsert by code: unchanged lines write nothing, a changed one updates in place', async () => {
    const before = await accounts();
    const csv = 'Code,Name,Type,Credit\nA001,四川糖酒集团,customer,1234.5\nA002,Acme; Trading,partner,\nA003,上海科技股份,customer,0\nA004,Globex,partner,10\n';
    const job = await importFile(server, tokens.admin!, 'account', csv, CSV, { mode: 'upsert', key: 'code' });
    expect(job.result).toMatchObject({ written: true, inserted: 1, updated: 1, unchanged: 2, failed: 0 });
    const after = await accounts();
    expect(after).toHaveLength(4);
    expect(after.slice(0, 2)).toEqual(before.slice(0, 2));
    expect(after[2]).toMatchObject({ id: before[2]!.id, name: '上海科技股份', version: 2, since: '2025-01-02' });
  });

  it('refuses the whole file when one line is bad (all or nothing), naming each bad line, column and reason', async () => {
    const csv = 'code,name,credit,kind\nB001,Good,1\nB002,Bad number,abc\nB003,,5\nB004,Bad kind,1,wholesale\nA001,Taken code,1\n';
    const job = await importFile(server, tokens.admin!, 'account', csv, CSV);
    expect(job.status).toBe('failed');
    expect(job.result).toMatchObject({ written: false, inserted: 0, failed: 4 });
    const errors = job.result.errors as Array<Record<string, unknown>>;
    expect(errors.map((e) => [e.line, e.column ?? null])).toEqual([[3, 'credit'], [4, 'name'], [5, 'kind'], [6, null]]);
    expect(errors[0]!.message).toMatch(/"abc" is not valid.*number/);
    expect(errors[3]!.code).toBe('db.unique');
    expect((await accounts()).map((r) => r.code)).toEqual(['A001', 'A002', 'A003', 'A004']);
  });

  it('skips bad lines when asked, writing the rest, and reports in the caller\'s language', async () => {
    const csv = 'code,name,credit\nB001,Good,1\nB002,Bad number,abc\nB003,Also good,2\n';
    const started = await request(server).post('/api/records/account/import').query({ onError: 'skip' }).set({ ...auth('admin'), 'Content-Type': CSV, 'Accept-Language': 'zh-CN' }).send(Buffer.from(csv)).expect(202);
    let job: Record<string, unknown> = {};
    const { eventually } = await import('../support/eventually');
    await eventually(async () => (job = (await request(server).get(`/api/jobs/${started.body.id}`).set(auth('admin'))).body).status !== 'running', 20_000);
    expect(job).toMatchObject({ status: 'succeeded', result: { written: true, inserted: 2, failed: 1, errors: [{ line: 3, column: 'credit', code: 'import.cell' }] } });
    expect(String((job.result as { errors: Array<{ message: string }> }).errors[0]!.message)).toContain('无效');
    expect((await accounts()).map((r) => r.code)).toEqual(['A001', 'A002', 'A003', 'A004', 'B001', 'B003']);
  });

  it('resolves lookups by the target\'s title or a named field, among records the importer may read', async () => {
    const csv = 'Name,Email,Account,\nAnn,ann@acme.com,Globex\nBob,bob@acme.com,A001\nCy,cy@x.cn,Nobody\n';
    const byName = await importFile(server, tokens.admin!, 'contact', csv, CSV, { onError: 'skip', mapping: JSON.stringify({ '': null }) });
    expect(byName.result).toMatchObject({ inserted: 1, failed: 2 });
    expect((byName.result.errors as Array<Record<string, unknown>>).map((e) => [e.line, e.code])).toEqual([[3, 'import.lookup'], [4, 'import.lookup']]);
    const byCode = await importFile(server, tokens.admin!, 'contact', 'name,account.code\nDee,A001\nEve,A404\n', CSV, { onError: 'skip' });
    expect(byCode.result).toMatchObject({ inserted: 1, failed: 1 });
    const contacts = (await request(server).get('/api/records/contact').query({ sort: 'name' }).set(auth('admin')).expect(200)).body.data;
    const ids = Object.fromEntries((await accounts()).map((a) => [a.code, a.id]));
    expect(contacts.map((c: Record<string, unknown>) => [c.name, c.account])).toEqual([['Ann', ids.A004], ['Dee', ids.A001]]);
  });

  it('reads XLSX and JSON lines', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('客户');
    sheet.addRow(['编码', '名称', '信用额度', '起始日期']);
    sheet.addRow(['X001', 'Excel 公司', 99.5, new Date(Date.UTC(2026, 0, 31))]);
    sheet.addRow([]);
    sheet.addRow(['X002', { richText: [{ text: 'Rich ' }, { text: 'Text' }] }, { formula: '1+1', result: 2 }, null]);
    const xlsx = await importFile(server, tokens.admin!, 'account', Buffer.from(await workbook.xlsx.writeBuffer()), XLSX);
    expect(xlsx.result).toMatchObject({ written: true, inserted: 2, failed: 0 });
    const jsonl = await importFile(server, tokens.admin!, 'account', '{"code":"J001","name":"Jay","credit":3,"kind":"partner"}\n\n{"code":"J002","name":"Kay","credit":null}\n', 'application/x-ndjson');
    expect(jsonl.result).toMatchObject({ written: true, inserted: 2 });
    const rows = Object.fromEntries((await accounts()).map((a) => [a.code, a]));
    expect(rows.X001).toMatchObject({ name: 'Excel 公司', credit: 99.5, since: '2026-01-31' });
    expect(rows.X002).toMatchObject({ name: 'Rich Text', credit: 2, since: null });
    expect(rows.J001).toMatchObject({ name: 'Jay', credit: 3, kind: 'partner' });
  });

  it('refuses repeated upsert keys within a file, unknown mappings, and a column for a field the importer may not write', async () => {
    const repeated = await importFile(server, tokens.admin!, 'account', 'code,name\nR001,One\nR001,Two\n', CSV, { mode: 'upsert', key: 'code' });
    expect(repeated.result).toMatchObject({ written: false, failed: 1, errors: [{ line: 3, code: 'import.keyRepeated' }] });
    const denied = await importFile(server, tokens.rep!, 'account', 'code,name,margin\nR002,Mine,5\n', CSV);
    expect(denied.result).toMatchObject({ written: false, errors: [{ line: 1, column: 'margin', code: 'import.forbidden' }] });
    const unknown = await importFile(server, tokens.admin!, 'account', 'code,name\nR003,x\n', CSV, { mapping: JSON.stringify({ code: 'nope' }) });
    expect(unknown.result).toMatchObject({ written: false, errors: [{ line: 1, column: 'code', code: 'import.column' }] });
    expect((await accounts()).some((a) => String(a.code).startsWith('R'))).toBe(false);
  });

  it('applies the importer\'s roles: import is its own action, row rules hold for updates, jobs are private', async () => {
    const meta = (await request(server).get('/api/meta').set(auth('rep')).expect(200)).body.entities;
    expect(Object.fromEntries(meta.map((e: { name: string; can: { import: boolean } }) => [e.name, e.can.import]))).toMatchObject({ account: true, contact: false });
    await request(server).post('/api/records/contact/import').set({ ...auth('rep'), 'Content-Type': CSV }).send(Buffer.from('name\nx\n')).expect(403);
    await request(server).post('/api/records/account/import').set({ ...auth('other'), 'Content-Type': CSV }).send(Buffer.from('name\nx\n')).expect(404);
    const mine = await importFile(server, tokens.rep!, 'account', 'code,name\nM001,Mine\n', CSV);
    expect(mine.result).toMatchObject({ written: true, inserted: 1 });
    // A001 belongs to the admin: the rep's upsert may not update it.
    const theirs = await importFile(server, tokens.rep!, 'account', 'code,name\nA001,Stolen\n', CSV, { mode: 'upsert', key: 'code' });
    expect(theirs.result).toMatchObject({ written: false, failed: 1, errors: [{ line: 2, code: 'forbidden' }] });
    expect((await accounts()).find((a) => a.code === 'A001')!.name).toBe('四川糖酒集团');
    await request(server).get(`/api/jobs/${mine.id as string}`).set(auth('other')).expect(404);
    await request(server).get(`/api/jobs/${mine.id as string}`).set(auth('admin')).expect(200);
  });

  it('applies duplicate rules to stored records and earlier lines: a block refuses the line, a warning is reported', async () => {
    await request(server).post('/api/records/account').set(auth('admin')).send({ code: 'D000', name: 'Dup Stored', creditCode: '91510100MA61R0XK2B' }).expect(201);
    const csv = 'code,name,creditCode\nD001,四川 糖酒集团,\nD002,Fresh,91510100 ma61r0xk2b\nD003,Twin A,X1\nD004,Twin B,x 1\n';
    const job = await importFile(server, tokens.admin!, 'account', csv, CSV, { onError: 'skip' });
    expect(job.result).toMatchObject({ written: true, inserted: 2, failed: 2 });
    expect((job.result.errors as Array<Record<string, unknown>>).map((e) => [e.line, e.code, e.column, e.message])).toEqual([
      [3, 'duplicate', 'creditCode', 'This credit code is taken'], [5, 'duplicate', 'creditCode', 'This credit code is taken (line 4)'],
    ]);
    expect((job.result.warnings as Array<Record<string, unknown>>).map((e) => [e.line, e.code, e.column])).toEqual([[2, 'duplicate.warning', 'name']]);
    expect((await accounts()).filter((a) => String(a.code).startsWith('D')).map((a) => a.code)).toEqual(['D000', 'D001', 'D003']);
  });

  it('writes batches while checking the next, and a refusal the database finds late still writes nothing', async () => {
    const lines = (from: number, n: number) => Array.from({ length: n }, (_v, i) => `P${String(from + i).padStart(5, '0')},Bulk ${from + i},${i % 7}`);
    const refused = await importFile(server, tokens.admin!, 'account', ['code,name,credit', ...lines(1, 1100), 'A001,Taken,1', ...lines(1101, 99)].join('\n'), CSV);
    expect(refused.result).toMatchObject({ written: false, lines: 1200, failed: 1, errors: [{ line: 1102, code: 'db.unique' }] });
    expect(Number((await f.t.db.knex('account').where('code', 'like', 'P%').count({ n: '*' }))[0]!.n)).toBe(0);
    const done = await importFile(server, tokens.admin!, 'account', ['code,name,credit', ...lines(1, 1200)].join('\n'), CSV);
    expect(done.result).toMatchObject({ written: true, lines: 1200, inserted: 1200, failed: 0 });
    const stored = await f.t.db.knex('account').where('code', 'like', 'P%').orderBy('code').select('id', 'code', 'credit');
    expect(stored.map((r) => [r.code, Number(r.credit)])).toEqual(lines(1, 1200).map((l) => [l.split(',')[0], Number(l.split(',')[2])]));
    const history = await f.t.db.knex('tessera_history').whereIn('record_id', stored.map((r) => r.id)).count({ n: '*' });
    expect(Number(history[0]!.n)).toBe(1200);
  });

  it('answers bad requests with 4xx before reading any file', async () => {
    const post = (query: Record<string, string>, type = CSV) => request(server).post('/api/records/account/import').query(query).set({ ...auth('admin'), 'Content-Type': type }).send(Buffer.from('code\n1\n'));
    expect((await post({ mode: 'upsert', key: 'name' }).expect(400)).body.errors[0]).toMatchObject({ path: '/key', code: 'import.key' });
    expect((await post({ onError: 'maybe' }).expect(400)).body.errors[0]).toMatchObject({ path: '/onError', code: 'import.option' });
    expect((await post({ mapping: '[1]' }).expect(400)).body.errors[0]).toMatchObject({ path: '/mapping' });
    await post({}, 'text/plain').expect(415);
    await request(server).post('/api/records/nothing/import').set({ ...auth('admin'), 'Content-Type': CSV }).send(Buffer.from('a\n')).expect(404);
    await request(server).get('/api/jobs/not-a-uuid').set(auth('admin')).expect(404);
  });
});
