import path from 'node:path';
import { joinPath, type AppModel } from '@tessera/core';
import type { PluginManifest } from '@tessera/metadata';
import { fsReader } from '../../metadata/fs-reader';
import { pluginFolder, readAppFile, removedFolder, withoutPlugins } from './app-folder';
import { loadChanged, loadCurrent, managedLayer } from './app-state';
import { recordPlugin } from './bookkeeping';
import { guarded, migrateChange } from './change';
import { FileChanges } from './file-changes';
import type { LifecycleContext, LifecycleOutcome, OutcomeBase } from './outcome';
import { PluginLifecycleError, problem, type PluginProblem } from './problems';

/**
 * Removes an installed plugin: refused while another plugin depends on it or any other layer (the app's own, its
 * customizations included) extends its entities. Otherwise it leaves app.json, its folder moves to
 * plugins/.removed/<name>-<version>, and the migration drops its tables and the columns it added elsewhere, each
 * archived first, recording the removal so a reinstall restores them. Anything refused puts the files back.
 */
export async function removePlugin(ctx: LifecycleContext, name: string): Promise<LifecycleOutcome> {
  const files = new FileChanges();
  let base: OutcomeBase = { action: 'remove', plugin: name, version: '' };
  return guarded(files, () => base, async () => {
    const current = await loadCurrent(ctx.appDir);
    const layer = managedLayer(current, name, 'there is nothing to remove');
    const version = layer.version ?? '0.0.0';
    base = { ...base, version };
    const problems = [...(await dependents(ctx.appDir, current, name)), ...extensions(current, name)];
    if (problems.length) throw new PluginLifecycleError(problems);
    const appFile = await readAppFile(ctx.appDir);
    const reader = fsReader(ctx.appDir);
    const specs: string[] = [];
    for (const spec of appFile.manifest.plugins ?? []) if ((await reader.resolvePlugin(spec, '')) === layer.dir) specs.push(spec);
    const kept = removedFolder(ctx.appDir, name, version);
    await files.write(appFile.file, withoutPlugins(appFile, specs));
    await files.move(pluginFolder(ctx.appDir, name), kept);
    base = { ...base, keptAt: path.relative(ctx.appDir, kept).split(path.sep).join('/') };
    const app = await loadChanged(ctx.appDir);
    return migrateChange(ctx, {
      app, files, destructive: 'archivedDrops',
      alongside: (trx, historyId) => recordPlugin(trx, { name, version, status: 'removed', historyId }),
    }, base);
  });
}

/** The other plugins whose plugin.json depends on the plugin, with their ranges. */
async function dependents(appDir: string, app: AppModel, name: string): Promise<PluginProblem[]> {
  const reader = fsReader(appDir);
  const problems: PluginProblem[] = [];
  for (const layer of app.layers) {
    if (layer.kind !== 'plugin' || layer.name === name) continue;
    const manifest = JSON.parse((await reader.readText(joinPath(layer.dir, 'plugin.json')))!) as PluginManifest;
    const range = manifest.dependsOn?.[name];
    if (range !== undefined) problems.push(problem('remove.dependedOn', { name, by: layer.name, range }));
  }
  return problems;
}

/** Every other layer that extends or patches one of the plugin's entities. */
function extensions(app: AppModel, name: string): PluginProblem[] {
  return Object.values(app.entities)
    .filter((entity) => entity.origin === name)
    .flatMap((entity) => [...new Set(entity.extendedBy)].filter((by) => by !== name).map((by) => {
      const layer = app.layers.find((l) => l.name === by);
      return layer?.kind === 'plugin' ? problem('remove.extended', { name, entity: entity.name, by }) : problem('remove.customized', { name, entity: entity.name, by });
    }));
}
