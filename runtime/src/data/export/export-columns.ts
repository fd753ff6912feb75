import { exportValueOf, fieldTypes, isWriteOnly, localize, type EntityModel, type ExportValue, type FieldModel } from '@tessera/core';

/** One column of an export file: a field, its header, and how a value of it becomes a cell. */
export interface ExportColumn {
  readonly name: string;
  readonly header: string;
  /** The cell of a value as the API shows it; null (an empty cell) for no value. */
  cell(value: unknown): ExportValue | null;
}

// The system fields that close a row, in this order: who owns the record and when and by whom it changed, then its version.
const LAST = ['ownerId', 'createdAt', 'updatedAt', 'createdBy', 'updatedBy', 'version'];

/**
 * The columns of an entity's export, from the model the caller may read (so a hidden field has none): the id, then
 * the fields (only those asked for, when some are) in the entity's order with the system fields last; never a
 * write-only field. Headers are the labels in the language (falling back to English, then to the name); a header
 * equal to an earlier one, ignoring case, gets the field's name after it, so that every header names one field.
 */
export function exportColumns(entity: EntityModel, locale: string, fields?: readonly string[]): ExportColumn[] {
  const exported = entity.fieldNames.filter((n) => n !== 'id' && (!fields || fields.includes(n)) && !isWriteOnly(entity.fields[n]!));
  const names = ['id', ...exported.filter((n) => !LAST.includes(n)), ...LAST.filter((n) => exported.includes(n))];
  const taken = new Set<string>();
  return names.map((name) => {
    const field = entity.fields[name]!;
    const label = name === 'id' ? 'ID' : localize(field.label, locale, name);
    const header = taken.has(label.toLowerCase()) ? `${label} (${name})` : label;
    taken.add(label.toLowerCase()).add(header.toLowerCase());
    return { name, header, cell: cellOf(field, locale) };
  });
}

function cellOf(field: FieldModel, locale: string): ExportColumn['cell'] {
  const type = fieldTypes.get(field.type);
  return (value) => (value === null || value === undefined ? null : exportValueOf(type, value, field.definition as never, locale));
}
