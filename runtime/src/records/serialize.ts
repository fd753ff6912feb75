import { fieldTypes, valueKinds, type EntityModel } from '@tessera/core';

/** A row (selected under camelCase names) as the API returns it: numbers as numbers, instants as ISO text. */
export function apiRecord(entity: EntityModel, row: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(row)) {
    const field = entity.fields[name];
    if (!field) continue;
    out[name] = value === null || value === undefined ? null : valueKinds[fieldTypes.get(field.type).valueKind(field.definition as never)].normalize(value);
  }
  return out;
}
