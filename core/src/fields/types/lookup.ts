import { defineFieldType } from '../define-field-type';
import { EQUALITY_OPERATORS } from '../operator-sets';
import { coerceUuid, targetIssues } from '../references';
import { columnSort } from '../sort-sql';

/** A reference to a record of another (or the same) entity. */
export const lookupField = defineFieldType({
  name: 'lookup',
  kind: 'reference',
  valueSchema: () => ({ type: 'string', format: 'uuid' }),
  column: (field) => ({
    sqlType: 'uuid',
    notNull: field.required === true,
    references: { entity: field.target, onDelete: field.onDelete ?? 'setNull' },
  }),
  operators: EQUALITY_OPERATORS,
  coerce: coerceUuid,
  widget: 'lookup',
  sortSql: columnSort,
  target: (field) => field.target,
  check: (field, ctx) => targetIssues(field.target, ctx),
});
