import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadApp } from '@tessera/core';
import { fsReader } from '../../src/metadata/fs-reader';
import { testEngines } from '../support/databases';
import { runCli } from '../support/run-cli';
import { openTarget, type Target } from '../support/cli-target';
import { readJson, snapshot, write, writePartner } from './support';

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const [ACME, BIG, SMALL] = [id(1), id(2), id(3)];

/** The customer's customization layer over partner: a relabel, a field, picklist options, on its entity and its extension. */
const CUSTOMIZATION = {
  description: 'Added in the studio by the customer',
  patches: [
    { target: { kind: 'entity', name: 'deal' }, ops: [
      { op: 'replace', path: '/fields/score/label', value: { en: 'Customer score', 'zh-CN': '客户评分' } },
      { op: 'add', path: '/fields/region', value: { type: 'text', label: { en: 'Region' } } },
      { op: 'add', path: '/fields/stage/options/-', value: 'on_hold' },
      { op: 'replace', path: '/fields/amount/label', value: { en: 'Deal value' } },
    ] },
    { target: { kind: 'entity', name: 'account' }, ops: [{ op: 'add', path: '/fields/partnerTier/options/-', value: 'platinum' }] },
  ],
};

describe.each(testEngines())('plugin lifecycle: pack, install, upgrade, remove, reinstall (%s)', (engine) => {
  const savedUrl = process.env.DATABASE_URL;
  let dir: string;
  let app: string;
  let target: Target;
  const plugin = (...args: string[]) => runCli('plugin', ...args, '--app', app, ...target.args);
  const src = (name: string) => path.join(dir, name);
  /** Runs a CLI step that must be refused, and checks the app folder and the database are exactly as before. */
  const refused = async (...args: string[]) => {
    const before = await snapshot(app, target);
    const r = await plugin(...args);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/(Refused; nothing was changed: the files and the database are as they were\.|已拒绝，未做任何更改：文件和数据库保持原样。)$/);
    expect(await snapshot(app, target)).toEqual(before);
    return r;
  };

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'tessera-lifecycle-'));
    app = src('app');
    target = await openTarget(engine, dir);
    await write(app, 'app.json', { name: 'shop', label: { en: 'Shop' } });
    await writePartner(src('v100'));
    await writePartner(src('v110'), { version: '1.1.0', renamed: true });
    await writePartner(src('v110-bad-sql'), { version: '1.1.0', renamed: true, migration: 'update deal set nope = 1;\n' });
    await writePartner(src('v120-drops'), { version: '1.2.0', renamed: true, dropAmount: true });
    await writePartner(src('v120-drops-notes'), { version: '1.2.0', renamed: true, dropNotes: true });
    await writePartner(src('v200-range'), { version: '2.0.0', range: '^2.0.0' });
    for (const v of ['v100', 'v110']) expect((await runCli('plugin', 'pack', path.join(src(v), 'plugins/partner'), '--out', `${src('dist')}/`)).code).toBe(0);
  });
  afterAll(async () => {
    await target.close();
    if (savedUrl === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = savedUrl;
    await rm(dir, { recursive: true, force: true });
  });

  it('refuses a plugin whose dependency is missing, naming the plugin it needs', async () => {
    const r = await refused('install', src('dist/partner-1.0.0.tgz'), '--yes');
    expect(r.err.split('\n')[0]).toBe('partner 1.0.0 depends on base ^1.0.0, which is not installed: install base first');
  });

  it('installs the base plugin, showing the plan first (--dry-run, or no --yes, changes nothing)', async () => {
    const base = path.join(src('v100'), 'plugins/base');
    const dry = await plugin('install', base, '--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.out).toMatch(/^Installing base 1\.0\.0 from .*\n\nMigration plan for shop: \d+ steps/);
    expect(dry.out).toMatch(/\[safe\] Create table account/);
    expect(dry.out).toMatch(/Dry run: nothing was changed\.$/);
    expect((await plugin('install', base)).out).toMatch(/Nothing was changed: run again with --yes to apply this plan\.$/);
    expect(existsSync(path.join(app, 'plugins/base'))).toBe(false);
    expect(await readJson(path.join(app, 'app.json'))).toEqual({ name: 'shop', label: { en: 'Shop' } });
    const r = await plugin('install', base, '--yes');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/base 1\.0\.0 is installed \(migration history #1\)\.$/);
    expect((await readJson(path.join(app, 'app.json'))).plugins).toEqual(['base']);
  });

  it('refuses a dependency out of range, naming the plugin and the range', async () => {
    const r = await refused('install', path.join(src('v200-range'), 'plugins/partner'), '--yes');
    expect(r.err.split('\n')[0]).toBe('partner 2.0.0 depends on base ^2.0.0, but base 1.0.0 is installed');
  });

  it('installs the partner plugin from its archive, and its records can be created', async () => {
    const r = await plugin('install', src('dist/partner-1.0.0.tgz'), '--yes');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/\[safe\] Create table deal/);
    expect(r.out).toMatch(/\[safe\] Add column account\.partner_tier/);
    expect(r.out).toMatch(/partner 1\.0\.0 is installed \(migration history #2\)\.$/);
    expect((await readJson(path.join(app, 'app.json'))).plugins).toEqual(['base', 'partner']);
    expect(existsSync(path.join(app, 'plugins/partner/node_modules'))).toBe(false);
    expect(existsSync(path.join(app, 'plugins/partner/.env'))).toBe(false);
    await target.query(async (knex) => {
      await knex('account').insert({ id: ACME, name: 'Acme', industry: 'finance', partner_tier: 'gold' });
      await knex('deal').insert([
        { id: BIG, title: 'Big', amount: 1000, score: 80, stage: 'won', account: ACME },
        { id: SMALL, title: 'Small', amount: 10, score: 20, stage: 'new', account: ACME },
      ]);
    });
    expect((await refused('install', src('dist/partner-1.0.0.tgz'), '--yes')).err).toContain('partner 1.0.0 is installed already: use tessera plugin upgrade');
  });

  it('takes the customer\'s customization layer: a relabel, a field and picklist options', async () => {
    await write(app, 'customizations/partner.json', CUSTOMIZATION);
    const migrated = await runCli('migrate', '--app', app, ...target.args);
    expect(migrated.code).toBe(0);
    await target.query(async (knex) => {
      await knex('deal').where({ id: BIG }).update({ region: 'EU', stage: 'on_hold' });
      await knex('deal').where({ id: SMALL }).update({ region: 'US' });
      await knex('account').where({ id: ACME }).update({ partner_tier: 'platinum' });
    });
  });

  it('refuses an upgrade whose data migration fails, naming it, and leaves everything as it was', async () => {
    const r = await refused('upgrade', path.join(src('v110-bad-sql'), 'plugins/partner'), '--yes');
    expect(r.err).toMatch(/the data migration migrations\/1\.1\.0\.sql failed: .*nope/);
    expect(existsSync(path.join(app, 'plugins/.partner-1.0.0'))).toBe(false);
  });

  it('refuses an upgrade that removes what a customization changes, reporting the conflict; and a destructive one', async () => {
    const conflict = await refused('upgrade', path.join(src('v120-drops'), 'plugins/partner'), '--yes');
    expect(conflict.out).toContain('customizations/partner.json /patches/0/ops/3: the new version removed entity "deal" /fields/amount/label');
    expect(conflict.err).toMatch(/^customizations\/partner\.json \/patches\/0\/ops\/\d: patch operation failed/);
    const destructive = await refused('upgrade', path.join(src('v120-drops-notes'), 'plugins/partner'), '--yes');
    expect(destructive.out).toMatch(/\[destructive\] Drop column deal\.notes/);
    expect(destructive.err).toContain('the migration has 1 destructive step (dropColumn deal.notes); a plugin install or upgrade applies only safe steps unless given --allow-destructive');
  });

  it('upgrades 1.0.0 to 1.1.0: the rename keeps its data, data migrations run in version order, customizations stay on top', async () => {
    const before = await snapshot(app, target);
    const dry = await plugin('upgrade', src('dist/partner-1.1.0.tgz'), '--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.out).toMatch(/Dry run: nothing was changed\.$/);
    expect(await snapshot(app, target)).toEqual(before);
    const r = await plugin('upgrade', src('dist/partner-1.1.0.tgz'), '--yes');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain(`Upgrading partner 1.0.0 -> 1.1.0 from ${src('dist/partner-1.1.0.tgz')}`);
    expect(r.out).toContain('Customizations follow the renames of the new version (paths only; every value is kept):\n'
      + '  customizations/partner.json /patches/0/ops/0/path: /fields/score/label -> /fields/rating/label');
    expect(r.out).toContain('2 customizations touch what the new version changed; each stays on top of it, nothing is overwritten:\n'
      + '  customizations/partner.json /patches/0/ops/0: the new version changed entity "deal" /fields/rating/label\n'
      + '  customizations/partner.json /patches/0/ops/2: the new version changed entity "deal" /fields/stage/options');
    expect(r.out).toMatch(/\[safe\] Rename column deal\.score to rating/);
    expect(r.out).not.toMatch(/destructive\]/);
    expect(r.out).toContain('Data migrations, run in the migration\'s transaction after its steps: migrations/1.0.9.sql, migrations/1.0.10.sql, migrations/1.1.0.sql');
    expect(r.out).toMatch(/partner is upgraded from 1\.0\.0 to 1\.1\.0 \(migration history #\d+\)\.$/);

    const rows = await target.query((knex) => knex('deal').orderBy('title').select('id', 'title', 'rating', 'band', 'region', 'stage', 'notes'));
    expect(rows).toEqual([
      { id: BIG, title: 'Big', rating: 80, band: 'high-ab', region: 'EU', stage: 'on_hold', notes: null },
      { id: SMALL, title: 'Small', rating: 20, band: 'low-ab', region: 'US', stage: 'new', notes: null },
    ]);
    const ran = await target.query((knex) => knex('tessera_plugin_migrations').orderBy('id').select('plugin', 'version'));
    expect(ran).toEqual(['1.0.9', '1.0.10', '1.1.0'].map((version) => ({ plugin: 'partner', version })));
    expect(existsSync(path.join(app, 'plugins/.partner-1.0.0'))).toBe(false);
    expect((await readJson(path.join(app, 'plugins/partner/plugin.json'))).version).toBe('1.1.0');

    const loaded = await loadApp(fsReader(app));
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
    const deal = loaded.app.entities.deal!;
    expect(deal.fields.rating!.label).toEqual({ en: 'Customer score', 'zh-CN': '客户评分' });
    expect(deal.fields.region!.origin).toBe('shop');
    expect((deal.fields.stage!.definition as { options: string[] }).options).toEqual(['new', 'negotiation', 'won', 'lost', 'on_hold']);
    expect((loaded.app.entities.account!.fields.partnerTier!.definition as { options: string[] }).options).toEqual(['silver', 'gold', 'platinum']);
  });

  it('refuses to upgrade to a version that is not newer', async () => {
    expect((await refused('upgrade', src('dist/partner-1.0.0.tgz'), '--yes')).err).toContain('partner 1.1.0 is installed; 1.0.0 is not newer');
  });

  it('refuses to remove a plugin another depends on or extends, or that the customization layer patches', async () => {
    const base = await refused('remove', 'base', '--yes');
    expect(base.err).toContain('partner depends on base (^1.0.0): remove partner first');
    expect(base.err).toContain('partner extends account, an entity of base');
    const zh = await refused('remove', 'base', '--yes', '--locale', 'zh-CN');
    expect(zh.err).toContain('partner 依赖 base（^1.0.0）：请先移除 partner');
    const customized = await refused('remove', 'partner', '--yes');
    expect(customized.err).toContain('the app\'s own layer (shop: its entities or customizations) extends or patches deal, an entity of partner');
  });

  it('removes the plugin once nothing needs it: its tables and columns are archived, its folder kept', async () => {
    await rm(path.join(app, 'customizations'), { recursive: true });
    const r = await plugin('remove', 'partner', '--yes');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/\[destructive\] Drop table deal, archiving its 2 rows first/);
    expect(r.out).toMatch(/\[destructive\] Drop column account\.partner_tier, archiving its 1 value first/);
    expect(r.out).toContain('Every dropped table and column is archived first (tessera_archives); installing partner again restores them.');
    expect(r.out).toMatch(/partner 1\.1\.0 is removed; its folder is kept as plugins\/\.removed\/partner-1\.1\.0 \(migration history #\d+\)\.$/);
    expect((await readJson(path.join(app, 'app.json'))).plugins).toEqual(['base']);
    expect(existsSync(path.join(app, 'plugins/partner'))).toBe(false);
    expect((await readJson(path.join(app, 'plugins/.removed/partner-1.1.0/plugin.json'))).version).toBe('1.1.0');
    const live = await target.query(async (knex) => ({ deal: await knex.schema.hasTable('deal'), tier: await knex.schema.hasColumn('account', 'partner_tier') }));
    expect(live).toEqual({ deal: false, tier: false });
  });

  it('reinstalls it by name from plugins/.removed/, restoring its records and the columns it added', async () => {
    const r = await plugin('install', 'partner', '--yes');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('Installing partner 1.1.0 from plugins/.removed/partner-1.1.0');
    expect(r.out).toMatch(/Restores what the removal of partner 1\.1\.0 archived \(table or column, archive, rows\): deal \(#\d+, 2\), account\.partner_tier \(#\d+, 1\)/);
    const rows = await target.query((knex) => knex('deal').orderBy('title').select('id', 'rating', 'band', 'account'));
    expect(rows).toEqual([{ id: BIG, rating: 80, band: 'high-ab', account: ACME }, { id: SMALL, rating: 20, band: 'low-ab', account: ACME }]);
    expect(await target.query((knex) => knex('account').where({ id: ACME }).first('partner_tier'))).toEqual({ partner_tier: 'platinum' });
    expect(existsSync(path.join(app, 'plugins/.removed/partner-1.1.0'))).toBe(false);
    expect((await readJson(path.join(app, 'app.json'))).plugins).toEqual(['base', 'partner']);
    const migrate = await runCli('migrate', '--app', app, ...target.args, '--dry-run');
    expect(migrate.out).toMatch(/^Nothing to migrate/);
  });

  it('keeps the base plugin\'s own data throughout', async () => {
    expect(await target.query((knex) => knex('account').select('id', 'name', 'industry'))).toEqual([{ id: ACME, name: 'Acme', industry: 'finance' }]);
  });
});
