import type { LocalIssue } from '../errors/issue';
import { fieldTypes } from '../fields/builtins';
import { isUuid } from '../fields/kinds/reference';
import type { EntityModel } from '../model/app-model';
import type { ColumnMapping } from './column-mapping';

/** A cell naming a record by one of its fields, to be looked up before the line is written. */
export interface PendingLookup {
  readonly field: string;
  readonly target: string;
  readonly by: string;
  readonly value: string;
  readonly header: string;
}

/** A line turned into a record body (API field names and values), with the lookups still to resolve. */
export interface LineValues {
  readonly body: Record<string, unknown>;
  /** The record's id when the file gives one (a round trip, an upsert by id). */
  readonly id?: string;
  readonly lookups: readonly PendingLookup[];
  readonly issues: readonly LocalIssue[];
}

/**
 * Turns a line's cells into a body through each field type's coercion (what a CSV cell means: "1,234.5", "是",
 * a picklist label in any language). An empty cell is null. A reference holds an id, or text naming the target by its
 * mapped field (or its title field when the column does not say).
 */
export function lineValues(entity: EntityModel, app: { entities: Readonly<Record<string, EntityModel>> }, mapping: ColumnMapping, cells: readonly string[]): LineValues {
  const body: Record<string, unknown> = {};
  const lookups: PendingLookup[] = [];
  const issues: LocalIssue[] = [];
  let id: string | undefined;
  for (const column of mapping.columns) {
    const raw = (cells[column.index] ?? '').trim();
    const path = `/columns/${column.index}`;
    if (column.field === 'id') {
      if (raw === '') continue;
      if (!isUuid(raw)) issues.push({ code: 'import.cell', path, params: { header: column.header, value: raw, expected: 'a UUID' } });
      else id = raw.toLowerCase();
      continue;
    }
    const field = entity.fields[column.field]!;
    const type = fieldTypes.get(field.type);
    const target = type.target?.(field.definition as never);
    if (target && raw !== '' && (column.by || !isUuid(raw))) {
      const by = column.by ?? app.entities[target]!.titleField;
      if (by === 'id') issues.push({ code: 'import.cell', path, params: { header: column.header, value: raw, expected: 'a UUID' } });
      else lookups.push({ field: field.name, target, by, value: raw, header: column.header });
      continue;
    }
    const coerced = raw === '' ? { ok: true as const, value: null } : type.coerce(raw, field.definition as never, 'csv');
    if (coerced.ok) body[field.name] = coerced.value;
    else issues.push({ code: 'import.cell', path, params: { header: column.header, value: raw, expected: coerced.expected } });
  }
  return { body, lookups, issues, ...(id ? { id } : {}) };
}
