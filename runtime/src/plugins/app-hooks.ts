import type { AppModel } from '@tessera/core';
import { composeHooks } from '../records/compose-hooks';
import type { RecordHooks } from '../records/hooks';
import { PluginHooks } from './plugin-hooks';
import type { PluginRegistry } from './plugin-registry';

/** Every hook on an app's record writes: the process engine's (locks, triggers) and the plugins' code; undefined when none. */
export function appHooks(app: AppModel, processes: RecordHooks | undefined, plugins: PluginRegistry): RecordHooks | undefined {
  // The plugins' own writes run every hook again, these included: the closure reads `all` once it is built.
  const all: RecordHooks | undefined = composeHooks(processes, plugins.writeHandlers.size || plugins.saveHandlers.size ? new PluginHooks(plugins, app, () => all) : undefined);
  return all;
}
