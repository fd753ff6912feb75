import { existsSync } from 'node:fs';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCli } from './support/run-cli';

const run = runCli;

describe('tessera migrate (embedded PGlite in --data DIR)', () => {
  let dir: string;
  let data: string;
  const savedUrl = process.env.DATABASE_URL;
  const writeNote = (fields: Record<string, unknown>) =>
    writeFile(path.join(dir, 'entities/note.json'), JSON.stringify({ name: 'note', label: { en: 'Note', 'zh-CN': '笔记' }, fields }));
  beforeAll(async () => {
    delete process.env.DATABASE_URL;
    dir = await mkdtemp(path.join(tmpdir(), 'tessera-migrate-'));
    data = path.join(dir, 'db');
    await mkdir(path.join(dir, 'entities'));
    await writeFile(path.join(dir, 'app.json'), JSON.stringify({ name: 'notes', label: { en: 'Notes' } }));
    await writeNote({ title: { type: 'text', required: true }, body: { type: 'longText' } });
  });
  afterAll(async () => {
    if (savedUrl !== undefined) process.env.DATABASE_URL = savedUrl;
    await rm(dir, { recursive: true, force: true });
  });

  it('prints the plan as text, in English or Chinese, without changing anything', async () => {
    const r = await run('migrate', '--app', dir, '--data', data, '--dry-run');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Migration plan for notes: \d+ steps \(\d+ safe, 0 destructive, 0 blocked\)/);
    expect(r.out).toMatch(/\[safe\] Create table note with 9 columns\n\s+create table "note" \(/);
    const zh = await run('migrate', '--app', dir, '--data', data, '--dry-run', '--locale', 'zh-CN');
    expect(zh.out).toMatch(/\[安全\] 创建表 note，共 9 列/);
  });

  it('prints the plan as JSON with --json', async () => {
    const r = await run('migrate', '--app', dir, '--data', data, '--dry-run', '--json');
    const planned = JSON.parse(r.out);
    expect(planned).toMatchObject({ app: 'notes', hash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(planned.steps.filter((s: { kind: string }) => s.kind === 'createTable').map((s: { table: string }) => s.table).sort()).toEqual(['note', 'team', 'user']);
    expect(planned.steps[0]).toEqual(expect.objectContaining({ safety: 'safe', description: expect.objectContaining({ 'zh-CN': expect.any(String) }), sql: expect.any(Array), impact: expect.any(Object) }));
  });

  it('applies a safe plan, then has nothing left to do', async () => {
    const r = await run('migrate', '--app', dir, '--data', data);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Applied \d+ steps \(history #1\)\./);
    const again = await run('migrate', '--app', dir, '--data', data);
    expect(again.code).toBe(0);
    expect(again.out).toMatch(/^Nothing to migrate: the database matches notes/);
  });

  it('refuses a destructive plan with exit 1, printing the plan and the exact command that applies it', async () => {
    await writeNote({ title: { type: 'text', required: true } });
    const r = await run('migrate', '--app', dir, '--data', data);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/\[destructive\] Drop column note\.body, archiving its 0 values first/);
    expect(r.err).toContain('Refused: 1 destructive step; nothing was changed.');
    expect(r.err).toContain(`tessera migrate --app ${dir} --data ${data} --allow-destructive`);
    const json = JSON.parse((await run('migrate', '--app', dir, '--data', data, '--json')).out);
    expect(json).toMatchObject({ status: 'refused', reason: 'destructive', command: expect.stringContaining('--allow-destructive') });
    const applied = await run('migrate', '--app', dir, '--data', data, '--allow-destructive');
    expect(applied.code).toBe(0);
    expect(applied.out).toMatch(/Applied 1 step \(history #2\)/);
  });

  it('uses <app>/.tessera/data when --data is not given', async () => {
    const r = await run('migrate', '--app', dir, '--dry-run');
    expect(r.code).toBe(0);
    expect(existsSync(path.join(dir, '.tessera', 'data', 'PG_VERSION'))).toBe(true);
  });

  it('answers invalid metadata with exit 1 and usage errors with exit 2', async () => {
    await writeFile(path.join(dir, 'entities/note.json'), '{ "name": ');
    const r = await run('migrate', '--app', dir, '--data', data);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/entities\/note\.json: not valid JSON/);
    expect(r.err).toMatch(/nothing was migrated/);
    expect((await run('migrate', '--bogus')).code).toBe(2);
    expect((await run('migrate', '--locale', 'fr')).code).toBe(2);
  });
});
