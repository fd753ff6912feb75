import type { FieldModel } from '../model/app-model';
import { fieldTypes } from './builtins';

/**
 * Where a field's value lives: a column of the entity's table; nowhere, computed on read (a formula); or beside the
 * record, in a table of the runtime's that it writes in the record's transaction (a user's password and roles).
 */
export type FieldStorage = 'column' | 'computed' | 'side';

/** Where a field's value lives: a field without a column that clients write is stored beside the record. */
export function fieldStorage(field: FieldModel): FieldStorage {
  const type = fieldTypes.get(field.type);
  if (type.column(field.definition as never)) return 'column';
  return type.computed ? 'computed' : 'side';
}

/** Whether clients write the field but never read it back (a password): no select list, filter, sort or answer has it. */
export const isWriteOnly = (field: FieldModel): boolean => fieldTypes.get(field.type).writeOnly === true;

/** Whether the field is stored in a column of text (varchar or text): compared with text as it is, without a cast. */
export function storesText(field: FieldModel): boolean {
  const sqlType = fieldTypes.get(field.type).column(field.definition as never)?.sqlType;
  return sqlType === 'varchar' || sqlType === 'text';
}
