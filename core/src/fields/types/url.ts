import { defineFieldType } from '../define-field-type';
import { TEXT_OPERATORS } from '../operator-sets';
import { codePointSort } from '../sort-sql';
import { coerceText } from '../text-like';

/** A web address; only http and https, so a stored link can never run script (javascript:). */
export const urlField = defineFieldType({
  name: 'url',
  kind: 'text',
  valueSchema: () => ({ type: 'string', format: 'uri', pattern: '^https?://', maxLength: 2048 }),
  column: (field) => ({ sqlType: 'varchar', length: 2048, notNull: field.required === true }),
  operators: TEXT_OPERATORS,
  coerce: coerceText,
  widget: 'url',
  sortSql: codePointSort,
});
