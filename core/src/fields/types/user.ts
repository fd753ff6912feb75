import { defineFieldType } from '../define-field-type';
import { EQUALITY_OPERATORS } from '../operator-sets';
import { coerceUuid } from '../references';
import { columnSort } from '../sort-sql';

/** A reference to a user (the system entity "user"). */
export const userField = defineFieldType({
  name: 'user',
  kind: 'reference',
  valueSchema: () => ({ type: 'string', format: 'uuid' }),
  column: (field) => ({ sqlType: 'uuid', notNull: field.required === true, references: { entity: 'user', onDelete: field.onDelete ?? 'setNull' } }),
  operators: EQUALITY_OPERATORS,
  coerce: coerceUuid,
  widget: 'user',
  sortSql: columnSort,
  target: () => 'user',
});
