import { defineFieldType } from '../define-field-type';
import { referenceBase, targetIssues } from '../references';

/** A required reference to the master record; details are deleted with their master. */
export const masterDetailField = defineFieldType({
  name: 'masterDetail',
  ...referenceBase,
  column: (field) => ({ sqlType: 'uuid', notNull: true, references: { entity: field.target, onDelete: 'cascade' } }),
  widget: 'lookup',
  target: (field) => field.target,
  check: (field, ctx) => targetIssues(field.target, ctx),
});
