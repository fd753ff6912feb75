import type { JsonSchema } from '../fields/field-type';
import { isWriteOnly } from '../fields/storage';
import { fieldSchema } from '../forms/field-schema';
import { entityForm } from '../forms/entity-form';
import { localize } from '../i18n';
import type { AppModel } from '../model/app-model';
import { ref, type Reference } from './types';

/** The most records one bulk request may carry. */
export const BULK_MAX_ITEMS = 1000;

/** The schemas each entity has in the document. */
export type EntitySchemaKind = 'create' | 'update' | 'record' | 'page' | 'bulkRequest' | 'bulkResult';

/** The stable component name of an entity's schema ("opportunity.create"). */
export const entitySchemaName = (entity: string, kind: EntitySchemaKind): string => `${entity}.${kind}`;

/** A `$ref` to an entity's schema. */
export const entitySchemaRef = (entity: string, kind: EntitySchemaKind): Reference => ref('schemas', entitySchemaName(entity, kind));

/**
 * A record as the API returns it: `{ id, version, ...fields }`, every field through its type's value schema (system
 * and formula fields included, lookups as ids; write-only fields never). Only id and version are always there:
 * `fields=` selects the rest.
 */
export function recordSchema(app: AppModel, entity: string, locale: string): JsonSchema {
  const model = app.entities[entity]!;
  return {
    type: 'object',
    title: localize(model.label, locale, model.name),
    additionalProperties: false,
    required: ['id', 'version'],
    properties: Object.fromEntries(model.fieldNames.filter((name) => !isWriteOnly(model.fields[name]!))
      .map((name) => [name, fieldSchema(model.fields[name]!, locale, app)])),
  };
}

/** Every schema of one entity, by component name; the create and update bodies are the forms' very schemas. */
export function entitySchemas(app: AppModel, entity: string, locale: string): Record<string, JsonSchema> {
  const schemas: Record<EntitySchemaKind, JsonSchema> = {
    create: entityForm(app, entity, { locale, variant: 'create' }).schema,
    update: entityForm(app, entity, { locale, variant: 'update' }).schema,
    record: recordSchema(app, entity, locale),
    page: {
      type: 'object',
      required: ['data', 'page'],
      properties: { data: { type: 'array', items: entitySchemaRef(entity, 'record') }, page: ref('schemas', 'Page') },
    },
    bulkRequest: {
      type: 'object',
      additionalProperties: false,
      required: ['records'],
      properties: {
        records: { type: 'array', minItems: 1, maxItems: BULK_MAX_ITEMS, items: entitySchemaRef(entity, 'create') },
        allOrNothing: { type: 'boolean', default: true, description: 'When true, one failing record fails them all and nothing is created.' },
      },
    },
    bulkResult: {
      type: 'object',
      required: ['results'],
      properties: { results: { type: 'array', items: bulkItemSchema(entity) } },
    },
  };
  return Object.fromEntries(Object.entries(schemas).map(([kind, schema]) => [entitySchemaName(entity, kind as EntitySchemaKind), schema]));
}

const bulkItemSchema = (entity: string): JsonSchema => ({
  type: 'object',
  required: ['index', 'status'],
  properties: {
    index: { type: 'integer', minimum: 0, description: 'The position of the record in the request.' },
    status: { type: 'integer', description: '201 when created, else the status the record alone would have had.' },
    record: entitySchemaRef(entity, 'record'),
    errors: { type: 'array', items: ref('schemas', 'ProblemError') },
  },
});
