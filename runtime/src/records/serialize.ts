import { fieldTypes, valueKinds, type EntityModel, type FieldModel } from '@tessera/core';

/** Turns a stored value (never null) into the API's shape of it. */
export type Normalize = (value: unknown) => unknown;

const normalizeOf = (field: FieldModel): Normalize => valueKinds[fieldTypes.get(field.type).valueKind(field.definition as never)].normalize;

// Each entity's field normalizers, looked up once: apiRecord runs for every row of every page.
const normalizers = new WeakMap<EntityModel, Map<string, Normalize>>();

function normalizersOf(entity: EntityModel): Map<string, Normalize> {
  let byField = normalizers.get(entity);
  if (!byField) normalizers.set(entity, (byField = new Map(entity.fieldNames.map((n) => [n, normalizeOf(entity.fields[n]!)]))));
  return byField;
}

/** How the API shows a value of the entity's field (numbers as numbers, instants as ISO text); undefined for a non-field. */
export const apiNormalizer = (entity: EntityModel, name: string): Normalize | undefined => normalizersOf(entity).get(name);

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
