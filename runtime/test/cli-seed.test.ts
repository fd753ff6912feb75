import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Knex } from 'knex';
import { openTarget, type Target } from './support/cli-target';
import { testEngines } from './support/databases';
import { runCli } from './support/run-cli';

const QUICKSTART = path.resolve(__dirname, '../../examples/quickstart');
const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const [CHINA, EAST, STORE, DEPOT, SHOWROOM] = [1, 2, 3, 4, 5].map(id) as [string, string, string, string, string];

const write = async (dir: string, file: string, value: unknown) => {
  await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
  await writeFile(path.join(dir, file), typeof value === 'string' ? value : JSON.stringify(value));
};

/** An app whose seed files run against file order: a plugin's self-lookup child first, stores before the warehouses they use. */
async function writeShops(dir: string): Promise<void> {
  await write(dir, 'app.json', { name: 'shops', plugins: ['geo'] });
  await write(dir, 'plugins/geo/plugin.json', { name: 'geo', version: '1.0.0', label: { en: 'Geography' } });
  await write(dir, 'plugins/geo/entities/region.json', { name: 'region', label: { en: 'Region' }, fields: { name: { type: 'text', required: true }, parent: { type: 'lookup', target: 'region' } } });
  await write(dir, 'plugins/geo/seed/regions.json', { entity: 'region', records: [{ id: EAST, name: '华东', parent: CHINA }, { id: CHINA, name: 'China' }] });
  await write(dir, 'entities/store.json', { name: 'store', label: { en: 'Store' }, fields: { name: { type: 'text', required: true }, region: { type: 'lookup', target: 'region', required: true }, warehouse: { type: 'lookup', target: 'warehouse' } } });
  await write(dir, 'entities/warehouse.json', { name: 'warehouse', label: { en: 'Warehouse' }, fields: { name: { type: 'text', required: true }, flagship: { type: 'lookup', target: 'store' } } });
  await write(dir, 'seed/a-stores.json', { entity: 'store', records: [{ id: STORE, name: 'Nanjing Road', region: EAST, warehouse: DEPOT }] });
  await write(dir, 'seed/b-warehouses.json', { entity: 'warehouse', records: [{ id: DEPOT, name: 'Pudong depot' }, { id: SHOWROOM, name: '上海展厅', flagship: STORE }] });
}

const editJson = async (file: string, edit: (doc: { records: Array<Record<string, unknown>> }) => void) => {
  const doc = JSON.parse(await readFile(file, 'utf8'));
  edit(doc);
  await writeFile(file, JSON.stringify(doc));
};

const rowCounts = (knex: Knex, tables: string[]) => Promise.all(tables.map(async (t) => Number((await knex(t).count('* as n'))[0]!.n)));
const historyCounts = async (knex: Knex) => Object.fromEntries(((await knex('tessera_history').select('entity').count('* as n').where('action', 'create').groupBy('entity')) as Array<{ entity: string; n: string }>).map((r) => [r.entity, Number(r.n)]));

