import { localize } from '../i18n';
import type { AppModel, EntityModel } from '../model/app-model';
import { apiPaths } from './api-paths';
import { duplicatePaths, duplicateSchemas } from './duplicate-paths';
import { entityPaths } from './entity-paths';
import { actionPaths } from './action-paths';
import { documentPaths } from './document-paths';
import { exportPaths } from './export-paths';
import { importPaths, jobPaths } from './import-paths';
import { notificationSchemas } from './notification-schemas';
import { headerComponents, parameterComponents } from './parameters';
import { problemResponses, problemSchemas } from './problem';
import { processSchemas } from './process-schemas';
import { entitySchemas } from './schemas';
import { searchPaths } from './search-paths';
import { READ_SECURITY, securitySchemes } from './security';
import { recordApiSchemas, apiSchemas } from './shared-schemas';
import { API_GROUPS, apiTag } from './texts';
import type { OpenApiOptions, OpenAPIDocument, Tag } from './types';

/** OpenAPI 3.1's own dialect: JSON Schema 2020-12, so the forms' schemas go in unchanged. */
const DIALECT = 'https://spec.openapis.org/oas/3.1/dialect/base';

/** The OpenAPI 3.1 document of the REST API (DESIGN.md §4), generated from the AppModel; pure, no I/O. */
export function buildOpenApi(app: AppModel, options: OpenApiOptions): OpenAPIDocument {
  const { locale } = options;
  const entities = Object.values(app.entities);
  // As GET /api/processes answers them: the processes of the entities the model (the caller's view of it) holds.
  const processes = Object.values(app.processes).filter((p) => Object.hasOwn(app.entities, p.entity));
  const manual = (entity: string) => processes.filter((p) => p.entity === entity && p.trigger.on === 'manual').map((p) => p.name);
  const groupTags = API_GROUPS.map((group) => ({ name: apiTag(group, locale) }));
  const tags = entityTags(entities, groupTags.map((t) => t.name), locale);
  return {
    openapi: '3.1.0',
    info: {
      title: localize(app.label, locale, app.name),
      version: app.version ?? '0.0.0',
      description: `REST API of ${app.name} (model ${app.hash.slice(0, 12)}).`,
    },
    jsonSchemaDialect: DIALECT,
    ...(options.serverUrl ? { servers: [{ url: options.serverUrl }] } : {}),
    security: READ_SECURITY,
    tags: [...entities.map((e) => tags.get(e.name)!), ...groupTags],
    paths: Object.assign(
      {},
      ...entities.map((e) => entityPaths(e, tags.get(e.name)!.name, locale, manual(e.name))),
      ...entities.filter((e) => !e.system).map((e) => duplicatePaths(e, tags.get(e.name)!.name, locale)),
      ...entities.map((e) => exportPaths(e, tags.get(e.name)!.name, locale)),
      ...entities.map((e) => importPaths(e, tags.get(e.name)!.name, locale)),
      actionPaths(entities, options.recordActions ?? [], (name) => tags.get(name)!.name, locale),
      ...entities.map((e) => documentPaths(e, tags.get(e.name)!.name, locale)),
      apiPaths(Object.keys(app.entities), processes.map((p) => p.name), locale),
      searchPaths(app, locale),
      jobPaths(locale),
    ),
    components: {
      schemas: Object.assign(
        {}, problemSchemas(), recordApiSchemas(), apiSchemas(), processSchemas(), notificationSchemas(), duplicateSchemas(),
        ...entities.map((e) => entitySchemas(app, e.name, locale)),
      ),
      parameters: parameterComponents(),
      headers: headerComponents(),
      responses: problemResponses(),
      securitySchemes: securitySchemes(),
    },
  };
}

// Tag names must be unique; two entities may share a label (in Chinese especially), so a repeated label gets the name.
function entityTags(entities: readonly EntityModel[], taken: readonly string[], locale: string): Map<string, Tag> {
  const labels = entities.map((e) => localize(e.pluralLabel, locale, e.name));
  return new Map(entities.map((e, i) => {
    const label = labels[i]!;
    const name = labels.indexOf(label) === labels.lastIndexOf(label) && !taken.includes(label) ? label : `${label} (${e.name})`;
    const description = localize(e.description, locale);
    return [e.name, { name, ...(description ? { description } : {}) }];
  }));
}
