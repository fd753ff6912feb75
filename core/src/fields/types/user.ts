import { defineFieldType } from '../define-field-type';
import { referenceBase } from '../references';

/** A reference to a user (the system entity "user"). */
export const userField = defineFieldType({
  name: 'user',
  ...referenceBase,
  column: (field) => ({ sqlType: 'uuid', notNull: field.required === true, references: { entity: 'user', onDelete: field.onDelete ?? 'setNull' } }),
  widget: 'user',
  target: () => 'user',
});
