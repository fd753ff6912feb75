import { defineFieldType } from '../define-field-type';
import { LONG_TEXT_OPERATORS } from '../operator-sets';
import { coerceText } from '../text-like';

/** Several lines of plain text; not sortable. */
export const longTextField = defineFieldType({
  name: 'longText',
  kind: 'text',
  valueSchema: (field) => ({ type: 'string', ...(field.maxLength === undefined ? {} : { maxLength: field.maxLength }) }),
  column: (field) => ({ sqlType: 'text', notNull: field.required === true }),
  operators: LONG_TEXT_OPERATORS,
  coerce: coerceText,
  widget: 'textarea',
});
