import { defineFieldType } from '../define-field-type';
import { LONG_TEXT_OPERATORS } from '../operator-sets';
import { coerceText } from '../text-like';

/** Formatted text (sanitised HTML); not sortable. */
export const richTextField = defineFieldType({
  name: 'richText',
  kind: 'text',
  valueSchema: (field) => ({ type: 'string', ...(field.maxLength === undefined ? {} : { maxLength: field.maxLength }) }),
  column: (field) => ({ sqlType: 'text', notNull: field.required === true }),
  operators: LONG_TEXT_OPERATORS,
  coerce: coerceText,
  widget: 'richText',
});
