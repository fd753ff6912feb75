import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCli } from './support/run-cli';

const run = runCli;

describe('tessera validate', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'tessera-cli-'));
    const write = async (file: string, value: unknown) => {
      await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
      await writeFile(path.join(dir, file), typeof value === 'string' ? value : JSON.stringify(value));
    };
    await write('app.json', { name: 'broken', plugins: ['shop'] });
    await write('plugins/shop/plugin.json', { name: 'shop', version: '1.0.0', label: { en: 'Shop' }, dependsOn: { base: '^2.0.0' } });
    await write('plugins/base/plugin.json', { name: 'base', version: '1.4.0', label: { en: 'Base' } });
    await write('plugins/shop/entities/order.json', { name: 'order', label: { en: 'Order' }, fields: { total: { type: 'currency', min: 'zero' } } });
    await write('entities/note.json', '{ "name": "note", ');
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('accepts the quickstart example and prints a summary of the model', async () => {
    const r = await run('validate', '--app', path.resolve(__dirname, '../../examples/quickstart'));
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Quickstart CRM \(quickstart\) is valid/);
    expect(r.out).toMatch(/entities: {3}3 \(/);
    expect(r.out).toMatch(/hash: +[0-9a-f]{64}/);
  });

  it('reports every issue of a broken app at once, with file and pointer, and exits 1', async () => {
    const r = await run('validate', '--app', dir);
    expect(r.code).toBe(1);
    const lines = r.err.split('\n').filter((l) => l.includes(': '));
    expect(lines).toEqual(expect.arrayContaining([
      expect.stringMatching(/^entities\/note\.json: not valid JSON/),
      expect.stringMatching(/^plugins\/shop\/entities\/order\.json \/fields\/total\/min: wrong type: must be number \(found "zero"; expected number\)/),
      expect.stringMatching(/^plugins\/shop\/plugin\.json \/dependsOn\/base: plugin "base" is version 1\.4\.0, outside the range \^2\.0\.0/),
    ]));
    expect(r.err).toMatch(/3 issues/);
  });

  it('speaks Simplified Chinese when asked', async () => {
    const r = await run('validate', '--app', dir, '--locale', 'zh-CN');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/类型错误：应为 number/);
    expect(r.err).toMatch(/发现 3 个问题/);
  });

  it('answers usage errors with exit code 2', async () => {
    expect((await run('validate', '--bogus')).code).toBe(2);
    expect((await run('nonsense')).code).toBe(2);
    expect((await run('validate', '--locale', 'fr')).code).toBe(2);
    expect((await run()).code).toBe(2);
  });
});
