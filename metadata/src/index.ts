import { schemas } from './generated/schemas';

export { schemas };
/** ajv's precompiled validator of every top-level schema, by its camelCased name (documentSchemas' kinds among them). */
export * as validators from './generated/validators';
export type * from './generated/types';

/** The base URI of every Tessera metadata schema's $id. */
export const SCHEMA_BASE = 'https://tessera.dev/schemas/';

/** The metadata documents a layer holds, each validated by one schema. */
export const documentSchemas = {
  app: `${SCHEMA_BASE}app.schema.json`,
  plugin: `${SCHEMA_BASE}plugin.schema.json`,
  entity: `${SCHEMA_BASE}entity.schema.json`,
  entityExtension: `${SCHEMA_BASE}entity-extension.schema.json`,
  role: `${SCHEMA_BASE}role.schema.json`,
  roleExtension: `${SCHEMA_BASE}role-extension.schema.json`,
  process: `${SCHEMA_BASE}process.schema.json`,
  layout: `${SCHEMA_BASE}layout.schema.json`,
  layoutExtension: `${SCHEMA_BASE}layout-extension.schema.json`,
  dashboard: `${SCHEMA_BASE}dashboard.schema.json`,
  customization: `${SCHEMA_BASE}customization.schema.json`,
  field: `${SCHEMA_BASE}field.schema.json`,
  condition: `${SCHEMA_BASE}condition.schema.json`,
} as const;

/** The kind of a metadata document, by the schema that validates it. */
export type DocumentKind = keyof typeof documentSchemas;

/** The $id of a field type's own schema (its options). */
export const fieldTypeSchemaId = (type: string): string => `${SCHEMA_BASE}field-types/${type}.schema.json`;
