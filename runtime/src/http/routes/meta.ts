import { buildOpenApi, entityForm, type AppModel, type EntityModel } from '@tessera/core';
import { Router, type Response } from 'express';
import type { RouteModule } from '../context';
import { problem } from '../problem';
import { requestLocale } from '../request-locale';

/** What a client sees of an entity: names, labels, fields with their definitions, and its title field. */
const entityView = (e: EntityModel) => ({
  name: e.name, label: e.label, pluralLabel: e.pluralLabel, titleField: e.titleField, ownership: e.ownership,
  fields: e.fieldNames.map((n) => ({ ...e.fields[n]!.definition, name: n, label: e.fields[n]!.label, required: e.fields[n]!.required, system: e.fields[n]!.system })),
});

/** The AppModel as clients may see it (no templates' sources, no internals), with the visible entities. */
function metaView(app: AppModel, isAdmin: boolean) {
  const entities = Object.values(app.entities).filter((e) => !e.system || isAdmin);
  return {
    name: app.name, label: app.label, hash: app.hash, locales: app.locales, defaultLocale: app.defaultLocale,
    entities: entities.map(entityView),
    layouts: Object.values(app.layouts).filter((l) => entities.some((e) => e.name === l.entity)),
    dashboards: Object.values(app.dashboards),
    processes: Object.values(app.processes).map((p) => ({ name: p.name, label: p.label, entity: p.entity, trigger: p.trigger })),
  };
}

const isAdmin = (res: Response) => res.locals.user.roles.includes('admin');
const documents = new WeakMap<AppModel, Map<string, unknown>>();

/** GET /api/meta, GET /api/meta/entities/:name/form (the form's JSON Schema and uiSchema) and GET /api/openapi.json. */
export const metaRoutes: RouteModule = {
  path: '/meta',
  routes: (ctx) => Router()
    .get('/', (_req, res) => {
      res.json(metaView(ctx.app, isAdmin(res)));
    })
    .get('/entities/:name/form', (req, res) => {
      const entity = Object.hasOwn(ctx.app.entities, req.params.name) ? ctx.app.entities[req.params.name]! : undefined;
      if (!entity || (entity.system && !isAdmin(res))) throw problem(404, { code: 'entity.not-found', detail: 'No such entity.' });
      const variant = req.query.variant ?? 'create';
      const layout = req.query.layout;
      if ((variant !== 'create' && variant !== 'update') || (layout !== undefined && (typeof layout !== 'string' || ctx.app.layouts[layout]?.entity !== entity.name))) {
        throw problem(400, { code: 'form.query', detail: 'variant must be create or update; layout must be a layout of this entity.' });
      }
      res.json(entityForm(ctx.app, entity.name, { locale: requestLocale(req), variant, ...(layout ? { layout } : {}) }));
    }),
};

/** GET /api/openapi.json: the document of this app's API, built once per model and language. */
export const openApiRoutes: RouteModule = {
  path: '/openapi.json',
  routes: (ctx) => Router().get('/', (req, res) => {
    const locale = requestLocale(req);
    let byLocale = documents.get(ctx.app);
    if (!byLocale) documents.set(ctx.app, (byLocale = new Map()));
    if (!byLocale.has(locale)) byLocale.set(locale, buildOpenApi(ctx.app, { locale, serverUrl: '/' }));
    res.json(byLocale.get(locale));
  }),
};
