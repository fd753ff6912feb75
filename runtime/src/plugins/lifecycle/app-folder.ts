import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { AppManifest, PluginManifest } from '@tessera/metadata';
import semver from 'semver';

/** app.json as read: its text (to put back byte for byte) and its parsed manifest. */
export interface AppFile {
  readonly file: string;
  readonly text: string;
  readonly manifest: AppManifest;
}

/** A plugin name as a file name: "@acme/crm-x" becomes "acme-crm-x" (npm's tarball convention). */
export const fileStem = (name: string): string => name.replace(/^@/, '').replace('/', '-');

/** Where an app keeps an installed plugin: plugins/<name> (a scoped name is two folders, as fs-reader resolves it). */
export const pluginFolder = (appDir: string, name: string): string => path.join(appDir, 'plugins', ...name.split('/'));

/** The same folder as a layer's dir in the AppModel (POSIX, relative to the app folder). */
export const pluginLayerDir = (name: string): string => `plugins/${name}`;

/** Where an upgrade keeps the old version until it succeeds. */
export const backupFolder = (appDir: string, name: string, version: string): string => path.join(appDir, 'plugins', `.${fileStem(name)}-${version}`);

/** Where a removed plugin's folder is kept, for a reinstall. */
export const removedFolder = (appDir: string, name: string, version: string): string =>
  path.join(appDir, 'plugins', '.removed', `${fileStem(name)}-${version}`);

/** Reads app.json. */
export async function readAppFile(appDir: string): Promise<AppFile> {
  const file = path.join(appDir, 'app.json');
  const text = await readFile(file, 'utf8');
  return { file, text, manifest: JSON.parse(text) as AppManifest };
}

/** app.json's text with a plugin added to "plugins" (by name: it resolves to plugins/<name>). */
export function withPlugin(app: AppFile, name: string): string {
  return json({ ...app.manifest, plugins: [...(app.manifest.plugins ?? []), name] });
}

/** app.json's text without the given "plugins" entries; the key goes when no plugin is left. */
export function withoutPlugins(app: AppFile, specs: readonly string[]): string {
  const { plugins = [], ...rest } = app.manifest;
  const kept = plugins.filter((p) => !specs.includes(p));
  return json(kept.length ? { ...rest, plugins: kept } : rest);
}

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/** The folder of the newest removed version of a plugin, if the app kept one (plugins/.removed/<name>-<version>). */
export async function findRemoved(appDir: string, name: string): Promise<string | undefined> {
  const root = path.join(appDir, 'plugins', '.removed');
  const names = await readdir(root).catch(() => [] as string[]);
  const found: Array<{ dir: string; version: string }> = [];
  for (const entry of names) {
    const dir = path.join(root, entry);
    const manifest = await readFile(path.join(dir, 'plugin.json'), 'utf8').then((t) => JSON.parse(t) as PluginManifest).catch(() => undefined);
    if (manifest?.name === name && semver.valid(manifest.version)) found.push({ dir, version: manifest.version });
  }
  return found.sort((a, b) => semver.rcompare(a.version, b.version))[0]?.dir;
}
