import type { DashboardDefinition, DuplicateRule, EntityDocument, FieldDefinition, FirstStart, I18N, LayoutDefinition, ProcessDefinition, RoleDefinition, ValidationRule } from '@tessera/metadata';

/** The name of a field type, from the metadata schema's union. */
export type FieldTypeName = FieldDefinition['type'];

/** A field as the merged model holds it. */
export interface FieldModel {
  readonly name: string;
  readonly entity: string;
  /** The SQL column: snake_case of the name. */
  readonly column: string;
  readonly type: FieldTypeName;
  /** The definition as merged from every layer (options, default, required...). */
  readonly definition: FieldDefinition;
  readonly label: I18N;
  readonly required: boolean;
  /** A system field (id, version, createdAt...): managed by the runtime, read-only to clients. */
  readonly system: boolean;
  /** The layer that defined the field: a plugin name, the app's name, or "system". */
  readonly origin: string;
}

/** An index or unique constraint over an entity's fields. */
export interface IndexModel {
  readonly fields: readonly string[];
  readonly unique: boolean;
  readonly name?: string;
}

/** An entity as the merged model holds it. */
export interface EntityModel {
  readonly name: string;
  /** The SQL table: snake_case of the name. */
  readonly table: string;
  readonly label: I18N;
  readonly pluralLabel: I18N;
  readonly description?: I18N;
  readonly icon?: string;
  readonly titleField: string;
  readonly ownership: 'user' | 'none';
  readonly renamedFrom?: string;
  /** Every field, system fields first, then in declaration order across layers. */
  readonly fields: Readonly<Record<string, FieldModel>>;
  readonly fieldNames: readonly string[];
  readonly indexes: readonly IndexModel[];
  readonly rules: readonly ValidationRule[];
  /** Rules that find records probably the same as one being written (core/src/duplicates). */
  readonly duplicateRules: readonly DuplicateRule[];
  /** Printable documents of a record, each rendered from a template (GET /api/records/:entity/:id/documents/:name). */
  readonly documents: readonly EntityDocument[];
  readonly origin: string;
  /** The layers that extended the entity, in order. */
  readonly extendedBy: readonly string[];
  /** A system entity (user, team), defined by Tessera itself. */
  readonly system: boolean;
}

/** A metadata layer that went into the model. */
export interface LayerInfo {
  readonly name: string;
  readonly version?: string;
  readonly kind: 'system' | 'plugin' | 'app' | 'customization';
  /** The layer's folder, relative to the app folder ("" for the app itself). */
  readonly dir: string;
  readonly label?: I18N;
  readonly hooks?: string;
}

/** A handlebars template a layer ships, by name; locale variants are name.<locale>.hbs. */
export interface TemplateModel {
  readonly name: string;
  readonly file: string;
  readonly sources: Readonly<Record<string, string>>;
}

/** The immutable, validated and merged model of an app. */
export interface AppModel {
  readonly name: string;
  readonly label: I18N;
  readonly version?: string;
  readonly locales: readonly string[];
  readonly defaultLocale: string;
  /** What the app does on its first start against an empty database (seed data, users). */
  readonly firstStart?: FirstStart;
  /** A SHA-256 of the canonical model: equal models have equal hashes. */
  readonly hash: string;
  readonly layers: readonly LayerInfo[];
  readonly entities: Readonly<Record<string, EntityModel>>;
  readonly roles: Readonly<Record<string, RoleDefinition>>;
  readonly processes: Readonly<Record<string, ProcessDefinition>>;
  readonly layouts: Readonly<Record<string, LayoutDefinition>>;
  readonly dashboards: Readonly<Record<string, DashboardDefinition>>;
  readonly templates: Readonly<Record<string, TemplateModel>>;
}
