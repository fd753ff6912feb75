import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadApp, type AppModel } from '@tessera/core';
import { fsReader } from '../src/metadata/fs-reader';
import { runCli } from './support/run-cli';

const QUICKSTART = path.resolve(__dirname, '../../examples/quickstart');
const SALES = path.resolve(__dirname, '../../metadata/fixtures/valid/sales');

const readJson = async (file: string) => JSON.parse(await readFile(file, 'utf8'));
const writeJson = async (file: string, value: unknown) => {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, JSON.stringify(value));
};

async function load(appDir: string): Promise<AppModel> {
  const loaded = await loadApp(fsReader(appDir));
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues, null, 2));
  return loaded.app;
}

/** What the app serves, without the layer each part came from (which is the one thing an export changes). */
const served = (app: AppModel) => JSON.parse(JSON.stringify(
  { entities: app.entities, roles: app.roles, processes: app.processes, layouts: app.layouts, dashboards: app.dashboards },
  (key, value) => (key === 'origin' || key === 'extendedBy' ? undefined : value),
));

/** Removes an app's customization files. */
const dropCustomizations = async (appDir: string, folders: string[] = ['customizations']) => {
  for (const folder of folders) await rm(path.join(appDir, folder), { recursive: true });
};

/** Names one more plugin in an app's app.json. */
async function addPlugin(appDir: string, spec: string): Promise<void> {
  const manifest = await readJson(path.join(appDir, 'app.json'));
  await writeJson(path.join(appDir, 'app.json'), { ...manifest, plugins: [...(manifest.plugins ?? []), spec] });
}

describe('tessera export', () => {
  let dir: string;
  let app: string;
  let out: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'tessera-export-'));
    app = path.join(dir, 'app');
    out = path.join(app, 'exported');
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));
  const copy = (source: string) => cp(source, app, { recursive: true, filter: (file) => !file.split(path.sep).includes('.tessera') });

  it('writes the quickstart\'s customization as a plugin that validates and serves the same model in its place', async () => {
    await copy(QUICKSTART);
    const before = await load(app);
    const r = await runCli('export', '--app', app, '--out', out);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toBe(`Exported 1 customization file of quickstart as the plugin quickstart-customizations@0.1.0 to ${out}\n  customizations/company-tier.json`);
    expect(await readJson(path.join(out, 'plugin.json'))).toEqual({
      name: 'quickstart-customizations', version: '0.1.0', label: { en: 'Quickstart CRM customizations', 'zh-CN': '快速入门 CRM 定制' },
      description: expect.objectContaining({ en: expect.any(String), 'zh-CN': expect.any(String) }), customizations: 'customizations/*.json',
    });
    const original = await readJson(path.join(app, 'customizations/company-tier.json'));
    const exported = await readJson(path.join(out, 'customizations/company-tier.json'));
    expect(exported.patches).toEqual(original.patches);
    expect(path.resolve(out, 'customizations', exported.$schema)).toBe(path.resolve(app, 'customizations', original.$schema));

    await dropCustomizations(app);
    await addPlugin(app, './exported');
    expect((await runCli('validate', '--app', app)).code).toBe(0);
    const after = await load(app);
    expect(after.entities.company!.fields.tier!.origin).toBe('quickstart-customizations');
    expect(served(after)).toEqual(served(before));
  });

  it('depends on the app\'s plugins at their versions, and round-trips an app built on plugins', async () => {
    await copy(SALES);
    const before = await load(app);
    expect((await runCli('export', '--app', app, '--out', out)).code).toBe(0);
    expect((await readJson(path.join(out, 'plugin.json'))).dependsOn).toEqual({ 'crm-analytics': '^2.0.1', 'crm-sales': '^1.3.0', 'crm-core': '^1.4.2' });
    await dropCustomizations(app);
    // Without its customization the app serves another model (no auditor role, no region): the plugin must bring it back.
    expect(served(await load(app))).not.toEqual(served(before));
    await addPlugin(app, './exported');
    expect((await runCli('validate', '--app', app)).code).toBe(0);
    const after = await load(app);
    expect(after.roles.auditor).toBeDefined();
    expect(served(after)).toEqual(served(before));
  });

  it('keeps the order patches apply in when the customizations come from several folders', async () => {
    await copy(QUICKSTART);
    const manifest = await readJson(path.join(app, 'app.json'));
    await writeJson(path.join(app, 'app.json'), { ...manifest, customizations: ['customizations/*.json', 'studio/*.json'] });
    // studio/a.json relabels the field customizations/b.json adds: it must still come second.
    await writeJson(path.join(app, 'customizations/b.json'), { patches: [{ target: { kind: 'entity', name: 'deal' }, ops: [{ op: 'add', path: '/fields/region', value: { type: 'text' } }] }] });
    await writeJson(path.join(app, 'studio/a.json'), { patches: [{ target: { kind: 'entity', name: 'deal' }, ops: [{ op: 'add', path: '/fields/region/label', value: { en: 'Sales region', 'zh-CN': '销售大区' } }] }] });
    const before = await load(app);
    const r = await runCli('export', '--app', app, '--out', out);
    expect(r.out.split('\n').slice(1)).toEqual(['  customizations/001-b.json', '  customizations/002-company-tier.json', '  customizations/003-a.json']);
    await dropCustomizations(app, ['customizations', 'studio']);
    await addPlugin(app, './exported');
    const after = await load(app);
    expect(after.entities.deal!.fields.region!.label).toEqual({ en: 'Sales region', 'zh-CN': '销售大区' });
    expect(served(after)).toEqual(served(before));
  });

  it('refuses a folder that is not empty unless --force, which replaces only what the export writes', async () => {
    await copy(QUICKSTART);
    await writeJson(path.join(out, 'customizations/stale.json'), { patches: [] });
    await writeFile(path.join(out, 'NOTES.md'), 'keep me');
    const refused = await runCli('export', '--app', app, '--out', out);
    expect(refused.code).toBe(1);
    expect(refused.err).toBe(`${out} is not an empty folder; nothing was exported. Choose another folder, or pass --force to replace plugin.json and customizations/ in it.`);
    expect((await runCli('export', '--app', app, '--out', out, '--locale', 'zh-CN')).err).toContain('不是空文件夹，未导出');
    expect((await readdir(out)).sort()).toEqual(['NOTES.md', 'customizations']);
    const forced = await runCli('export', '--app', app, '--out', out, '--force');
    expect(forced.code).toBe(0);
    expect((await readdir(out)).sort()).toEqual(['NOTES.md', 'customizations', 'plugin.json']);
    expect(await readdir(path.join(out, 'customizations'))).toEqual(['company-tier.json']);
  });

  it('exports nothing from invalid metadata, and answers usage errors with exit 2', async () => {
    await copy(QUICKSTART);
    await writeFile(path.join(app, 'customizations/company-tier.json'), '{ "patches": ');
    const r = await runCli('export', '--app', app, '--out', out);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^customizations\/company-tier\.json: not valid JSON/);
    expect(r.err).toMatch(/nothing was exported \(1 issue\)/);
    await expect(readdir(out)).rejects.toThrow(/ENOENT/);
    const help = await runCli('export', '--help');
    expect(help.code).toBe(0);
    expect(help.out).toMatch(/^usage: tessera export \[--app DIR\] --out DIR \[--force\]/m);
    expect(help.out).toContain('add its folder to "plugins" in app.json');
    expect((await runCli('export', '--app', app)).code).toBe(2);
    expect((await runCli('export', '--out', out, '--bogus')).code).toBe(2);
    expect((await runCli('export', '--out', out, '--locale', 'fr')).code).toBe(2);
  });
});
