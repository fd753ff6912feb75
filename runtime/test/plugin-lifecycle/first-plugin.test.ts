import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadApp } from '@tessera/core';
import { fsReader } from '../../src/metadata/fs-reader';
import { testEngines } from '../support/databases';
import { runCli } from '../support/run-cli';
import { openTarget, type Target } from '../support/cli-target';
import { readJson, write } from './support';

/**
 * The README walkthrough "Your first plugin", step by step, on examples/partner-plugin: pack both versions, install
 * 1.0.0 into a CRM app, import tenders, upgrade to 1.1.0 (budget renamed budgetAmount, budgetBand filled by its data
 * migration), remove and reinstall. The app is crm-core + crm-sales without examples/crm's seed; like a copy of
 * examples/crm in the repository, it finds them by name in plugins/ of the folder above it (here links to them).
 */
const repo = path.resolve(__dirname, '../../..');
const example = path.join(repo, 'examples/partner-plugin');

describe.each(testEngines())('README "Your first plugin": partner-tenders 1.0.0 -> 1.1.0 on crm-core + crm-sales (%s)', (engine) => {
  const savedUrl = process.env.DATABASE_URL;
  let dir: string;
  let app: string;
  let dist: string;
  let target: Target;
  const cli = async (...args: string[]) => {
    const r = await runCli(...args, '--app', app, ...target.args);
    if (r.code !== 0) throw new Error(`tessera ${args.join(' ')} exited ${r.code}\n${r.out}\n${r.err}`);
    return r;
  };
  const tenders = () => target.query((knex) => knex('tender').orderBy('tender_no').select('tender_no', 'name', 'budget_amount', 'budget_band', 'status'));

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'tessera-first-plugin-'));
    app = path.join(dir, 'my-crm');
    dist = path.join(dir, 'dist');
    target = await openTarget(engine, dir);
    await mkdir(path.join(dir, 'plugins'));
    for (const name of ['crm-core', 'crm-sales']) await symlink(path.join(repo, 'plugins', name), path.join(dir, 'plugins', name), 'dir');
    await write(app, 'app.json', { name: 'my-crm', label: { en: 'My CRM', 'zh-CN': '我的 CRM' }, plugins: ['crm-core', 'crm-sales'] });
    await cli('migrate');
  }, 60_000);
  afterAll(async () => {
    await target.close();
    if (savedUrl === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = savedUrl;
    await rm(dir, { recursive: true, force: true });
  });

  it('1. packs both versions of the example', async () => {
    for (const v of ['1.0.0', '1.1.0']) {
      const r = await runCli('plugin', 'pack', path.join(example, v), '--out', `${dist}/`);
      expect(r.err).toBe('');
      expect(r.code).toBe(0);
      expect(r.out).toContain(`Packed partner-tenders ${v} to ${path.join(dist, `partner-tenders-${v}.tgz`)}`);
    }
    expect((await runCli('plugin', 'pack', path.join(example, '1.1.0'), '--out', `${dist}/`)).out).toContain('  migrations/1.1.0.sql');
  });

  it('2. installs 1.0.0: the tender table, opportunity.tenderRef and the new source option', async () => {
    const r = await cli('plugin', 'install', path.join(dist, 'partner-tenders-1.0.0.tgz'), '--yes');
    expect(r.err).toBe('');
    expect(r.out).toMatch(/\[safe\] Create table tender/);
    expect(r.out).toMatch(/\[safe\] Add column opportunity\.tender_ref/);
    expect(r.out).toMatch(/partner-tenders 1\.0\.0 is installed \(migration history #\d+\)\.$/);
    expect((await readJson(path.join(app, 'app.json'))).plugins).toEqual(['crm-core', 'crm-sales', 'partner-tenders']);
    const loaded = await loadApp(fsReader(app));
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
    const source = loaded.app.entities.opportunity!.fields.source!.definition as { options: Array<{ value: string }> };
    expect(source.options.map((o) => o.value)).toContain('publicTender');
    expect(loaded.app.entities.tender!.label).toEqual({ en: 'Tender', 'zh-CN': '招标项目' });
  });

  it('3. imports an account and two tenders (labels of either language, the account by its name)', async () => {
    expect((await cli('import', '--entity', 'account', path.join(example, 'data/accounts.csv'))).out).toContain('Imported account: 1 line read, 1 created');
    expect((await cli('import', '--entity', 'tender', path.join(example, 'data/tenders.csv'))).out).toContain('Imported tender: 2 lines read, 2 created');
    const rows = await target.query((knex) => knex('tender').orderBy('tender_no').select('tender_no', 'budget', 'status'));
    expect(rows.map((r) => ({ ...r, budget: Number(r.budget) }))).toEqual([
      { tender_no: 'ZB-2025-0042', budget: 3800000, status: 'submitted' },
      { tender_no: 'ZB-2025-0057', budget: 650000, status: 'preparing' },
    ]);
  });

  it('4. upgrades to 1.1.0: budget is renamed budgetAmount with its values, and 1.1.0.sql fills budgetBand', async () => {
    const r = await cli('plugin', 'upgrade', path.join(dist, 'partner-tenders-1.1.0.tgz'), '--yes');
    expect(r.err).toBe('');
    expect(r.out).toMatch(/\[safe\] Rename column tender\.budget to budget_amount, keeping its 2 values/);
    expect(r.out).not.toMatch(/destructive\]/);
    expect(r.out).toContain('Data migrations, run in the migration\'s transaction after its steps: migrations/1.1.0.sql');
    expect(r.out).toMatch(/partner-tenders is upgraded from 1\.0\.0 to 1\.1\.0 \(migration history #\d+\)\.$/);
    expect(await target.query((knex) => knex.schema.hasColumn('tender', 'budget'))).toBe(false);
    expect((await tenders()).map((t) => ({ ...t, budget_amount: Number(t.budget_amount) }))).toEqual([
      { tender_no: 'ZB-2025-0042', name: '配电自动化终端采购项目', budget_amount: 3800000, budget_band: 'medium', status: 'submitted' },
      { tender_no: 'ZB-2025-0057', name: '智能电表运维服务框架招标', budget_amount: 650000, budget_band: 'small', status: 'preparing' },
    ]);
    expect(await target.query((knex) => knex('tessera_plugin_migrations').select('plugin', 'version'))).toEqual([{ plugin: 'partner-tenders', version: '1.1.0' }]);
  });

  it('5. removes it (tender and opportunity.tender_ref archived, folder kept) and reinstalls it by name with its records', async () => {
    const before = await tenders();
    const removed = await cli('plugin', 'remove', 'partner-tenders', '--yes');
    expect(removed.out).toMatch(/\[destructive\] Drop table tender, archiving its 2 rows first/);
    expect(removed.out).toMatch(/partner-tenders 1\.1\.0 is removed; its folder is kept as plugins\/\.removed\/partner-tenders-1\.1\.0/);
    expect(await target.query(async (knex) => ({ tender: await knex.schema.hasTable('tender'), ref: await knex.schema.hasColumn('opportunity', 'tender_ref') }))).toEqual({ tender: false, ref: false });
    expect((await readJson(path.join(app, 'app.json'))).plugins).toEqual(['crm-core', 'crm-sales']);

    const again = await cli('plugin', 'install', 'partner-tenders', '--yes');
    expect(again.out).toContain('Installing partner-tenders 1.1.0 from plugins/.removed/partner-tenders-1.1.0');
    expect(again.out).toMatch(/Restores what the removal of partner-tenders 1\.1\.0 archived .*tender \(#\d+, 2\)/);
    expect(await tenders()).toEqual(before);
    expect(existsSync(path.join(app, 'plugins/.removed/partner-tenders-1.1.0'))).toBe(false);
    expect((await cli('migrate', '--dry-run')).out).toMatch(/^Nothing to migrate/);
  });
});
