import { pluginFolder, readAppFile, withPlugin } from './app-folder';
import { loadChanged, refuseInstalled } from './app-state';
import { recordPlugin } from './bookkeeping';
import { guarded, migrateChange, type DestructivePolicy } from './change';
import { checkDependencies } from './dependencies';
import { FileChanges } from './file-changes';
import type { LifecycleContext, LifecycleOutcome, OutcomeBase } from './outcome';
import type { PluginSource } from './plugin-source';
import { planRestores, restoreRemoved } from './restore-removed';

/**
 * Installs a plugin: refuse one the app has already; unpack it into plugins/<name> and add it to app.json; load the
 * whole app (its dependencies in range); plan the migration, with the data of an earlier removal to restore; apply
 * the plan (safe steps unless allowed), restore and record the install in one transaction. Anything refused puts the files back.
 */
export async function installPlugin(ctx: LifecycleContext, source: PluginSource, destructive: DestructivePolicy = 'refuse'): Promise<LifecycleOutcome> {
  const { name, version } = source.manifest;
  const files = new FileChanges();
  let base: OutcomeBase = { action: 'install', plugin: name, version, source: source.from };
  return guarded(files, () => base, async () => {
    await refuseInstalled(ctx.appDir, name);
    const appFile = await readAppFile(ctx.appDir);
    await files.writeTree(pluginFolder(ctx.appDir, name), source.files);
    await files.write(appFile.file, withPlugin(appFile, name));
    // Reinstalled from plugins/.removed/: that copy has served its purpose once the install commits.
    if (source.removedDir) files.discardOnCommit(source.removedDir);
    await checkDependencies(ctx.appDir, source.manifest);
    const app = await loadChanged(ctx.appDir);
    const restores = await planRestores(ctx.db, app, name);
    base = { ...base, restores };
    return migrateChange(ctx, {
      app, files, destructive,
      alongside: async (trx, historyId) => {
        await restoreRemoved(trx, restores);
        await recordPlugin(trx, { name, version, status: 'installed', historyId });
      },
    }, base);
  });
}
