import { buildOpenApi, entityForm, type AppModel, type EntityModel, type Permissions } from '@tessera/core';
import { Router } from 'express';
import type { PluginRegistry } from '../../plugins/plugin-registry';
import type { RouteModule } from '../context';
import { problem } from '../problem';
import { requestLocale } from '../request-locale';

const ACTIONS = ['create', 'update', 'delete', 'share', 'import', 'export'] as const;

/** What a client sees of an entity: names, labels, fields with their definitions, its title field, its printable documents, and what the caller may do. */
const entityView = (p: Permissions) => (e: EntityModel) => ({
  name: e.name, label: e.label, pluralLabel: e.pluralLabel, titleField: e.titleField, ownership: e.ownership,
  can: Object.fromEntries(ACTIONS.map((a) => [a, p.can(a, e.name)])),
  fields: e.fieldNames.map((n) => ({ ...e.fields[n]!.definition, name: n, label: e.fields[n]!.label, required: e.fields[n]!.required, system: e.fields[n]!.system })),
  documents: e.documents.map((d) => ({ name: d.name, label: d.label })),
});

/** The AppModel as clients may see it (no templates' sources, no internals): the model the caller's roles may read. */
function metaView(p: Permissions) {
  const app = p.model;
  const entities = Object.values(app.entities);
  return {
    name: app.name, label: app.label, hash: app.hash, locales: app.locales, defaultLocale: app.defaultLocale,
    entities: entities.map(entityView(p)),
    layouts: Object.values(app.layouts).filter((l) => entities.some((e) => e.name === l.entity)),
    dashboards: Object.values(app.dashboards),
    processes: Object.values(app.processes).map((p) => ({ name: p.name, label: p.label, entity: p.entity, trigger: p.trigger })),
  };
}

const documents = new WeakMap<AppModel, Map<string, unknown>>();

/** GET /api/meta, GET /api/meta/entities/:name/form (the form's JSON Schema and uiSchema) and GET /api/openapi.json. */
export const metaRoutes: RouteModule = {
  path: '/meta',
  routes: () => Router()
    .get('/', (_req, res) => {
      res.json(metaView(res.locals.permissions));
    })
    .get('/entities/:name/form', (req, res) => {
      // The form of the model the caller may read: hidden fields are not in it, fields they may not write are read-only.
      const seen = res.locals.permissions.model;
      const entity = Object.hasOwn(seen.entities, req.params.name) ? seen.entities[req.params.name]! : undefined;
      if (!entity) throw problem(404, { code: 'entity.not-found', detail: 'No such entity.' });
      const variant = req.query.variant ?? 'create';
      const layout = req.query.layout;
      if ((variant !== 'create' && variant !== 'update') || (layout !== undefined && (typeof layout !== 'string' || seen.layouts[layout]?.entity !== entity.name))) {
        throw problem(400, { code: 'form.query', detail: 'variant must be create or update; layout must be a layout of this entity.' });
      }
      res.json(entityForm(seen, entity.name, { locale: requestLocale(req), variant, ...(layout ? { layout } : {}) }));
    }),
};

/** The record actions plugins registered, as the OpenAPI document lists them. */
const recordActionsOf = (plugins: PluginRegistry) => [...plugins.actions].flatMap(([entity, byName]) =>
  [...byName].map(([name, action]) => ({ entity, name, label: action.label, requires: action.requires ?? 'update' as const })));

/** GET /api/openapi.json: the document of this app's API as the caller may use it, built once per role set, model and language. */
export const openApiRoutes: RouteModule = {
  path: '/openapi.json',
  routes: (ctx) => Router().get('/', (req, res) => {
    const locale = requestLocale(req);
    // The API as the caller's roles may use it: the entities and fields they may read.
    const seen = res.locals.permissions.model;
    let byLocale = documents.get(seen);
    if (!byLocale) documents.set(seen, (byLocale = new Map()));
    if (!byLocale.has(locale)) byLocale.set(locale, buildOpenApi(seen, { locale, serverUrl: '/', recordActions: recordActionsOf(ctx.plugins) }));
    res.json(byLocale.get(locale));
  }),
};
