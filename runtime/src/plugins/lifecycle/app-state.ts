import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { loadApp, type AppModel, type LayerInfo } from '@tessera/core';
import type { PluginManifest } from '@tessera/metadata';
import { fsReader } from '../../metadata/fs-reader';
import { pluginFolder, pluginLayerDir, readAppFile } from './app-folder';
import { PluginLifecycleError, problem } from './problems';

/** The app as it is now; refuses (with its issues) when it does not load, since nothing could be compared with it. */
export async function loadCurrent(appDir: string): Promise<AppModel> {
  const loaded = await loadApp(fsReader(appDir));
  if (!loaded.ok) throw new PluginLifecycleError([problem('app.current')], loaded.issues);
  return loaded.app;
}

/** The app as a change left its files; refuses with every issue when it does not load. */
export async function loadChanged(appDir: string): Promise<AppModel> {
  const loaded = await loadApp(fsReader(appDir));
  if (!loaded.ok) throw new PluginLifecycleError([problem('app.invalid', { count: loaded.issues.length })], loaded.issues);
  return loaded.app;
}

/** A plugin's layer in a model. */
export const pluginLayer = (app: AppModel, name: string): LayerInfo | undefined => app.layers.find((l) => l.kind === 'plugin' && l.name === name);

/**
 * The installed plugin a command manages: its layer in the current model, which must come from plugins/<name> of
 * the app folder (a plugin found above the app or in node_modules belongs to whoever put it there).
 */
export function managedLayer(app: AppModel, name: string, hint: string): LayerInfo {
  const layer = pluginLayer(app, name);
  if (!layer) throw new PluginLifecycleError([problem('plugin.notInstalled', { name, hint })]);
  if (layer.dir !== pluginLayerDir(name)) throw new PluginLifecycleError([problem('plugin.elsewhere', { name, dir: layer.dir, expected: pluginLayerDir(name) })]);
  return layer;
}

/**
 * Refuses an install of a plugin the app has already: in plugins/<name>, named in app.json, or loaded (as a
 * dependency found elsewhere) by the app as it is.
 */
export async function refuseInstalled(appDir: string, name: string): Promise<void> {
  const inFolder = await readFile(path.join(pluginFolder(appDir, name), 'plugin.json'), 'utf8')
    .then((text) => (JSON.parse(text) as PluginManifest).version).catch(() => undefined);
  const listed = (await readAppFile(appDir)).manifest.plugins?.includes(name);
  const loaded = await loadApp(fsReader(appDir)).then((r) => (r.ok ? pluginLayer(r.app, name)?.version : undefined));
  const version = inFolder ?? loaded ?? (listed ? '?' : undefined);
  if (version !== undefined) throw new PluginLifecycleError([problem('install.installed', { name, version })]);
}
