import { Registry } from '@tessera/core';
import { EXIT, type Command } from '../command';
import { readLocale } from '../locale';
import { installSubcommand, removeSubcommand, upgradeSubcommand } from './plugin-change';
import { packSubcommand } from './plugin-pack';
import type { PluginSubcommand } from './plugin-subcommand';

/** The subcommands of `tessera plugin`, by name. */
export const pluginSubcommands = new Registry<string, PluginSubcommand>('plugin subcommand',
  [packSubcommand, installSubcommand, upgradeSubcommand, removeSubcommand].map((s) => [s.name, s] as const));

const DETAILS = `${pluginSubcommands.values().map((s) => `  ${s.usage}\n      ${s.summary}`).join('\n')}

Pack loads the plugin as an app would, finding its dependencies in plugins/<name> of the folders above it or in
node_modules. A plugin archive holds plugin.json, entities/, roles/, processes/, layouts/, dashboards/, templates/, seed/,
migrations/ (and dist/ when plugin.json names hooks) with a MANIFEST.json of every file's size and sha256; install
and upgrade refuse an archive that does not match it. Plugins live in the app's plugins/<name>/ and are named in
app.json. Install and upgrade print the migration plan and apply it with --yes (--dry-run only prints it); a plan
with destructive steps is refused unless given --allow-destructive (each archives its data first). An upgrade keeps
the customization layer on top of the new version (paths follow its renamedFrom renames; conflicts are reported)
and runs its data migrations, migrations/<version>.sql for each version past the installed one, in the migration's
transaction. Remove drops the plugin's tables and the columns it added, archiving them first; its folder is kept in
plugins/.removed/, and installing it again (by name) restores the archived data. A refusal changes nothing.`;

// Options of every subcommand; parsed without defaults, so an option a subcommand does not take can be refused.
const OPTIONS = {
  app: { type: 'string' }, data: { type: 'string' }, out: { type: 'string' }, locale: { type: 'string' },
  'dry-run': { type: 'boolean' }, yes: { type: 'boolean', short: 'y' }, 'allow-destructive': { type: 'boolean' },
} as const;

/** `tessera plugin pack|install|upgrade|remove`: the plugin lifecycle, one subcommand per step. */
export const pluginCommand: Command = {
  name: 'plugin',
  summary: 'Pack, install, upgrade or remove a plugin, keeping every record and customization',
  usage: 'tessera plugin pack|install|upgrade|remove ARGUMENT [options]',
  details: DETAILS,
  options: OPTIONS,
  async run(values, positionals, io) {
    const [name, argument, ...extra] = positionals;
    const sub = name === undefined ? undefined : pluginSubcommands.find(name);
    const usage = sub ? sub.usage : pluginCommand.usage;
    const stray = Object.keys(values).filter((key) => values[key] !== undefined && !sub?.options.includes(key));
    const wrong = !sub ? (name === undefined ? 'which subcommand? pack, install, upgrade or remove' : `unknown subcommand "${name}"`)
      : stray.length ? `${sub.name} does not take --${stray.join(', --')}`
        : argument === undefined ? `${sub.name} needs ${usage.split(' ')[3]}`
          : extra.length ? `unexpected arguments: ${extra.join(' ')}` : undefined;
    if (wrong) {
      io.err(`tessera plugin: ${wrong}\nusage: ${usage}`);
      return EXIT.usage;
    }
    const locale = readLocale(values, io);
    if (!locale) return EXIT.usage;
    return sub!.run(values, argument!, locale, io);
  },
};
