import { fieldTypeSchemaId } from '@tessera/metadata';
import type { FieldTypeName } from '../model/app-model';
import type { FieldOf, FieldType } from './field-type';
import { valueKinds, type ValueKind } from './value-kinds';

/** What a field type file declares; defineFieldType derives the rest. */
export type FieldTypeSpec<N extends FieldTypeName> = Omit<FieldType<N>, 'schemaId' | 'valueKind' | 'compare' | 'format' | 'computed'> & {
  /** The one kind of value every field of this type holds. */
  readonly kind: ValueKind;
  readonly computed?: boolean;
  /** Defaults to the value kind's order. */
  compare?(a: unknown, b: unknown, field: FieldOf<N>): number;
  /** Formats a non-null value; defaults to its text. */
  format?(value: unknown, field: FieldOf<N>, locale: string): string;
};

/**
 * Builds a field type from its spec: the schema $id from the name, compare from the value kind, empty text coerced
 * to null and null formatted as '' for every type, so each type file only handles real values.
 */
export function defineFieldType<N extends FieldTypeName>(spec: FieldTypeSpec<N>): FieldType<N> {
  const { kind, coerce, format, ...rest } = spec;
  const definition = valueKinds[kind];
  return Object.freeze({
    schemaId: fieldTypeSchemaId(spec.name),
    valueKind: () => kind,
    compare: (a: unknown, b: unknown) => definition.compare(definition.normalize(a), definition.normalize(b)),
    computed: false,
    ...rest,
    coerce: (raw: string, field: FieldOf<N>, source: 'query' | 'csv') =>
      (raw.trim() === '' ? { ok: true as const, value: null } : coerce(raw, field, source)),
    format: (value: unknown, field: FieldOf<N>, locale: string) =>
      (value === null || value === undefined ? '' : format ? format(value, field, locale) : String(value)),
  });
}
