import { defineFieldType } from '../define-field-type';
import { referenceBase, targetIssues } from '../references';

/** A reference to a record of another (or the same) entity. */
export const lookupField = defineFieldType({
  name: 'lookup',
  ...referenceBase,
  column: (field) => ({
    sqlType: 'uuid',
    notNull: field.required === true,
    references: { entity: field.target, onDelete: field.onDelete ?? 'setNull' },
  }),
  widget: 'lookup',
  target: (field) => field.target,
  check: (field, ctx) => targetIssues(field.target, ctx),
});