describe.each(testEngines())('tessera seed (%s)', (engine) => {
  const savedUrl = process.env.DATABASE_URL;
  let dir: string;
  let app: string;
  let target: Target;
  const seed = (...args: string[]) => runCli('seed', '--app', app, ...target.args, ...args);
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'tessera-seed-'));
    app = path.join(dir, 'app');
    target = await openTarget(engine, dir);
  });
  afterEach(async () => {
    await target.close();
    if (savedUrl === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = savedUrl;
    await rm(dir, { recursive: true, force: true });
  });
  const copyQuickstart = () => cp(QUICKSTART, app, { recursive: true, filter: (source) => !source.split(path.sep).includes('.tessera') });

  it('migrates and seeds the quickstart example with history and resolved lookups, then creates nothing twice', async () => {
    await copyQuickstart();
    const first = await seed();
    expect(first.err).toBe('');
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/^Migrated the database \(\d+ steps\)\.\nSeeded quickstart from 3 files \(records that exist are skipped\):/);
    expect(first.out).toMatch(/company: 4 created, 0 skipped[^]*contact: 4 created, 0 skipped[^]*deal: 4 created, 0 skipped/);
    const read = () => target.query(async (knex) => ({
      rows: await rowCounts(knex, ['company', 'contact', 'deal']),
      history: await historyCounts(knex),
      won: await knex('deal').join('company', 'company.id', 'deal.company').where('deal.stage', 'won').first('deal.name', 'company.name as company', 'company.tier'),
    }));
    const after = await read();
    expect(after.rows).toEqual([4, 4, 4]);
    expect(after.history).toEqual({ company: 4, contact: 4, deal: 4 });
    expect(after.won).toEqual({ name: '云平台年度订阅', company: '杭州云帆科技有限公司', tier: 'b' });
    const again = await seed();
    expect(again.code).toBe(0);
    expect(again.out).not.toMatch(/Migrated/);
    expect(again.out).toMatch(/company: 0 created, 4 skipped[^]*contact: 0 created, 4 skipped[^]*deal: 0 created, 4 skipped/);
    expect(await read()).toEqual(after);
  });

  it('inserts in the order lookups need, across plugin and app files, within an entity and between entities that point at each other', async () => {
    await writeShops(app);
    const r = await seed();
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/region: 2 created[^]*warehouse: 2 created[^]*store: 1 created/);
    const rows = await target.query(async (knex) => ({
      east: await knex('region').where('id', EAST).first('parent'),
      store: await knex('store').where('id', STORE).first('region', 'warehouse'),
      showroom: await knex('warehouse').where('id', SHOWROOM).first('flagship'),
    }));
    expect(rows).toEqual({ east: { parent: CHINA }, store: { region: EAST, warehouse: DEPOT }, showroom: { flagship: STORE } });
  });

  it('runs the plugins\' write hooks on each seeded record, and refuses a plugin whose code cannot load', async () => {
    await writeShops(app);
    await write(app, 'plugins/geo/plugin.json', { name: 'geo', version: '1.0.0', label: { en: 'Geography' }, hooks: 'hooks.js' });
    await write(app, 'plugins/geo/entities/region.json', { name: 'region', label: { en: 'Region' }, fields: {
      name: { type: 'text', required: true }, parent: { type: 'lookup', target: 'region' }, stores: { type: 'integer', readOnly: true },
    } });
    // Every region counts the stores in it: a derived value, kept by the plugin's code.
    await write(app, 'plugins/geo/hooks.js', `exports.register = (api) => api.onWrite('store', async ({ after, records }) => {
      const stores = await records.list('store', { region: after.region });
      await records.update('region', after.region, { stores: stores.length });
    });`);
    const r = await seed();
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(await target.query((knex) => knex('region').orderBy('name').select('name', 'stores'))).toEqual([{ name: 'China', stores: null }, { name: '华东', stores: 1 }]);

    // Another file: the CLI runs in this process, where the first one stays loaded.
    await write(app, 'plugins/geo/plugin.json', { name: 'geo', version: '1.0.0', label: { en: 'Geography' }, hooks: 'broken.js' });
    await write(app, 'plugins/geo/broken.js', 'exports.nothing = 1;');
    const broken = await seed();
    expect(broken.code).toBe(1);
    expect(broken.err).toMatch(/^Nothing was seeded: geo: plugins\/geo\/broken.js exports no register\(api\) function/);
  });

  it('refuses invalid records with file, index, field and message, in English or Chinese, and touches no database', async () => {
    await copyQuickstart();
    await editJson(path.join(app, 'seed/deals.json'), (doc) => { doc.records[0]!.amount = -5; });
    await editJson(path.join(app, 'seed/contacts.json'), (doc) => { delete doc.records[3]!.mobile; });
    const r = await seed();
    expect(r.code).toBe(1);
    expect(r.err.split('\n')).toEqual(expect.arrayContaining([
      'seed/deals.json /records/0/amount: must be at least 0 [minimum]',
      'seed/contacts.json /records/3/email: Give an e-mail or a mobile number [rule:reachable]',
    ]));
    expect(r.err).toMatch(/the seed data is invalid; nothing was written \(2 problems\)/);
    const zh = await seed('--locale', 'zh-CN');
    expect(zh.err).toContain('seed/deals.json /records/0/amount: 不能小于 0 [minimum]');
    expect(zh.err).toContain('种子数据无效，未写入任何数据（2 个问题）');
    expect(await target.query((knex) => knex.schema.hasTable('deal'))).toBe(false);
  });

  it('reports every malformed file and record at once', async () => {
    await copyQuickstart();
    await write(app, 'seed/broken.json', '{ "entity": "deal", ');
    await write(app, 'seed/shape.json', { entity: 'deal', rows: [] });
    await write(app, 'seed/unknown.json', { entity: 'invoice', records: [] });
    await editJson(path.join(app, 'seed/deals.json'), (doc) => {
      doc.records[0]!.id = 'deal-1';
      doc.records[2]!.id = doc.records[1]!.id;
      doc.records.push('not a record' as never);
    });
    const r = await seed();
    expect(r.code).toBe(1);
    const lines = r.err.split('\n');
    expect(lines).toEqual(expect.arrayContaining([
      expect.stringMatching(/^seed\/broken\.json: not valid JSON: .+ \[seed\.json\]$/),
      expect.stringMatching(/^seed\/shape\.json: not a seed file \(expected \{"entity": "<entity name>", "records": \[/),
      expect.stringMatching(/^seed\/unknown\.json \/entity: the app has no entity "invoice" \(expected one of .*company, contact, deal/),
      'seed/deals.json /records/0/id: the record needs an "id" that is a UUID, by which seeding again finds it (found "deal-1") [seed.id]',
      'seed/deals.json /records/2/id: the deal id 30000000-0000-4000-8000-000000000002 is also given at seed/deals.json /records/1 [seed.duplicate]',
      'seed/deals.json /records/4: a record must be a JSON object [seed.record]',
    ]));
  });

  it('refuses references to records that exist nowhere and lookup cycles, naming each place', async () => {
    await writeShops(app);
    await editJson(path.join(app, 'seed/b-warehouses.json'), (doc) => { doc.records[0]!.flagship = STORE; });
    const cycle = await seed();
    expect(cycle.code).toBe(1);
    expect(cycle.err).toContain('seed/b-warehouses.json /records/0/flagship: the records refer to each other in a cycle '
      + '(seed/a-stores.json /records/0/warehouse -> seed/b-warehouses.json /records/0/flagship)');
    await editJson(path.join(app, 'seed/b-warehouses.json'), (doc) => { doc.records[0]!.flagship = id(99); });
    const missing = await seed();
    expect(missing.code).toBe(1);
    expect(missing.err).toContain(`seed/b-warehouses.json /records/0/flagship: refers to store ${id(99)}, which is neither in the seed files nor in the database [seed.reference]`);
    // Refused after its migration: the migration is undone too, and the database is as it was.
    expect(await target.query(async (knex) => Promise.all(['region', 'store', 'warehouse'].map((t) => knex.schema.hasTable(t))))).toEqual([false, false, false]);
  });

  it('refuses to seed over a pending destructive migration, printing the command that applies it', async () => {
    await copyQuickstart();
    expect((await seed()).code).toBe(0);
    await editJson(path.join(app, 'entities/contact.json'), (contact) => { delete (contact as unknown as { fields: Record<string, unknown> }).fields.birthday; });
    await editJson(path.join(app, 'seed/contacts.json'), (doc) => { doc.records.push({ id: id(42), name: 'Zhang San', mobile: '+86 137 0000 0000' }); });
    const r = await seed();
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/\[destructive\] Drop column contact\.birthday/);
    expect(r.err).toContain(`Not seeded: the database needs a migration that has destructive steps. Nothing was changed. Review it, then run:\n  tessera migrate --app ${app}${target.args.length ? ` --data ${target.args[1]}` : ''} --allow-destructive`);
    expect(await target.query((knex) => rowCounts(knex, ['contact']))).toEqual([4]);
  });

  it('says so when there is nothing to seed, and leaves the database alone', async () => {
    await copyQuickstart();
    await rm(path.join(app, 'seed'), { recursive: true });
    const r = await seed();
    expect(r.code).toBe(0);
    expect(r.out).toBe('quickstart has no seed files (seed/*.json).');
    expect(await target.query((knex) => knex.schema.hasTable('company'))).toBe(false);
  });

  it('rolls back every record when the database refuses one', async () => {
    await copyQuickstart();
    await editJson(path.join(app, 'seed/companies.json'), (doc) => { doc.records[3]!.creditCode = doc.records[1]!.creditCode; });
    const r = await seed();
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^seed\/companies\.json \/records\/3: a record with these values already exists \(a unique field or set of fields\): Key \(credit_code\)=\(91330106MA2CFL8X3Q\) already exists\. \[seed\.unique\]$/m);
    // The three companies before it were inserted, then rolled back with the history table the seed created.
    expect(await target.query(async (knex) => Promise.all(['company', 'contact', 'deal', 'tessera_history'].map((t) => knex.schema.hasTable(t))))).toEqual([false, false, false, false]);
  });
});

describe('tessera seed usage', () => {
  it('documents the seed format under --help and answers usage errors with exit 2', async () => {
    const help = await runCli('seed', '--help');
    expect(help.code).toBe(0);
    expect(help.out).toMatch(/^usage: tessera seed \[--app DIR\] \[--data DIR\]/m);
    expect(help.out).toContain('{"entity": "company", "records": [{"id": "<uuid>", "name": "Acme"}, ...]}');
    expect((await runCli('seed', '--bogus')).code).toBe(2);
    expect((await runCli('seed', '--locale', 'fr')).code).toBe(2);
    expect((await runCli('--help')).out).toMatch(/\n {2}seed +Load the app's seed data/);
  });
});
