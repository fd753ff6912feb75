import type { FieldDefinition } from '@tessera/metadata';
import type { OperatorName } from '../conditions/ast';
import type { MatchKey } from '../duplicates/match-key';
import type { Issue } from '../errors/issue';
import type { AppModel, FieldModel, FieldTypeName } from '../model/app-model';
import type { EvalContext, RecordData, SqlContext } from '../model/context';
import type { SqlFragment } from '../sql/fragment';
import type { ValueKind } from './value-kinds';

/** The definition of one field type, narrowed by its name. */
export type FieldOf<N extends FieldTypeName> = Extract<FieldDefinition, { type: N }>;

/** A JSON Schema fragment (for forms and request validation). */
export type JsonSchema = Record<string, unknown>;

/** What the migrator needs to know to create a field's column. */
export interface ColumnSpec {
  readonly sqlType: 'varchar' | 'text' | 'integer' | 'bigint' | 'numeric' | 'boolean' | 'date' | 'timestamptz' | 'jsonb' | 'uuid' | 'text[]';
  readonly length?: number;
  readonly precision?: number;
  readonly scale?: number;
  readonly notNull: boolean;
  /** A foreign key to the target entity's id. */
  readonly references?: { readonly entity: string; readonly onDelete: 'restrict' | 'setNull' | 'cascade' };
  /** The value is assigned from a sequence on insert and formatted by this pattern. */
  readonly autonumber?: { readonly format: string; readonly start: number };
}

/** The result of turning text (a query string, a CSV cell) into a field value. */
export type CoerceResult = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly expected: string };

/** A value as an export file (CSV, XLSX) holds it: text, or a number that a spreadsheet keeps as a number. */
export type ExportValue = string | number;

/** The form widgets the designer registers, by name. */
export type WidgetName =
  | 'text' | 'textarea' | 'richText' | 'email' | 'phone' | 'url' | 'integer' | 'number' | 'currency' | 'percent'
  | 'checkbox' | 'date' | 'datetime' | 'select' | 'multiSelect' | 'lookup' | 'user' | 'json' | 'password' | 'readOnly';

/** What semantic checks of a field need. */
export interface FieldCheckContext {
  readonly app: AppModel;
  readonly field: FieldModel;
  /** Where the field's definition is, for issues. */
  readonly at: { readonly file: string; readonly path: string };
}

/**
 * A field type: one object carrying everything about the type. Nothing outside the registry switches on type names;
 * every layer asks the type.
 */
export interface FieldType<N extends FieldTypeName = FieldTypeName> {
  readonly name: N;
  /** The $id of the metadata schema that validates this type's definition (its options). */
  readonly schemaId: string;
  /** The kind of value the field holds. */
  valueKind(field: FieldOf<N>): ValueKind;
  /** A JSON Schema fragment for one non-null value (nullability is added by the caller); the app gives values drawn from it (role names). */
  valueSchema(field: FieldOf<N>, locale: string, app: AppModel): JsonSchema;
  /**
   * The column to create, or undefined when the entity's table has none: a virtual field computed on read, or (not
   * computed) a value the runtime stores beside the record in its own tables, such as a user's password and roles.
   */
  column(field: FieldOf<N>): ColumnSpec | undefined;
  /** The condition operators the type allows. */
  readonly operators: readonly OperatorName[];
  /** Turns text from a query string or a CSV cell into a value. Empty text is null. */
  coerce(raw: string, field: FieldOf<N>, source: 'query' | 'csv'): CoerceResult;
  /** The default form widget. */
  readonly widget: WidgetName;
  /** The SQL to order by, given the value's SQL (a column or a computed expression); undefined when the type cannot be sorted. */
  sortSql?(column: SqlFragment, field: FieldOf<N>): SqlFragment;
  /** Orders two non-null values in memory the way sortSql orders them in SQL. */
  compare(a: unknown, b: unknown, field: FieldOf<N>): number;
  /** A value for display, in a language. */
  format(value: unknown, field: FieldOf<N>, locale: string): string;
  /**
   * A non-null value as an export file holds it, in a form the import reads back to the same value; a type whose
   * display format is already that form (text, dates, ids, picklist labels) leaves it out (see exportValueOf).
   */
  exportValue?(value: unknown, field: FieldOf<N>, locale: string): ExportValue;
  /** How a "normalized" duplicate rule compares values of the type; a type without one is matched exactly only. */
  readonly matchKey?: MatchKey;
  /** The entity a value points to, for reference types (lookup, masterDetail, user). */
  target?(field: FieldOf<N>): string;
  /** Computed by the system; clients never write it. */
  readonly computed: boolean;
  /** Clients write the value but never read it back: it is never selected, filtered, sorted or returned (a password). */
  readonly writeOnly?: boolean;
  /** Only Tessera's own entities declare it (a user's password and roles): the loader refuses it on any other entity. */
  readonly systemOnly?: boolean;
  /** The value is never null (a user's roles: [] for none), so no body may send null either. */
  readonly neverNull?: boolean;
  /** Semantic checks beyond the schema (targets exist, formulas type-check, options are distinct). */
  check?(field: FieldOf<N>, ctx: FieldCheckContext): Issue[];
  /** For fields without a column that clients read: the SQL expression of the value (a formula, a user's roles). */
  sqlExpression?(field: FieldOf<N>, model: FieldModel, ctx: SqlContext): SqlFragment;
  /** For virtual fields: the value computed from the record in memory. */
  compute?(field: FieldOf<N>, model: FieldModel, record: RecordData, ctx: EvalContext): unknown;
  /** For virtual fields: the fields the value is computed from, so that hiding one of them hides the value too. */
  readsFrom?(field: FieldOf<N>, model: FieldModel, app: AppModel): readonly FieldModel[];
}

/** A non-null value as an export file holds it: its type's exportValue, or else its display format. */
export function exportValueOf<N extends FieldTypeName>(type: FieldType<N>, value: unknown, field: FieldOf<N>, locale: string): ExportValue {
  return type.exportValue ? type.exportValue(value, field, locale) : type.format(value, field, locale);
}
