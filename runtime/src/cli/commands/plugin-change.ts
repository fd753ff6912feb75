import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Locale } from '@tessera/core';
import { connect } from '../../db/connect';
import type { DestructivePolicy } from '../../plugins/lifecycle/change';
import { installPlugin } from '../../plugins/lifecycle/install';
import type { LifecycleContext, LifecycleOutcome } from '../../plugins/lifecycle/outcome';
import { openPluginSource, type PluginSource } from '../../plugins/lifecycle/plugin-source';
import { PluginLifecycleError, problem } from '../../plugins/lifecycle/problems';
import { removePlugin } from '../../plugins/lifecycle/remove';
import { upgradePlugin } from '../../plugins/lifecycle/upgrade';
import type { CommandIo } from '../command';
import { databaseTarget } from '../database-target';
import type { PluginSubcommand } from './plugin-subcommand';
import { printOutcome, printRefusal } from './plugin-report';

type Values = Record<string, string | boolean | undefined>;
const FLAGS = '[--app DIR] [--data DIR] [--dry-run] [--yes] [--locale en|zh-CN]';
// --allow-destructive runs destructive steps too; each archives its data first, as tessera migrate's flag does.
const policy = (values: Values): DestructivePolicy => (values['allow-destructive'] === true ? 'allow' : 'refuse');

/** `tessera plugin install`: unpacks a plugin into the app, checks the whole app and migrates the database. */
export const installSubcommand: PluginSubcommand = {
  name: 'install',
  summary: 'Install a plugin (a .tgz, a folder, or the name of one removed earlier) into the app and migrate',
  usage: `tessera plugin install ARCHIVE|DIR|NAME ${FLAGS} [--allow-destructive]`,
  options: ['app', 'data', 'dry-run', 'yes', 'allow-destructive', 'locale'],
  run: (values, argument, locale, io) => runChange(values, locale, io, argument, (ctx, source) => installPlugin(ctx, source!, policy(values))),
};

/** `tessera plugin upgrade`: replaces an installed plugin with a newer version, keeping data and customizations. */
export const upgradeSubcommand: PluginSubcommand = {
  name: 'upgrade',
  summary: 'Upgrade an installed plugin to a newer version, keeping its data and the customizations over it',
  usage: `tessera plugin upgrade ARCHIVE|DIR ${FLAGS} [--allow-destructive]`,
  options: ['app', 'data', 'dry-run', 'yes', 'allow-destructive', 'locale'],
  run: (values, argument, locale, io) => runChange(values, locale, io, argument, (ctx, source) => upgradePlugin(ctx, source!, policy(values))),
};

/** `tessera plugin remove`: takes a plugin out of the app, archiving its data for a reinstall. */
export const removeSubcommand: PluginSubcommand = {
  name: 'remove',
  summary: 'Remove a plugin nothing depends on; its tables and columns are archived and come back on reinstall',
  usage: `tessera plugin remove NAME ${FLAGS}`,
  options: ['app', 'data', 'dry-run', 'yes', 'locale'],
  run: (values, argument, locale, io) => runChange(values, locale, io, undefined, (ctx) => removePlugin(ctx, argument)),
};

/**
 * The shared course of install, upgrade and remove: the app folder must exist, a plugin source is read and checked
 * before the database is opened (a bad archive touches nothing), then the step runs and its outcome is printed.
 */
async function runChange(values: Values, locale: Locale, io: CommandIo, sourceArg: string | undefined,
  operate: (ctx: LifecycleContext, source?: PluginSource) => Promise<LifecycleOutcome>): Promise<number> {
  const appDir = path.resolve(String(values.app ?? '.'));
  const dryRun = values['dry-run'] === true;
  let source: PluginSource | undefined;
  try {
    if (!existsSync(path.join(appDir, 'app.json'))) throw new PluginLifecycleError([problem('app.missing', { dir: appDir })]);
    if (sourceArg !== undefined) source = await openPluginSource(sourceArg, appDir);
  } catch (error) {
    if (error instanceof PluginLifecycleError) return printRefusal(error, locale, io);
    throw error;
  }
  const db = await connect(databaseTarget(appDir, values.data === undefined ? undefined : String(values.data)));
  try {
    const result = await operate({ appDir, db: db.knex, apply: values.yes === true && !dryRun }, source);
    return printOutcome(result, { locale, dryRun }, io);
  } finally {
    await db.close();
  }
}
