import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { MANIFEST_FILE, unpackArchive } from '../../src/plugins/lifecycle/plugin-archive';
import { readTar, writeTar } from '../../src/plugins/lifecycle/tar';
import { runCli } from '../support/run-cli';
import type { Target } from '../support/cli-target';
import { readJson, snapshot, write, writePartner } from './support';

const noDatabase: Target = { args: [], query: async () => ({}) as never, close: async () => undefined };

describe('tar', () => {
  it('writes and reads regular files, long paths included, to the same bytes every time', () => {
    const long = `${'folder/'.repeat(20)}${'x'.repeat(90)}.json`;
    const entries = [{ path: 'plugin.json', data: Buffer.from('{}') }, { path: long, data: Buffer.alloc(1500, 7) }, { path: 'empty.txt', data: Buffer.alloc(0) }];
    const tar = writeTar(entries);
    expect(tar.length % 512).toBe(0);
    expect(readTar(tar)).toEqual(entries);
    expect(writeTar(entries).equals(tar)).toBe(true);
  });

  it('refuses a damaged header, a cut archive and a path too long for ustar', () => {
    const tar = writeTar([{ path: 'a.json', data: Buffer.from('{}') }]);
    const damaged = Buffer.from(tar);
    damaged[10] = 0x41;
    expect(() => readTar(damaged)).toThrow('the header at byte 0 is damaged (checksum)');
    expect(() => readTar(tar.subarray(0, 512))).toThrow('a.json is cut short');
    expect(() => writeTar([{ path: 'x'.repeat(101), data: Buffer.alloc(0) }])).toThrow(/is too long for a tar archive/);
  });
});

