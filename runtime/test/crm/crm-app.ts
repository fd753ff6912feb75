import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadApp, type LoadResult } from '@tessera/core';
import { globSync } from 'tinyglobby';
import { fsReader } from '../../src/metadata/fs-reader';

/** The repository's plugins folder: every folder in it with a plugin.json is a plugin the CRM app is made of. */
export const PLUGINS_DIR = path.resolve(__dirname, '../../../plugins');

/** The plugin folders present now (plugins added later are picked up by the same tests), sorted by name. */
export function pluginDirs(): string[] {
  if (!existsSync(PLUGINS_DIR)) return [];
  return readdirSync(PLUGINS_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(path.join(PLUGINS_DIR, d.name, 'plugin.json')))
    .map((d) => path.join(PLUGINS_DIR, d.name))
    .sort();
}

/**
 * The names of the entities the plugins define (extensions left out), read straight from their files so that tests
 * can be declared per entity before the app is loaded. The loaded model is still what the tests run against.
 */
export function declaredEntities(dirs: readonly string[]): string[] {
  const names: string[] = [];
  for (const dir of dirs) {
    const manifest = JSON.parse(readFileSync(path.join(dir, 'plugin.json'), 'utf8')) as { entities?: string | string[] };
    const patterns = manifest.entities === undefined ? ['entities/*.json'] : ([] as string[]).concat(manifest.entities);
    for (const file of globSync(patterns, { cwd: dir, absolute: true }).sort()) {
      const data = JSON.parse(readFileSync(file, 'utf8')) as { name?: unknown };
      if (typeof data.name === 'string') names.push(data.name);
    }
  }
  return names;
}

/** Writes an app naming every plugin into a temporary folder, loads it through the file-system reader, and removes the folder. */
export async function loadCrmApp(dirs: readonly string[]): Promise<LoadResult> {
  const appDir = await mkdtemp(path.join(os.tmpdir(), 'tessera-crm-'));
  try {
    await writeFile(path.join(appDir, 'app.json'), JSON.stringify({
      name: 'crm-plugins', label: { en: 'CRM plugins', 'zh-CN': 'CRM 插件' }, locales: ['en', 'zh-CN'], plugins: dirs,
    }));
    return await loadApp(fsReader(appDir));
  } finally {
    await rm(appDir, { recursive: true, force: true });
  }
}
