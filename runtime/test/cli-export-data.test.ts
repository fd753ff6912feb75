import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { Workbook } from 'exceljs';
import { openTestDatabase, testEngines } from './support/databases';
import { runCli } from './support/run-cli';

const QUICKSTART = path.resolve(__dirname, '../../examples/quickstart');
const HEADERS = ['ID', 'Name', 'Company', 'Amount', 'Stage', 'Probability', 'Close date', 'Discount', 'Approval', 'Expected revenue',
  'Owner', 'Created at', 'Updated at', 'Created by', 'Updated by', 'Version'];
const deal = (n: number) => `30000000-0000-4000-8000-00000000000${n}`;
const company = (n: number) => `10000000-0000-4000-8000-00000000000${n}`;

const csvOf = (text: string): string[][] => {
  expect(text.charCodeAt(0)).toBe(0xfeff);
  return parse(text.slice(1));
};

describe.each(testEngines())('tessera export-data (%s)', (engine) => {
  const savedUrl = process.env.DATABASE_URL;
  let dir: string;
  let app: string;
  let args: string[];
  let close: () => Promise<void>;
  const exportData = (...rest: string[]) => runCli('export-data', '--app', app, ...args, ...rest);

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'tessera-export-data-'));
    app = path.join(dir, 'app');
    await cp(QUICKSTART, app, { recursive: true, filter: (source) => !source.split(path.sep).includes('.tessera') });
    if (engine === 'pglite') {
      delete process.env.DATABASE_URL;
      args = ['--data', path.join(dir, 'db')];
      close = async () => undefined;
    } else {
      const test = await openTestDatabase('postgres');
      process.env.DATABASE_URL = test.url;
      args = [];
      close = () => test.close();
    }
    const seeded = await runCli('seed', '--app', app, ...args);
    expect(seeded.code).toBe(0);
  });
  afterAll(async () => {
    await close();
    if (savedUrl === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = savedUrl;
    await rm(dir, { recursive: true, force: true });
  });

  it('writes every record of an entity to a CSV file', async () => {
    const out = path.join(dir, 'deals.csv');
    const r = await exportData('--entity', 'deal', '--out', out);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toBe(`Exported 4 deal records to ${out}`);
    const [headers, ...rows] = csvOf(await readFile(out, 'utf8'));
    expect(headers).toEqual(HEADERS);
    expect(rows.map((row) => row.slice(0, 10))).toEqual([
      [deal(1), 'Factory automation pilot', company(1), '120000', 'Proposal', '40', '2026-09-30', '', 'Not submitted', '48000'],
      [deal(2), '云平台年度订阅', company(2), '56000', 'Won', '100', '2026-03-15', '', 'Not submitted', '56000'],
      [deal(3), 'Point-of-sale rollout', company(3), '38000', 'Prospecting', '10', '', '', 'Not submitted', '3800'],
      [deal(4), '门店收银系统升级', company(4), '21000', 'Lost', '0', '2026-01-20', '', 'Not submitted', '0'],
    ]);
    expect(rows[0]![11]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(rows[0]![15]).toBe('1');
  });

  it('writes XLSX, filtered, with Chinese headers and labels', async () => {
    const out = path.join(dir, 'won.xlsx');
    const r = await exportData('--entity', 'deal', '--format', 'xlsx', '--out', out, '--filter', '{"amount": {"$gte": 50000}}', '--locale', 'zh-CN');
    expect(r.code).toBe(0);
    expect(r.out).toBe(`已将 2 条 deal 记录导出到 ${out}`);
    const workbook = new Workbook();
    await workbook.xlsx.readFile(out);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.name).toBe('商机');
    expect((sheet.getRow(1).values as unknown[]).slice(1, 6)).toEqual(['ID', '名称', '公司', '金额', '阶段']);
    expect((sheet.getRow(2).values as unknown[]).slice(1, 6)).toEqual([deal(1), 'Factory automation pilot', company(1), 120000, '方案报价']);
    expect((sheet.getRow(3).values as unknown[]).slice(1, 6)).toEqual([deal(2), '云平台年度订阅', company(2), 56000, '赢单']);
    expect(sheet.rowCount).toBe(3);
  });

  it('writes to stdout without --out', async () => {
    const chunks: Buffer[] = [];
    const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array, ...rest: unknown[]) => {
      chunks.push(Buffer.from(chunk));
      const done = rest.find((x) => typeof x === 'function') as (() => void) | undefined;
      done?.();
      return true;
    });
    try {
      const r = await exportData('--entity', 'company', '--filter', '{"tier": "a"}');
      expect(r.code).toBe(0);
      expect(r.out).toBe('');
    } finally {
      write.mockRestore();
    }
    const [headers, ...rows] = csvOf(Buffer.concat(chunks).toString('utf8'));
    expect(headers![0]).toBe('ID');
    expect(rows.length).toBeGreaterThan(0);
  });

  it('refuses a bad filter or an unknown entity with exit 1 and a readable report', async () => {
    const filter = await exportData('--entity', 'deal', '--filter', '{"nope": 1}');
    expect(filter.code).toBe(1);
    expect(filter.err).toMatch(/^--filter \/nope: .*nope/m);
    expect(filter.err).toContain('the filter is not valid; nothing was exported');
    const json = await exportData('--entity', 'deal', '--filter', '{oops', '--locale', 'zh-CN');
    expect(json.code).toBe(1);
    expect(json.err).toContain('filter 不是有效的 JSON');
    const entity = await exportData('--entity', 'invoice');
    expect(entity.code).toBe(1);
    expect(entity.err).toMatch(/there is no entity "invoice"; the entities are .*company.*deal/);
  });

  it('refuses a database that is not migrated to the metadata, writing no file', async () => {
    const out = path.join(dir, 'none.csv');
    const other = engine === 'pglite' ? ['--data', path.join(dir, 'empty-db')] : [];
    const saved = process.env.DATABASE_URL;
    const fresh = engine === 'postgres' ? await openTestDatabase('postgres') : undefined;
    if (fresh) process.env.DATABASE_URL = fresh.url;
    try {
      const r = await runCli('export-data', '--app', app, ...other, '--entity', 'deal', '--out', out);
      expect(r.code).toBe(1);
      expect(r.err).toContain('Run tessera migrate first');
      expect(existsSync(out)).toBe(false);
    } finally {
      await fresh?.close();
      if (saved === undefined) delete process.env.DATABASE_URL;
      else process.env.DATABASE_URL = saved;
    }
  });
});

describe('tessera export-data usage', () => {
  it('documents the command and answers usage errors with exit 2', async () => {
    const help = await runCli('export-data', '--help');
    expect(help.code).toBe(0);
    expect(help.out).toMatch(/^usage: tessera export-data --entity NAME/m);
    expect((await runCli('export-data')).code).toBe(2);
    expect((await runCli('export-data', '--entity', 'deal', '--format', 'pdf')).err).toMatch(/unknown format "pdf": use csv or xlsx/);
    expect((await runCli('export-data', '--entity', 'deal', '--format', 'pdf')).code).toBe(2);
    expect((await runCli('export-data', '--entity', 'deal', '--locale', 'fr')).code).toBe(2);
    expect((await runCli('--help')).out).toMatch(/\n {2}export-data +Export the records of an entity/);
  });
});
