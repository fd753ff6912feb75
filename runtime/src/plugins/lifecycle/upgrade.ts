import type { AppModel } from '@tessera/core';
import semver from 'semver';
import { fsReader } from '../../metadata/fs-reader';
import { backupFolder, pluginFolder } from './app-folder';
import { loadChanged, loadCurrent, managedLayer } from './app-state';
import { ranMigrations, recordPlugin } from './bookkeeping';
import { guarded, migrateChange, type DestructivePolicy } from './change';
import { findConflicts } from './conflicts';
import { checkDependencies } from './dependencies';
import { customizationPath, customizationText, followRenames, readCustomizations, type CustomizationFile } from './customizations';
import { dataMigrations, pendingMigrations, runDataMigrations } from './data-migrations';
import { FileChanges } from './file-changes';
import type { LifecycleContext, LifecycleOutcome, OutcomeBase } from './outcome';
import { loadPluginLayers } from './plugin-layers';
import type { PluginSource } from './plugin-source';
import { PluginLifecycleError, problem } from './problems';

/**
 * Upgrades an installed plugin: the new version must be newer; its files replace plugins/<name> (the old folder kept
 * as plugins/.<name>-<old> until the upgrade commits); customizations follow its renames and are checked for conflicts
 * with what it changed, staying on top of it; the whole app must load; the migration and the plugin's data migrations
 * for every version past the installed one run in one transaction. Anything refused puts the files back.
 */
export async function upgradePlugin(ctx: LifecycleContext, source: PluginSource, destructive: DestructivePolicy = 'refuse'): Promise<LifecycleOutcome> {
  const { name, version } = source.manifest;
  const files = new FileChanges();
  let base: OutcomeBase = { action: 'upgrade', plugin: name, version, source: source.from };
  return guarded(files, () => base, async () => {
    const installed = managedLayer(await loadCurrent(ctx.appDir), name, 'use tessera plugin install').version ?? '0.0.0';
    base = { ...base, previous: installed };
    if (!semver.gt(version, installed)) throw new PluginLifecycleError([problem('upgrade.notNewer', { name, installed, version })]);
    const customizations = await readCustomizations(fsReader(ctx.appDir));
    const before = await pluginLayers(ctx.appDir);
    const folder = pluginFolder(ctx.appDir, name);
    const backup = backupFolder(ctx.appDir, name, installed);
    await files.move(folder, backup);
    files.discardOnCommit(backup);
    await files.writeTree(folder, source.files);
    await checkDependencies(ctx.appDir, source.manifest);
    const after = await pluginLayers(ctx.appDir);
    base = { ...base, ...(await mergeCustomizations(ctx.appDir, files, customizations, before, after)) };
    const app = await loadChanged(ctx.appDir);
    const ran = new Set((await ranMigrations(ctx.db, name)).map((m) => m.version));
    const migrations = pendingMigrations(dataMigrations(source.files), installed, version, ran);
    base = { ...base, migrations };
    return migrateChange(ctx, {
      app, files, destructive,
      alongside: async (trx, historyId) => {
        await runDataMigrations(trx, name, migrations, historyId);
        await recordPlugin(trx, { name, version, status: 'installed', historyId });
      },
    }, base);
  });
}

const pluginLayers = async (appDir: string): Promise<AppModel | undefined> => {
  const loaded = await loadPluginLayers(appDir);
  return loaded.ok ? loaded.app : undefined;
};

/**
 * Keeps the customization layer over the new version: patches follow the renames it declares (their files rewritten,
 * paths only) and every patch touching what it changed is reported as a conflict. Nothing of a patch is dropped.
 */
async function mergeCustomizations(appDir: string, files: FileChanges, customizations: CustomizationFile[], before?: AppModel, after?: AppModel) {
  if (!before || !after) return { conflicts: [], renames: [] };
  const rebased = followRenames(customizations, before, after);
  for (const custom of rebased.files) {
    if (rebased.renames.some((r) => r.file === custom.file)) await files.write(customizationPath(appDir, custom.file), customizationText(custom.doc));
  }
  return { conflicts: findConflicts(customizations, rebased.files, before, after), renames: rebased.renames };
}
