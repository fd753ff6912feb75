import { defineFieldType } from '../define-field-type';
import { EQUALITY_OPERATORS } from '../operator-sets';
import { coerceUuid, targetIssues } from '../references';
import { columnSort } from '../sort-sql';

/** A required reference to the master record; details are deleted with their master. */
export const masterDetailField = defineFieldType({
  name: 'masterDetail',
  kind: 'reference',
  valueSchema: () => ({ type: 'string', format: 'uuid' }),
  column: (field) => ({ sqlType: 'uuid', notNull: true, references: { entity: field.target, onDelete: 'cascade' } }),
  operators: EQUALITY_OPERATORS,
  coerce: coerceUuid,
  widget: 'lookup',
  sortSql: columnSort,
  target: (field) => field.target,
  check: (field, ctx) => targetIssues(field.target, ctx),
});
