import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Knex } from 'knex';
import { connect } from '../src/db/connect';
import { openTestDatabase, testEngines } from './support/databases';
import { runCli } from './support/run-cli';

const QUICKSTART = path.resolve(__dirname, '../../examples/quickstart');

describe.each(testEngines())('tessera import (%s)', (engine) => {
  const savedUrl = process.env.DATABASE_URL;
  let dir: string;
  let app: string;
  let args: string[];
  let query: <T>(read: (knex: Knex) => Promise<T>) => Promise<T>;
  let close: () => Promise<void>;
  const cli = (command: string, ...rest: string[]) => runCli(command, '--app', app, ...args, ...rest);
  const file = async (name: string, text: string) => {
    await writeFile(path.join(dir, name), text);
    return path.join(dir, name);
  };

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'tessera-import-'));
    app = path.join(dir, 'app');
    await cp(QUICKSTART, app, { recursive: true, filter: (source) => !source.split(path.sep).includes('.tessera') });
    if (engine === 'pglite') {
      delete process.env.DATABASE_URL;
      const dataDir = path.join(dir, 'db');
      args = ['--data', dataDir];
      query = async (read) => {
        const db = await connect({ dataDir });
        try {
          return await read(db.knex);
        } finally {
          await db.close();
        }
      };
      close = async () => undefined;
    } else {
      const test = await openTestDatabase('postgres');
      process.env.DATABASE_URL = test.url;
      args = [];
      query = (read) => read(test.db.knex);
      close = () => test.close();
    }
    expect((await cli('seed')).code).toBe(0);
  });
  afterAll(async () => {
    await close();
    if (savedUrl === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = savedUrl;
    await rm(dir, { recursive: true, force: true });
  });

  it('imports a file with Chinese headers, reporting progress and counts', async () => {
    const csv = await file('companies.csv', '名称,统一社会信用代码,行业,年营业额\n成都糖酒有限公司,91510100MA61R0XK2B,零售,"12,000"\nAcme Trading,,Services,\n');
    const r = await cli('import', '--entity', 'company', csv);
    expect(r.code).toBe(0);
    expect(r.out).toBe('Imported company: 2 lines read, 2 created, 0 updated, 0 unchanged, 0 refused.');
    expect(r.err).toMatch(/^100%: 2 lines read$/m);
    const rows = await query((k) => k('company').whereIn('name', ['成都糖酒有限公司', 'Acme Trading']).orderBy('name').select('name', 'industry', 'annual_revenue'));
    expect(rows.map((c) => [c.name, c.industry, Number(c.annual_revenue ?? 0)])).toEqual([['Acme Trading', 'services', 0], ['成都糖酒有限公司', 'retail', 12000]]);
  });

  it('round-trips: records exported and imported again as an upsert by id change nothing', async () => {
    const exported = path.join(dir, 'deals.csv');
    expect((await cli('export-data', '--entity', 'deal', '--out', exported, '--locale', 'zh-CN')).code).toBe(0);
    const before = await query((k) => k('deal').orderBy('id').select());
    const r = await cli('import', '--entity', 'deal', '--mode', 'upsert', '--key', 'id', exported);
    expect(r.code).toBe(0);
    expect(r.out).toBe(`Imported deal: ${before.length} lines read, 0 created, 0 updated, ${before.length} unchanged, 0 refused.`);
    expect(await query((k) => k('deal').orderBy('id').select())).toEqual(before);
  });

  it('reports refused lines by number and column, and writes nothing (exit 1)', async () => {
    const csv = await file('bad.csv', 'name,annualRevenue,industry\nGood one,1\nBad revenue,-5\nBad industry,1,mining\n');
    const r = await cli('import', '--entity', 'company', csv, '--locale', 'zh-CN');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^第 3 行，列 "annualRevenue"：/m);
    expect(r.err).toMatch(/^第 4 行，列 "industry"：列 "industry"："mining" 无效/m);
    expect(r.err).toContain('未导入 company：2 行被拒绝，未写入任何数据。');
    expect(await query((k) => k('company').where({ name: 'Good one' }).first())).toBeUndefined();
  });

  it('refuses bad flags with usage errors (exit 2)', async () => {
    expect((await cli('import', '--entity', 'company')).code).toBe(2);
    const r = await cli('import', '--entity', 'company', '--mode', 'upsert', '--key', 'industry', path.join(dir, 'companies.csv'));
    expect(r.code).toBe(2);
    expect(r.err).toContain('--key');
  });
});