describe('tessera plugin pack', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'tessera-pack-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('checks the plugin, then writes <name>-<version>.tgz with a MANIFEST.json of every file, never node_modules or dotfiles', async () => {
    const partner = await writePartner(path.join(dir, 'src'));
    await write(partner, 'README.md', 'not shipped\n');
    const r = await runCli('plugin', 'pack', partner, '--out', `${dir}/dist/`);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const file = path.join(dir, 'dist', 'partner-1.0.0.tgz');
    const listed = ['plugin.json', 'entities/account-partner.json', 'entities/deal.json', 'migrations/1.0.0.sql'];
    expect(r.out.split('\n')).toEqual([expect.stringMatching(new RegExp(`^Packed partner 1\\.0\\.0 to ${file} \\(4 files, \\d+ bytes, sha256 in MANIFEST\\.json\\)$`)), ...listed.map((f) => `  ${f}`)]);
    const { listing, files } = unpackArchive(await readFile(file), file);
    expect(listing).toMatchObject({ format: 1, name: 'partner', version: '1.0.0' });
    expect(listing.files.map((f) => f.path)).toEqual(listed);
    expect(listing.files[0]).toEqual({ path: 'plugin.json', size: (await readFile(path.join(partner, 'plugin.json'))).length, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(files.get('entities/deal.json')!.equals(await readFile(path.join(partner, 'entities/deal.json')))).toBe(true);
    const again = path.join(dir, 'again.tgz');
    expect((await runCli('plugin', 'pack', partner, '--out', again)).code).toBe(0);
    expect((await readFile(again)).equals(await readFile(file))).toBe(true);
  });

  it('ships dist/ when plugin.json names hooks, and refuses to pack before they are built', async () => {
    const partner = await writePartner(path.join(dir, 'src'));
    const manifest = await readJson(path.join(partner, 'plugin.json'));
    await write(partner, 'plugin.json', { ...manifest, hooks: 'dist/hooks.js' });
    const missing = await runCli('plugin', 'pack', partner, '--out', dir);
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('plugin.json names the hooks file dist/hooks.js, which is missing: build the plugin first');
    expect(missing.err).toContain('nothing was packed');
    await write(partner, 'dist/hooks.js', 'module.exports = () => {};\n');
    await write(partner, 'dist/util.js', 'module.exports = {};\n');
    const r = await runCli('plugin', 'pack', partner, '--out', dir);
    expect(r.code).toBe(0);
    expect(r.out).toContain('  dist/hooks.js\n  dist/util.js');
  });

  it('reports metadata issues as tessera validate does, in English or Chinese, and writes nothing', async () => {
    const partner = await writePartner(path.join(dir, 'src'));
    await write(partner, 'entities/deal.json', { name: 'deal', label: { en: 'Deal' }, fields: { account: { type: 'lookup', target: 'nowhere' } } });
    await write(partner, 'migrations/next.sql', 'select 1;\n');
    const r = await runCli('plugin', 'pack', partner, '--out', dir);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^partner\/entities\/deal\.json \/fields\/account\/target: .*"nowhere"/m);
    expect(r.err).toContain('migrations/next.sql: a data migration is named after the plugin version it upgrades to (migrations/1.2.0.sql), at most 1.0.0');
    expect(r.err).toContain(`${partner}: 2 issues; nothing was packed`);
    const zh = await runCli('plugin', 'pack', partner, '--out', dir, '--locale', 'zh-CN');
    expect(zh.err).toContain(`${partner}：发现 2 个问题，未打包`);
    expect(existsSync(path.join(dir, 'partner-1.0.0.tgz'))).toBe(false);
  });

  it('refuses a tampered archive at install, naming the file, and changes nothing', async () => {
    const partner = await writePartner(path.join(dir, 'src'));
    const app = path.join(dir, 'app');
    await write(app, 'app.json', { name: 'shop' });
    expect((await runCli('plugin', 'pack', partner, '--out', dir)).code).toBe(0);
    const archive = path.join(dir, 'partner-1.0.0.tgz');
    const entries = readTar(gunzipSync(await readFile(archive)));
    const edit = async (change: (e: typeof entries) => typeof entries) => writeFile(archive, gzipSync(writeTar(change(entries.map((e) => ({ ...e }))))));
    const before = await snapshot(app, noDatabase);
    const install = () => runCli('plugin', 'install', archive, '--app', app, '--data', path.join(dir, 'db'), '--yes');

    await edit((e) => e.map((x) => (x.path === 'entities/deal.json' ? { ...x, data: Buffer.from(x.data.toString().replace('"title"', '"tytle"')) } : x)));
    const changed = await install();
    expect(changed.code).toBe(1);
    expect(changed.err).toBe(`${archive}: entities/deal.json does not match MANIFEST.json (its sha256 differs): the archive changed after it was packed\n\nRefused; nothing was changed: the files and the database are as they were.`);

    await edit((e) => [...e, { path: 'entities/extra.json', data: Buffer.from('{}') }]);
    expect((await install()).err).toContain('entities/extra.json does not match MANIFEST.json (not listed)');
    await edit((e) => e.filter((x) => x.path !== 'migrations/1.0.0.sql'));
    expect((await install()).err).toContain('migrations/1.0.0.sql does not match MANIFEST.json (listed, but missing)');
    await edit((e) => e.filter((x) => x.path !== MANIFEST_FILE));
    expect((await install()).err).toContain(`${archive}: MANIFEST.json is missing`);
    await edit((e) => [...e, { path: '../escape.json', data: Buffer.from('{}') }]);
    expect((await install()).err).toContain(`${archive}: "../escape.json" is not a safe path inside a plugin`);
    await writeFile(archive, 'not gzip');
    const zh = await runCli('plugin', 'install', archive, '--app', app, '--locale', 'zh-CN');
    expect(zh.code).toBe(1);
    expect(zh.err).toMatch(/不是插件归档：.*\n\n已拒绝，未做任何更改：文件和数据库保持原样。$/);

    expect(await snapshot(app, noDatabase)).toEqual(before);
    expect(existsSync(path.join(dir, 'db'))).toBe(false);
  });

  it('answers usage errors with exit 2', async () => {
    expect((await runCli('plugin')).code).toBe(2);
    expect((await runCli('plugin', 'publish', 'x')).err).toMatch(/^tessera plugin: unknown subcommand "publish"\nusage: tessera plugin pack\|install\|upgrade\|remove/);
    const noArg = await runCli('plugin', 'pack');
    expect(noArg).toMatchObject({ code: 2, err: 'tessera plugin: pack needs DIR\nusage: tessera plugin pack DIR [--out FILE|DIR] [--locale en|zh-CN]' });
    expect((await runCli('plugin', 'remove', 'x', '--out', 'y')).err).toMatch(/^tessera plugin: remove does not take --out/);
    expect((await runCli('plugin', 'install', 'a', 'b')).err).toMatch(/^tessera plugin: unexpected arguments: b/);
    expect((await runCli('plugin', '--help')).out).toContain('tessera plugin remove NAME');
  });
});
