import { createRequire } from 'node:module';
import path from 'node:path';
import type { AppModel } from '@tessera/core';
import { parseExpression } from 'cron-parser';
import type { Row } from '../db/statement';
import { BUILTIN_TEMPLATES } from '../notifications/templates/builtin';
import type { LinkDefinition, PluginApi, PluginApp, PluginModule, RecordActionDefinition, SaveEvent, ScheduleDefinition, WriteEvent } from './plugin-api';

/** A plugin's code could not be loaded or registered something the app does not have. */
export class PluginLoadError extends Error {}

type WriteHandler = { readonly plugin: string; readonly handle: (event: WriteEvent) => Promise<void> };
type SaveHandler = { readonly plugin: string; readonly handle: (event: SaveEvent) => Promise<Row | undefined | void> };

/** A plugin's signed link, under the key "plugin/name". */
export type PluginLink = LinkDefinition & { readonly plugin: string; readonly name: string };

/** The links of a registry by "plugin/name": what linkUrl may sign. */
export type PluginLinks = ReadonlyMap<string, PluginLink>;

/** A plugin's schedule, under the key "plugin.name", with the links of its registry (its runs make their URLs). */
export type PluginSchedule = ScheduleDefinition & { readonly plugin: string; readonly name: string; readonly links: PluginLinks };

const CAMEL_CASE = /^[a-z][a-zA-Z0-9]*$/;

/** What the plugins' code registered: write and save handlers by entity, record actions by entity and name, schedules and links. */
export class PluginRegistry {
  readonly writeHandlers = new Map<string, WriteHandler[]>();
  readonly saveHandlers = new Map<string, SaveHandler[]>();
  readonly actions = new Map<string, Map<string, RecordActionDefinition & { readonly plugin: string }>>();
  readonly schedules = new Map<string, PluginSchedule>();
  readonly links = new Map<string, PluginLink>();

  private constructor(private readonly app: AppModel) {}

  /** Loads each plugin's "hooks" module (layers in order, the app folder's own too) and lets it register. */
  static load(app: AppModel, appDir: string): PluginRegistry {
    return PluginRegistry.of(app, app.layers.flatMap((layer) => {
      if (!layer.hooks) return [];
      const file = path.resolve(appDir, layer.hooks);
      try {
        return [{ plugin: layer.name, file: layer.hooks, module: createRequire(file)(file) as unknown }];
      } catch (error) {
        throw new PluginLoadError(`${layer.name}: its hooks module ${layer.hooks} cannot be loaded (${(error as Error).message}); build the plugin first`);
      }
    }));
  }

  /** Lets modules already loaded register, in order (the server loads them from files; tests give them directly). */
  static of(app: AppModel, modules: ReadonlyArray<{ readonly plugin: string; readonly file?: string; readonly module: unknown }>): PluginRegistry {
    const registry = new PluginRegistry(app);
    for (const { plugin, file, module } of modules) {
      const m = module as Partial<PluginModule> & { default?: Partial<PluginModule> };
      const register = m.register ?? m.default?.register;
      if (typeof register !== 'function') throw new PluginLoadError(`${plugin}: ${file ?? 'its hooks module'} exports no register(api) function`);
      register(registry.apiFor(plugin));
    }
    return registry;
  }

  /** An empty registry: an app whose plugins have no code. */
  static none(app: AppModel): PluginRegistry {
    return new PluginRegistry(app);
  }

  private apiFor(plugin: string): PluginApi {
    const known = (entity: string) => {
      if (!Object.hasOwn(this.app.entities, entity)) throw new PluginLoadError(`${plugin}: no entity "${entity}" to register code on`);
    };
    return {
      plugin,
      app: this.appInfo(),
      onWrite: (entity, handle) => {
        known(entity);
        this.writeHandlers.set(entity, [...(this.writeHandlers.get(entity) ?? []), { plugin, handle }]);
      },
      beforeSave: (entity, handle) => {
        known(entity);
        this.saveHandlers.set(entity, [...(this.saveHandlers.get(entity) ?? []), { plugin, handle }]);
      },
      recordAction: (entity, name, action) => {
        known(entity);
        if (!CAMEL_CASE.test(name)) throw new PluginLoadError(`${plugin}: record action "${name}" must be a camelCase name`);
        const byName = this.actions.get(entity) ?? new Map();
        if (byName.has(name)) throw new PluginLoadError(`${plugin}: ${entity} already has an action "${name}" (from ${byName.get(name)!.plugin})`);
        this.actions.set(entity, byName.set(name, { ...action, plugin }));
      },
      schedule: (name, schedule) => {
        if (!CAMEL_CASE.test(name)) throw new PluginLoadError(`${plugin}: schedule "${name}" must be a camelCase name`);
        if (this.schedules.has(`${plugin}.${name}`)) throw new PluginLoadError(`${plugin}: schedule "${name}" is registered twice`);
        if (!/^\S+( \S+){4}$/.test(schedule.cron)) throw new PluginLoadError(`${plugin}: schedule "${name}" has cron "${schedule.cron}"; expected five fields, such as "0 1 * * *"`);
        try {
          parseExpression(schedule.cron);
        } catch (error) {
          throw new PluginLoadError(`${plugin}: schedule "${name}" has cron "${schedule.cron}", which is not valid (${(error as Error).message})`);
        }
        this.schedules.set(`${plugin}.${name}`, { ...schedule, plugin, name, links: this.links });
      },
      link: (name, link) => {
        if (!CAMEL_CASE.test(name)) throw new PluginLoadError(`${plugin}: link "${name}" must be a camelCase name`);
        if (this.links.has(`${plugin}/${name}`)) throw new PluginLoadError(`${plugin}: link "${name}" is registered twice`);
        this.links.set(`${plugin}/${name}`, { ...link, plugin, name });
      },
    };
  }

  private appInfo(): PluginApp {
    const { name, label, locales, defaultLocale, templates } = this.app;
    return { name, label, locales, defaultLocale, hasTemplate: (t) => Object.hasOwn(templates, t) || Object.hasOwn(BUILTIN_TEMPLATES, t) };
  }
}
