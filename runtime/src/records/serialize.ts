import { fieldTypes, valueKinds, type EntityModel, type FieldModel } from '@tessera/core';

type Normalize = (value: unknown) => unknown;

const normalizeOf = (field: FieldModel): Normalize => valueKinds[fieldTypes.get(field.type).valueKind(field.definition as never)].normalize;

// Each entity's field normalizers, looked up once: apiRecord runs for every row of every page.
const normalizers = new WeakMap<EntityModel, Map<string, Normalize>>();

function normalizersOf(entity: EntityModel): Map<string, Normalize> {
  let byField = normalizers.get(entity);
  if (!byField) normalizers.set(entity, (byField = new Map(entity.fieldNames.map((n) => [n, normalizeOf(entity.fields[n]!)]))));
  return byField;
}

/** One field's value as the API returns it: numbers as numbers, instants as ISO text, null for none. */
export const apiValue = (field: FieldModel, value: unknown): unknown =>
  value === null || value === undefined ? null : normalizeOf(field)(value);

/** A row (selected under camelCase names) as the API returns it; columns that are not the entity's fields are dropped. */
export function apiRecord(entity: EntityModel, row: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const byField = normalizersOf(entity);
  const out: Record<string, unknown> = {};
  for (const name in row) {
    const normalize = byField.get(name);
    if (!normalize) continue;
    const value = row[name];
    out[name] = value === null || value === undefined ? null : normalize(value);
  }
  return out;
}
