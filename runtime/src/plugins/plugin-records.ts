import { ADMIN_ROLE, parseListQuery, parseSearchRequest, permissionsFor, renderIssue, type AppModel, type EntityModel, type Issue, type Permissions } from '@tessera/core';
import type { Knex } from 'knex';
import type { RecordHooks } from '../records/hooks';
import { readScopeOf } from '../records/scope';
import { listPage } from '../records/list-page';
import { search } from '../search/search';
import { createRecord, deleteRecord, getRecord, updateRecord, type RecordContext } from '../records/operations';
import { PluginLoadError } from './plugin-registry';
import type { PluginRecords } from './plugin-api';

const systems = new WeakMap<AppModel, Permissions>();

/**
 * The record context of a plugin acting as the system in a transaction: every entity and field, writing fields that
 * are read-only to clients, with every hook (a write of the plugin's starts processes as any write does).
 */
export function systemContext(app: AppModel, trx: Knex, userId: string | null, hooks: RecordHooks | undefined, now = new Date()): RecordContext {
  let permissions = systems.get(app);
  if (!permissions) systems.set(app, (permissions = permissionsFor(app, [ADMIN_ROLE])));
  return { db: trx, app, permissions, userId, locale: 'en', writesReadOnly: true, values: { now, today: now.toISOString().slice(0, 10) }, ...(hooks ? { hooks } : {}) };
}

const messagesOf = (issues: readonly Omit<Issue, 'file'>[]) => issues.map((i) => renderIssue({ ...i, file: '' } as Issue).message).join('; ');

/** The most records PluginRecords.list answers (a list page's maximum). */
const MAX_LIST = 500;

/**
 * Records through the records layer in a record context (its transaction, its roles): what a plugin's code reads and
 * writes is checked, audited and hooked as any API write. A plugin names entities by name; an unknown one is the
 * plugin's bug, reported as such.
 */
export function pluginRecords(ctx: RecordContext): PluginRecords {
  const entityOf = (name: string): EntityModel => {
    const entity = ctx.app.entities[name];
    if (!entity) throw new PluginLoadError(`a plugin asked for records of "${name}", which the app does not have`);
    return entity;
  };
  return {
    get: (entity, id) => getRecord(ctx, entityOf(entity), id),
    list: async (entity, filter, options = {}) => {
      const params = new URLSearchParams({ limit: String(Math.min(options.limit ?? MAX_LIST, MAX_LIST)) });
      if (filter) params.set('filter', JSON.stringify(filter));
      if (options.sort) params.set('sort', options.sort);
      const model = ctx.permissions.model;
      const parsed = parseListQuery(model, entityOf(entity).name, params);
      if (!parsed.ok) throw new PluginLoadError(`a plugin's list of ${entity} is not valid: ${messagesOf(parsed.issues)}`);
      return (await listPage(ctx.db, model, parsed.query, { values: ctx.values, scopeOf: readScopeOf(ctx) })).data;
    },
    create: (entity, body) => createRecord(ctx, entityOf(entity), body),
    update: (entity, id, changes) => updateRecord(ctx, entityOf(entity), id, changes),
    delete: (entity, id) => deleteRecord(ctx, entityOf(entity), id),
    search: async (q, options = {}) => {
      const params = new URLSearchParams({ q, limit: String(options.limit ?? 10) });
      if (options.entities) params.set('entities', options.entities.map((e) => entityOf(e).name).join(','));
      const model = ctx.permissions.model;
      const parsed = parseSearchRequest(model, params);
      if (!parsed.ok) throw new PluginLoadError(`a plugin's search is not valid: ${messagesOf(parsed.issues)}`);
      return search(ctx.db, model, parsed.request, { values: ctx.values, scopeOf: readScopeOf(ctx) });
    },
  };
}
