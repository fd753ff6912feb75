import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { PluginManifest } from '@tessera/metadata';
import { glob } from 'tinyglobby';

/** The folders a plugin ships whole: its metadata, templates, seed data and data migrations. */
const SHIPPED_FOLDERS = ['entities', 'roles', 'processes', 'layouts', 'dashboards', 'templates', 'seed', 'migrations', 'customizations'];

/** The manifest keys that may name other globs than the conventional folders. */
const GLOB_KEYS = ['entities', 'roles', 'processes', 'layouts', 'dashboards', 'templates', 'customizations'] as const;

/**
 * The files of a plugin folder that make the plugin, as sorted POSIX paths: plugin.json, the shipped folders, whatever
 * the manifest's globs name, and the hooks file's folder (dist/) when it names one. Never node_modules or dotfiles.
 */
export async function pluginFiles(dir: string, manifest: PluginManifest): Promise<string[]> {
  const declared = GLOB_KEYS.flatMap((key) => {
    const value = manifest[key];
    return value === undefined ? [] : typeof value === 'string' ? [value] : value;
  });
  const hooksFolder = manifest.hooks ? path.posix.dirname(path.posix.normalize(manifest.hooks)) : undefined;
  const hooks = manifest.hooks ? [hooksFolder === '.' ? manifest.hooks : `${hooksFolder}/**`] : [];
  const files = await glob([...SHIPPED_FOLDERS.map((f) => `${f}/**`), ...declared, ...hooks], {
    cwd: dir, onlyFiles: true, dot: false, ignore: ['**/node_modules/**'], expandDirectories: false,
  });
  const inside = files.filter((f) => f !== 'plugin.json' && !f.startsWith('../'));
  return ['plugin.json', ...[...new Set(inside)].sort()];
}

/** Reads a plugin folder's files (those pluginFiles names) into memory, by POSIX path. */
export async function readPluginFolder(dir: string, manifest: PluginManifest): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  for (const file of await pluginFiles(dir, manifest)) files.set(file, await readFile(path.join(dir, ...file.split('/'))));
  return files;
}
