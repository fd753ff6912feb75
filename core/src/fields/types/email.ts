import { emailMatchKey } from '../../duplicates/match-keys';
import { defineFieldType } from '../define-field-type';
import { TEXT_OPERATORS } from '../operator-sets';
import { codePointSort } from '../sort-sql';
import { coerceText } from '../text-like';

/** An e-mail address (at most 254 characters, RFC 5321). */
export const emailField = defineFieldType({
  name: 'email',
  kind: 'text',
  valueSchema: () => ({ type: 'string', format: 'email', maxLength: 254 }),
  column: (field) => ({ sqlType: 'varchar', length: 254, notNull: field.required === true }),
  operators: TEXT_OPERATORS,
  coerce: coerceText,
  widget: 'email',
  sortSql: codePointSort,
  matchKey: emailMatchKey,
});
